import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DoorOpen,
  Layers,
  Maximize,
  MousePointer2,
  PenLine,
  Redo2,
  Ruler,
  Save,
  Square,
  Undo2,
} from 'lucide-react';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ModelDetail } from '../contract.js';
import { type BuildingModel, buildingModelSchema, type Point } from '../domain/building-model.js';
import { removeElement, rescale } from '../domain/edit-model.js';
import { areaOptionsOf, livingArea, modelFigures, polygonArea } from '../domain/geometry.js';
import { AddFloorDialog } from './editor/add-floor-dialog.js';
import { ElementPanel } from './editor/element-panel.js';
import { PlanCanvas, type Selection, type Tool, type Underlay, type ViewBox } from './editor/plan-canvas.js';
import { ScaleDialog } from './editor/scale-dialog.js';
import { useEditHistory } from './editor/use-edit-history.js';

interface PlanSource {
  planId: string;
  placement: { pxPerMetre: number; originPx: Point };
  underlay: { width: number; height: number };
  /** Why the reading is only partial (the server's own German sentence) and how the walls are drawn. */
  detected?: { unsure?: string | null; wallStyle?: 'solid' | 'hatched' | 'outline' };
}

const isPlanSource = (value: unknown): value is PlanSource =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PlanSource).planId === 'string' &&
  Boolean((value as PlanSource).placement && (value as PlanSource).underlay);

/** The plan a floor was read from: its own (an added storey), or the model's for the first floor. */
function planOfFloor(
  input: Record<string, unknown>,
  floorId: string | undefined,
  index: number,
): PlanSource | null {
  const own = (input.floorPlans as Record<string, unknown> | undefined)?.[floorId ?? ''];
  if (isPlanSource(own)) return own;
  return index === 0 && isPlanSource(input) ? input : null;
}

/** The floor a `?geschoss=` value names, when the model has it. */
function floorOfParam(value: string | null, floors: number): number | null {
  const index = Number(value ?? Number.NaN);
  return Number.isInteger(index) && index >= 0 && index < floors ? index : null;
}

