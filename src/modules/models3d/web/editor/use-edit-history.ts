import { useCallback, useState } from 'react';
import type { BuildingModel } from '../../domain/building-model.js';

/**
 * The model being edited with undo and redo (100 steps). A canvas gesture (dragging a wall)
 * previews many models but records one step, from where it started.
 */
export function useEditHistory(initial: BuildingModel) {
  const [model, setModel] = useState(initial);
  const [past, setPast] = useState<BuildingModel[]>([]);
  const [future, setFuture] = useState<BuildingModel[]>([]);
  const [gestureStart, setGestureStart] = useState<BuildingModel | null>(null);

  const record = useCallback((before: BuildingModel, next: BuildingModel) => {
    setPast((p) => [...p.slice(-99), before]);
    setFuture([]);
    setModel(next);
  }, []);
  const commit = useCallback((next: BuildingModel) => record(model, next), [model, record]);
  /** `done` ends a gesture; until then the model only previews. */
  const gesture = (next: BuildingModel, done: boolean) => {
    if (!done) {
      if (!gestureStart) setGestureStart(model);
      setModel(next);
      return;
    }
    record(gestureStart ?? model, next);
    setGestureStart(null);
  };
  const undo = useCallback(() => {
    const previous = past.at(-1);
    if (!previous) return false;
    setPast(past.slice(0, -1));
    setFuture([model, ...future]);
    setModel(previous);
    return true;
  }, [past, future, model]);
  const redo = useCallback(() => {
    const [next, ...rest] = future;
    if (!next) return;
    setPast([...past, model]);
    setFuture(rest);
    setModel(next);
  }, [past, future, model]);

  return { model, commit, gesture, undo, redo, canUndo: past.length > 0, canRedo: future.length > 0 };
}
