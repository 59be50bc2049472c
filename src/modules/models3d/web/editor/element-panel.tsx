import { Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../web/components/button.js';
import { SelectField, TextField } from '../../../../web/components/field.js';
import { type BuildingModel, type Floor, ROOM_TYPES } from '../../domain/building-model.js';
import {
  removeElement,
  setWallLength,
  updateOpening,
  updateRoom,
  updateWall,
} from '../../domain/edit-model.js';
import { areaOptionsOf, livingArea, polygonArea, wallLength } from '../../domain/geometry.js';
import type { Selection } from './plan-canvas.js';

const parse = (text: string) => Number(text.replace(',', '.'));
const show = (n: number) => String(Math.round(n * 1000) / 1000).replace('.', ',');

/** A number field that applies on Enter or when left, and refuses what is not a number. */
function NumberInput(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onApply(n: number): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(show(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(show(props.value)), [props.value]);
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const n = parse(text);
    if (!Number.isFinite(n) || n < props.min || n > props.max) {
      setError(t('models3d:editor.range', { min: show(props.min), max: show(props.max) }));
      return;
    }
    setError(null);
    if (Math.abs(n - props.value) > 1e-9) props.onApply(n);
  };
  return (
    <form onSubmit={apply}>
      <TextField
        label={props.label}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => apply()}
        {...(error ? { error } : {})}
      />
    </form>
  );
}

/** Properties of the selected wall, opening or room; changes go straight into the model. */
export function ElementPanel(props: {
  model: BuildingModel;
  floorIndex: number;
  selection: Selection;
  onChange(model: BuildingModel): void;
  onRemoved(): void;
}) {
  const { t, i18n } = useTranslation();
  const { model, floorIndex, selection, onChange } = props;
  const floor = model.floors[floorIndex] as Floor;
  const fmt = (n: number) =>
    n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 2 });
  if (!selection) return <p className="text-sm text-slate-500">{t('models3d:editor.nothingSelected')}</p>;

  const remove = (
    <Button
      variant="ghost"
      icon={<Trash2 className="size-4" />}
      onClick={() => {
        onChange(removeElement(model, floorIndex, selection.id));
        props.onRemoved();
      }}
    >
      {t('models3d:editor.remove')}
    </Button>
  );

  if (selection.kind === 'wall') {
    const wall = floor.walls.find((w) => w.id === selection.id);
    if (!wall) return null;
    return (
      <div className="space-y-3" data-testid="wall-panel">
        <h3 className="text-sm font-semibold text-slate-900">{t('models3d:editor.wall')}</h3>
        <NumberInput
          label={t('models3d:editor.length')}
          value={wallLength(wall)}
          min={0.1}
          max={100}
          onApply={(n) => onChange(setWallLength(model, floorIndex, wall.id, n))}
        />
        <NumberInput
          label={t('models3d:editor.thickness')}
          value={wall.thickness}
          min={0.05}
          max={2}
          onApply={(n) => onChange(updateWall(model, floorIndex, wall.id, { thickness: n }))}
        />
        <NumberInput
          label={t('models3d:editor.height')}
          value={wall.height}
          min={1}
          max={20}
          onApply={(n) => onChange(updateWall(model, floorIndex, wall.id, { height: n }))}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={wall.exterior}
            onChange={(e) => onChange(updateWall(model, floorIndex, wall.id, { exterior: e.target.checked }))}
          />
          {t('models3d:editor.exterior')}
        </label>
        {remove}
      </div>
    );
  }

  if (selection.kind === 'opening') {
    const opening = floor.openings.find((o) => o.id === selection.id);
    const wall = floor.walls.find((w) => w.id === opening?.wallId);
    if (!opening || !wall) return null;
    const length = wallLength(wall);
    return (
      <div className="space-y-3" data-testid="opening-panel">
        <h3 className="text-sm font-semibold text-slate-900">{t(`models3d:editor.kind.${opening.kind}`)}</h3>
        <SelectField
          label={t('models3d:editor.kindLabel')}
          value={opening.kind}
          onChange={(e) =>
            onChange(
              updateOpening(model, floorIndex, opening.id, { kind: e.target.value as typeof opening.kind }),
            )
          }
          options={(['tuer', 'fenster', 'balkontuer'] as const).map((k) => ({
            value: k,
            label: t(`models3d:editor.kind.${k}`),
          }))}
        />
        <NumberInput
          label={t('models3d:editor.width')}
          value={opening.width}
          min={0.3}
          max={Math.max(0.3, length - 0.05)}
          onApply={(n) =>
            onChange(
              updateOpening(model, floorIndex, opening.id, {
                width: n,
                offset: Math.min(Math.max(opening.offset, n / 2), length - n / 2),
              }),
            )
          }
        />
        <NumberInput
          label={t('models3d:editor.openingHeight')}
          value={opening.height}
          min={0.3}
          max={wall.height - opening.sill}
          onApply={(n) => onChange(updateOpening(model, floorIndex, opening.id, { height: n }))}
        />
        <NumberInput
          label={t('models3d:editor.sill')}
          value={opening.sill}
          min={0}
          max={Math.max(0, wall.height - opening.height)}
          onApply={(n) => onChange(updateOpening(model, floorIndex, opening.id, { sill: n }))}
        />
        {remove}
      </div>
    );
  }

  const room = floor.rooms.find((r) => r.id === selection.id);
  if (!room) return null;
  return (
    <div className="space-y-3" data-testid="room-panel">
      <h3 className="text-sm font-semibold text-slate-900">{t('models3d:room')}</h3>
      <TextField
        label={t('models3d:editor.roomName')}
        value={room.name}
        maxLength={80}
        onChange={(e) => onChange(updateRoom(model, floorIndex, room.id, { name: e.target.value }))}
      />
      <SelectField
        label={t('models3d:editor.roomType')}
        value={room.type}
        onChange={(e) =>
          onChange(updateRoom(model, floorIndex, room.id, { type: e.target.value as typeof room.type }))
        }
        options={ROOM_TYPES.map((type) => ({ value: type, label: t(`models3d:roomType.${type}`) }))}
      />
      {room.type !== 'balkon' && room.type !== 'terrasse' ? (
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-slate-500">{t('models3d:editor.slope')}</legend>
          <NumberInput
            label={t('models3d:editor.belowOne')}
            value={Math.round((room.slope?.belowOneMetre ?? 0) * 1000) / 10}
            min={0}
            max={100 - (room.slope?.oneToTwoMetres ?? 0) * 100}
            onApply={(n) =>
              onChange(
                updateRoom(model, floorIndex, room.id, {
                  slope: { belowOneMetre: n / 100, oneToTwoMetres: room.slope?.oneToTwoMetres ?? 0 },
                }),
              )
            }
          />
          <NumberInput
            label={t('models3d:editor.oneToTwo')}
            value={Math.round((room.slope?.oneToTwoMetres ?? 0) * 1000) / 10}
            min={0}
            max={100 - (room.slope?.belowOneMetre ?? 0) * 100}
            onApply={(n) =>
              onChange(
                updateRoom(model, floorIndex, room.id, {
                  slope: { belowOneMetre: room.slope?.belowOneMetre ?? 0, oneToTwoMetres: n / 100 },
                }),
              )
            }
          />
        </fieldset>
      ) : null}
      <p className="text-sm text-slate-600">
        {t('models3d:area')}: {fmt(polygonArea(room.polygon))} m² · {t('models3d:living')}:{' '}
        {fmt(livingArea(room, areaOptionsOf(model)))} m²
      </p>
    </div>
  );
}