/** The floor's walls and rooms with room for dimensions around; an empty floor shows 12 × 10 m. */
function fitView(model: BuildingModel, floorIndex: number): ViewBox {
  const floor = model.floors[floorIndex];
  const points = [
    ...(floor?.walls.flatMap((w) => [w.a, w.b]) ?? []),
    ...(floor?.rooms.flatMap((r) => r.polygon) ?? []),
  ];
  if (points.length === 0) return { x: -1, y: -1, w: 12, h: 10 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const margin = 1.2;
  return {
    x: Math.min(...xs) - margin,
    y: Math.min(...ys) - margin,
    w: Math.max(...xs) - Math.min(...xs) + 2 * margin,
    h: Math.max(...ys) - Math.min(...ys) + 2 * margin,
  };
}

export function ModelEditorPage() {
  const { modelId = '' } = useParams();
  const query = useQuery({
    queryKey: ['models3d', 'one', modelId],
    queryFn: () => api<ModelDetail>(`/3d/models/${modelId}`),
  });
  // Keyed by revision: a saved model starts a fresh editing session.
  return <QueryState query={query}>{(model) => <Editor key={model.revision} detail={model} />}</QueryState>;
}

function ToolButton(props: { active: boolean; onClick(): void; icon: ReactNode; label: string }) {
  return (
    <button
      type="button"
      aria-pressed={props.active}
      title={props.label}
      onClick={props.onClick}
      className={`inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm font-medium ring-1 ${
        props.active
          ? 'bg-brand text-white ring-brand'
          : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
      }`}
    >
      {props.icon}
      {props.label}
    </button>
  );
}

/**
 * The 2D editor: walls (drag ends or whole walls, draw new ones, type exact lengths), doors and
 * windows on walls, rooms found from the walls with live areas, the uploaded plan underneath,
 * a reference line to fix the scale, undo and redo. Saving builds the next 3D revision.
 */
function Editor({ detail }: { detail: ModelDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { model, commit, gesture, undo: undoStep, redo, canUndo, canRedo } = useEditHistory(detail.model);
  const [params] = useSearchParams();
  const [floorIndex, setFloorIndex] = useState(
    () => floorOfParam(params.get('geschoss'), detail.model.floors.length) ?? 0,
  );
  const [addingFloor, setAddingFloor] = useState(false);
  // `?geschoss=n` opens a floor, also when it arrives with a refetch (a floor just added).
  const wanted = params.get('geschoss');
  const floorCount = model.floors.length;
  useEffect(() => {
    const index = floorOfParam(wanted, floorCount);
    if (index !== null) setFloorIndex(index);
  }, [wanted, floorCount]);
  const [tool, setTool] = useState<Tool>('auswahl');
  const [selection, setSelection] = useState<Selection>(null);
  const [showUnderlay, setShowUnderlay] = useState(true);
  const [showDimensions, setShowDimensions] = useState(true);
  /** Product of the rescales in this session: the plan images underneath shrink or grow with it. */
  const [rescaledBy, setRescaledBy] = useState(1);
  const [measured, setMeasured] = useState<number | null>(null);
  const plan = planOfFloor(detail.sourceInput, model.floors[floorIndex]?.id, floorIndex);
  const pxPerMetre = plan ? plan.placement.pxPerMetre / rescaledBy : 0;
  const underlay: Underlay | null = plan
    ? {
        url: `/api/3d/plans/${plan.planId}/underlay.png`,
        x: -plan.placement.originPx.x / pxPerMetre,
        y: -plan.placement.originPx.y / pxPerMetre,
        width: plan.underlay.width / pxPerMetre,
        height: plan.underlay.height / pxPerMetre,
      }
    : null;
  const [viewBox, setViewBox] = useState<ViewBox>(() => fitView(detail.model, floorIndex));
  const dirty = canUndo;
  const fmt = (n: number, digits = 2) =>
    n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });

  const undo = useCallback(() => {
    if (undoStep()) setSelection(null);
  }, [undoStep]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') {
        setTool('auswahl');
        setSelection(null);
      } else if (
        (e.key === 'Delete' || e.key === 'Backspace') &&
        selection &&
        selection.kind !== 'room' &&
        !typing
      ) {
        commit(removeElement(model, floorIndex, selection.id));
        setSelection(null);
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commit, model, floorIndex, selection, undo, redo]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const validation = useMemo(() => buildingModelSchema.safeParse(model), [model]);
  const problem = validation.success ? null : validation.error.issues[0];
  const figures = useMemo(() => modelFigures(model), [model]);
  const save = useMutation({
    mutationFn: () =>
      api<ModelDetail>(`/3d/models/${detail.id}`, {
        method: 'PUT',
        body: {
          model,
          ...(rescaledBy !== 1 ? { rescaledBy } : {}),
        },
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['models3d', 'one', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['models3d', 'list'] });
      toast.success(t('models3d:editor.saved'));
      navigate(`/3d/${saved.id}`);
    },
  });

  const applyScale = (factor: number) => {
    const scaled = rescale(model, factor);
    commit(scaled);
    setRescaledBy(rescaledBy * factor);
    setViewBox(fitView(scaled, floorIndex));
    setMeasured(null);
    setTool('auswahl');
    toast.success(t('models3d:editor.rescaled', { factor: fmt(factor, 3) }));
  };

  const floor = model.floors[floorIndex];
  const tools: { id: Tool; icon: ReactNode }[] = [
    { id: 'auswahl', icon: <MousePointer2 className="size-4" /> },
    { id: 'wand', icon: <PenLine className="size-4" /> },
    { id: 'tuer', icon: <DoorOpen className="size-4" /> },
    { id: 'fenster', icon: <Square className="size-4" /> },
    { id: 'massstab', icon: <Ruler className="size-4" /> },
  ];

  return (
    <>
      <Link to={`/3d/${detail.id}`} className="text-sm text-slate-500 hover:underline">
        ← {t('models3d:editor.back')}
      </Link>
      <div className="mb-3 mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {t('models3d:editor.title', { name: detail.name })}
          </h1>
          <p className="text-sm text-slate-500" data-testid="editor-figures">
            {t('models3d:editor.figures', {
              rooms: figures.rooms,
              floorArea: fmt(figures.floorArea),
              living: fmt(figures.livingArea),
            })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" icon={<Undo2 className="size-4" />} disabled={!dirty} onClick={undo}>
            {t('models3d:editor.undo')}
          </Button>
          <Button variant="secondary" icon={<Redo2 className="size-4" />} disabled={!canRedo} onClick={redo}>
            {t('models3d:editor.redo')}
          </Button>
          <Button
            icon={<Save className="size-4" />}
            loading={save.isPending}
            disabled={!validation.success}
            onClick={() => save.mutate()}
          >
            {t('models3d:editor.save')}
          </Button>
        </div>
      </div>
      {detail.source === 'grundriss' && !dirty ? (
        <p className="mb-3 rounded-lg bg-sky-50 p-3 text-sm text-sky-900 ring-1 ring-sky-200">
          {t('models3d:editor.checkReading', {
            scale: t(
              `models3d:editor.scaleSource.${String((detail.sourceInput.scale as { source?: string })?.source)}`,
            ),
          })}
          {plan?.detected?.wallStyle && plan.detected.wallStyle !== 'solid'
            ? ` ${t(`models3d:editor.wallStyle.${plan.detected.wallStyle}`)}`
            : null}
        </p>
      ) : null}
      {!dirty && plan?.detected?.unsure ? (
        <p
          role="status"
          className="mb-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('models3d:editor.partialReading', { reason: plan.detected.unsure })}
        </p>
      ) : null}
      {problem ? (
        <p
          role="alert"
          className="mb-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('models3d:editor.invalid', { message: problem.message })}
        </p>
      ) : null}
      {save.error ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(save.error, t)}
        </p>
      ) : null}
      <div
        className="mb-3 flex flex-wrap items-center gap-2"
        role="toolbar"
        aria-label={t('models3d:editor.tools')}
      >
        {tools.map((tl) => (
          <ToolButton
            key={tl.id}
            active={tool === tl.id}
            icon={tl.icon}
            label={t(`models3d:editor.tool.${tl.id}`)}
            onClick={() => setTool(tl.id)}
          />
        ))}
        <Button
          variant="ghost"
          icon={<Maximize className="size-4" />}
          onClick={() => setViewBox(fitView(model, floorIndex))}
        >
          {t('models3d:editor.fit')}
        </Button>
        <Button
          variant="ghost"
          icon={<Layers className="size-4" />}
          disabled={dirty}
          title={dirty ? t('models3d:editor.saveFirst') : undefined}
          onClick={() => setAddingFloor(true)}
        >
          {t('models3d:editor.addFloor')}
        </Button>
        {model.floors.length > 1 ? (
          <select
            aria-label={t('models3d:floor')}
            className="rounded-lg border-0 py-1.5 text-sm ring-1 ring-slate-300"
            value={floorIndex}
            onChange={(e) => {
              const index = Number(e.target.value);
              setFloorIndex(index);
              setSelection(null);
              setViewBox(fitView(model, index));
            }}
          >
            {model.floors.map((f, i) => (
              <option key={f.id} value={i}>
                {f.name}
              </option>
            ))}
          </select>
        ) : null}
        {underlay ? (
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={showUnderlay}
              onChange={(e) => setShowUnderlay(e.target.checked)}
            />
            {t('models3d:editor.underlay')}
          </label>
        ) : null}
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={showDimensions}
            onChange={(e) => setShowDimensions(e.target.checked)}
          />
          {t('models3d:editor.dimensions')}
        </label>
      </div>
      <p className="mb-2 text-xs text-slate-500">{t(`models3d:editor.hint.${tool}`)}</p>
      <div className="grid gap-4 xl:grid-cols-[3fr_1fr]">
        <PlanCanvas
          key={`${tool}-${floorIndex}`}
          model={model}
          floorIndex={floorIndex}
          tool={tool}
          selection={selection}
          viewBox={viewBox}
          underlay={showUnderlay ? underlay : null}
          showDimensions={showDimensions}
          onChange={gesture}
          onSelect={setSelection}
          onViewBox={setViewBox}
          onMeasure={(a, b) => setMeasured(Math.hypot(b.x - a.x, b.y - a.y))}
          labels={{ area: (m2) => `${fmt(m2)} m²`, length: (m) => `${fmt(m)} m` }}
        />
        <div className="space-y-4">
          <Card>
            <ElementPanel
              model={model}
              floorIndex={floorIndex}
              selection={selection}
              onChange={commit}
              onRemoved={() => setSelection(null)}
            />
          </Card>
          <Card>
            <h2 className="text-sm font-semibold text-slate-900">{t('models3d:rooms')}</h2>
            {floor && floor.rooms.length > 0 ? (
              <table className="mt-2 w-full text-sm" data-testid="editor-rooms">
                <tbody>
                  {floor.rooms.map((room) => (
                    <tr
                      key={room.id}
                      className={`cursor-pointer border-t border-slate-100 ${
                        selection?.id === room.id ? 'bg-sky-50' : ''
                      }`}
                      onClick={() => setSelection({ kind: 'room', id: room.id })}
                    >
                      <td className="py-1 text-slate-800">{room.name}</td>
                      <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums">
                        {fmt(polygonArea(room.polygon))} m²
                      </td>
                      <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums text-slate-500">
                        {fmt(livingArea(room, areaOptionsOf(model)))} m²
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="mt-2 text-sm text-slate-500">{t('models3d:editor.noRooms')}</p>
            )}
            <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={model.balconyShare === 0.5}
                onChange={(e) => commit({ ...model, balconyShare: e.target.checked ? 0.5 : 0.25 })}
              />
              {t('models3d:editor.balconyHalf')}
            </label>
          </Card>
        </div>
      </div>
      <AddFloorDialog
        open={addingFloor}
        modelId={detail.id}
        floors={model.floors.length}
        onClose={() => setAddingFloor(false)}
        onDone={async () => {
          setAddingFloor(false);
          toast.success(t('models3d:editor.floorAdded'));
          // The URL first: the refetched model remounts the editor, which opens the new floor.
          navigate(`/3d/${detail.id}/bearbeiten?geschoss=${model.floors.length}`);
          await queryClient.invalidateQueries({ queryKey: ['models3d'] });
        }}
      />
      <ScaleDialog
        drawn={measured}
        format={(m) => fmt(m)}
        onApply={applyScale}
        onClose={() => setMeasured(null)}
      />
    </>
  );
}
