import { type PointerEvent, useEffect, useRef, useState } from 'react';
import type { BuildingModel, Floor, Opening, Point, RoomType, Wall } from '../../domain/building-model.js';
import {
  addOpening,
  addWall,
  GRID,
  moveJunction,
  moveWall,
  snapPoint,
  updateOpening,
} from '../../domain/edit-model.js';
import { areaOptionsOf, livingArea, wallLength } from '../../domain/geometry.js';
import { interiorPoint } from '../../domain/rooms-from-walls.js';

export type Tool = 'auswahl' | 'wand' | 'tuer' | 'fenster' | 'massstab';
export type Selection = { kind: 'wall' | 'opening' | 'room'; id: string } | null;
export interface Underlay {
  url: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

const ROOM_FILL: Partial<Record<RoomType, string>> = {
  wohnen: '#fef3c7',
  essen: '#fef3c7',
  schlafen: '#e0e7ff',
  kind: '#e0e7ff',
  arbeiten: '#e0e7ff',
  kochen: '#dcfce7',
  bad: '#cffafe',
  wc: '#cffafe',
  flur: '#f1f5f9',
  balkon: '#f5f5f4',
  terrasse: '#f5f5f4',
};

type Drag =
  | { kind: 'pan'; from: { x: number; y: number }; view: ViewBox }
  | { kind: 'junction'; origin: Point; start: BuildingModel }
  | { kind: 'wall'; id: string; from: Point; start: BuildingModel; moved: boolean }
  | { kind: 'opening'; id: string; start: BuildingModel };

const f = (n: number) => n.toFixed(3);
const unit = (w: Pick<Wall, 'a' | 'b'>) => {
  const length = wallLength(w) || 1;
  return { x: (w.b.x - w.a.x) / length, y: (w.b.y - w.a.y) / length };
};

/** The wall's outline: its centre line widened by the thickness. */
function wallPolygon(w: Wall): string {
  const u = unit(w);
  const h = w.thickness / 2;
  return [
    [w.a.x - u.y * h, w.a.y + u.x * h],
    [w.b.x - u.y * h, w.b.y + u.x * h],
    [w.b.x + u.y * h, w.b.y - u.x * h],
    [w.a.x + u.y * h, w.a.y - u.x * h],
  ]
    .map(([x, y]) => `${f(x ?? 0)},${f(y ?? 0)}`)
    .join(' ');
}

function openingShape(o: Opening, w: Wall) {
  const u = unit(w);
  const start = { x: w.a.x + u.x * (o.offset - o.width / 2), y: w.a.y + u.y * (o.offset - o.width / 2) };
  const end = { x: w.a.x + u.x * (o.offset + o.width / 2), y: w.a.y + u.y * (o.offset + o.width / 2) };
  return { start, end, u, n: { x: -u.y, y: u.x } };
}

export interface PlanCanvasProps {
  model: BuildingModel;
  floorIndex: number;
  tool: Tool;
  selection: Selection;
  viewBox: ViewBox;
  underlay: Underlay | null;
  showDimensions: boolean;
  /** `commit` ends a gesture: the editor records one undo step for it. */
  onChange(model: BuildingModel, commit: boolean): void;
  onSelect(selection: Selection): void;
  onMeasure(a: Point, b: Point): void;
  /** Zoom (wheel) and pan (dragging the empty plan) move the view. */
  onViewBox(viewBox: ViewBox): void;
  labels: { area: (m2: number) => string; length: (m: number) => string };
}

/**
 * The plan as SVG in metres: rooms with their areas, walls, doors and windows, lengths; select,
 * drag ends and walls (snapping to ends, the 5 cm grid and the axes), draw walls, place openings,
 * measure a reference line.
 */
export function PlanCanvas(props: PlanCanvasProps) {
  const { model, floorIndex, tool, selection, viewBox, underlay, showDimensions, labels } = props;
  const floor = model.floors[floorIndex] as Floor;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | null>(null);
  const [pending, setPending] = useState<Point | null>(null);
  const [hover, setHover] = useState<Point | null>(null);
  const latest = useRef(model);
  latest.current = model;

  const toPlan = (e: { clientX: number; clientY: number }): Point => {
    const element = svg.current;
    const matrix = element?.getScreenCTM();
    if (!element || !matrix) return { x: 0, y: 0 };
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  };
  const change = (next: BuildingModel, commit: boolean) => {
    latest.current = next;
    props.onChange(next, commit);
  };

  const onBackground = (e: PointerEvent) => {
    const p = toPlan(e);
    if (tool === 'wand' || tool === 'massstab') {
      const snapped = tool === 'wand' ? snapPoint(p, floor, pending ?? undefined) : p;
      if (!pending) {
        setPending(snapped);
        return;
      }
      if (tool === 'massstab') {
        props.onMeasure(pending, snapped);
        setPending(null);
        return;
      }
      const { model: next, wallId } = addWall(model, floorIndex, pending, snapped);
      if (wallId) {
        change(next, true);
        props.onSelect({ kind: 'wall', id: wallId });
      }
      // Walls chain: the next one starts where this one ended.
      setPending(snapped);
      return;
    }
    props.onSelect(null);
    drag.current = { kind: 'pan', from: { x: e.clientX, y: e.clientY }, view: viewBox };
    svg.current?.setPointerCapture(e.pointerId);
  };

  // A native listener: React's wheel listener is passive and could not keep the page still.
  const onViewBox = props.onViewBox;
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const zoom = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      const p = toPlan(e);
      const factor = Math.exp(Math.sign(e.deltaY) * 0.15);
      const w = Math.min(400, Math.max(2, viewBox.w * factor));
      const h = (viewBox.h / viewBox.w) * w;
      // The point under the pointer stays where it is.
      onViewBox({
        x: p.x - ((p.x - viewBox.x) * w) / viewBox.w,
        y: p.y - ((p.y - viewBox.y) * h) / viewBox.h,
        w,
        h,
      });
    };
    element.addEventListener('wheel', zoom, { passive: false });
    return () => element.removeEventListener('wheel', zoom);
  });

  const onWall = (e: PointerEvent, wall: Wall) => {
    if (tool === 'wand' || tool === 'massstab') return;
    e.stopPropagation();
    const p = toPlan(e);
    if (tool === 'tuer' || tool === 'fenster') {
      const { model: next, openingId } = addOpening(model, floorIndex, wall.id, p, tool);
      if (openingId) {
        change(next, true);
        props.onSelect({ kind: 'opening', id: openingId });
      }
      return;
    }
    props.onSelect({ kind: 'wall', id: wall.id });
    drag.current = { kind: 'wall', id: wall.id, from: p, start: model, moved: false };
    svg.current?.setPointerCapture(e.pointerId);
  };

  const onMove = (e: PointerEvent) => {
    const p = toPlan(e);
    if (tool === 'wand' || tool === 'massstab')
      setHover(tool === 'wand' ? snapPoint(p, floor, pending ?? undefined) : p);
    const current = drag.current;
    if (!current) return;
    if (current.kind === 'pan') {
      const rect = svg.current?.getBoundingClientRect();
      if (!rect) return;
      // Screen pixels to metres: the view keeps its aspect ratio inside the element.
      const perPixel = Math.max(current.view.w / rect.width, current.view.h / rect.height);
      props.onViewBox({
        ...current.view,
        x: current.view.x - (e.clientX - current.from.x) * perPixel,
        y: current.view.y - (e.clientY - current.from.y) * perPixel,
      });
      return;
    }
    if (current.kind === 'junction')
      change(
        moveJunction(
          current.start,
          floorIndex,
          current.origin,
          snapPoint(p, floor, undefined, current.origin),
        ),
        false,
      );
    else if (current.kind === 'wall') {
      const by = {
        x: Math.round((p.x - current.from.x) / GRID) * GRID,
        y: Math.round((p.y - current.from.y) / GRID) * GRID,
      };
      if (by.x === 0 && by.y === 0 && !current.moved) return;
      current.moved = true;
      change(moveWall(current.start, floorIndex, current.id, by), false);
    } else {
      const opening = current.start.floors[floorIndex]?.openings.find((o) => o.id === current.id);
      const wall = floor.walls.find((w) => w.id === opening?.wallId);
      if (!opening || !wall) return;
      const u = unit(wall);
      const along = (p.x - wall.a.x) * u.x + (p.y - wall.a.y) * u.y;
      const offset = Math.min(Math.max(along, opening.width / 2), wallLength(wall) - opening.width / 2);
      change(
        updateOpening(current.start, floorIndex, current.id, { offset: Math.round(offset * 100) / 100 }),
        false,
      );
    }
  };

  const onUp = () => {
    const current = drag.current;
    drag.current = null;
    if (current && current.kind !== 'pan' && (current.kind !== 'wall' || current.moved))
      change(latest.current, true);
  };

  const ends = new Map<string, Point>();
  for (const w of floor.walls)
    for (const p of [w.a, w.b]) ends.set(`${Math.round(p.x * 100)}:${Math.round(p.y * 100)}`, p);
  const handle = Math.max(viewBox.w, viewBox.h) / 120;
  const selectedWall = selection?.kind === 'wall' ? floor.walls.find((w) => w.id === selection.id) : null;

  return (
    <svg
      ref={svg}
      role="application"
      aria-label="Grundriss-Editor"
      data-testid="plan-canvas"
      viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.w} ${viewBox.h}`}
      className={`h-[60vh] min-h-96 w-full touch-none select-none rounded-xl bg-white ring-1 ring-slate-200 ${
        tool === 'auswahl' ? 'cursor-default' : 'cursor-crosshair'
      }`}
      onPointerDown={onBackground}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerLeave={() => setHover(null)}
    >
      {underlay ? (
        <image
          href={underlay.url}
          x={underlay.x}
          y={underlay.y}
          width={underlay.width}
          height={underlay.height}
          opacity={0.35}
          preserveAspectRatio="none"
          pointerEvents="none"
        />
      ) : null}
      {floor.rooms.map((room) => {
        const at = interiorPoint(room.polygon);
        const selected = selection?.kind === 'room' && selection.id === room.id;
        return (
          <g key={room.id}>
            <polygon
              data-testid={`room-${room.id}`}
              points={room.polygon.map((p) => `${f(p.x)},${f(p.y)}`).join(' ')}
              fill={ROOM_FILL[room.type] ?? '#f8fafc'}
              fillOpacity={underlay ? 0.6 : 1}
              stroke={selected ? '#2563eb' : 'none'}
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
              onPointerDown={(e) => {
                if (tool !== 'auswahl') return;
                e.stopPropagation();
                props.onSelect({ kind: 'room', id: room.id });
              }}
            />
            <text
              x={at.x}
              y={at.y - 0.1}
              fontSize={0.32}
              textAnchor="middle"
              fill="#0f172a"
              pointerEvents="none"
            >
              {room.name}
            </text>
            <text
              x={at.x}
              y={at.y + 0.32}
              fontSize={0.26}
              textAnchor="middle"
              fill="#475569"
              pointerEvents="none"
            >
              {labels.area(livingArea(room, areaOptionsOf(model)))}
            </text>
          </g>
        );
      })}
      {floor.walls.map((wall) => (
        <polygon
          key={wall.id}
          data-testid={`wall-${wall.id}`}
          points={wallPolygon(wall)}
          fill={selectedWall?.id === wall.id ? '#2563eb' : wall.exterior ? '#1e293b' : '#475569'}
          className={tool === 'auswahl' ? 'cursor-move' : ''}
          onPointerDown={(e) => onWall(e, wall)}
        />
      ))}
      {floor.openings.map((o) => {
        const wall = floor.walls.find((w) => w.id === o.wallId);
        if (!wall) return null;
        const { start, end, n } = openingShape(o, wall);
        const h = wall.thickness / 2 + 0.01;
        const selected = selection?.kind === 'opening' && selection.id === o.id;
        const colour = selected ? '#2563eb' : o.kind === 'fenster' ? '#0284c7' : '#b45309';
        return (
          <g
            key={o.id}
            data-testid={`opening-${o.id}`}
            onPointerDown={(e) => {
              if (tool !== 'auswahl') return;
              e.stopPropagation();
              props.onSelect({ kind: 'opening', id: o.id });
              drag.current = { kind: 'opening', id: o.id, start: model };
              svg.current?.setPointerCapture(e.pointerId);
            }}
            className={tool === 'auswahl' ? 'cursor-ew-resize' : ''}
          >
            <polygon
              points={[
                [start.x + n.x * h, start.y + n.y * h],
                [end.x + n.x * h, end.y + n.y * h],
                [end.x - n.x * h, end.y - n.y * h],
                [start.x - n.x * h, start.y - n.y * h],
              ]
                .map(([x, y]) => `${f(x ?? 0)},${f(y ?? 0)}`)
                .join(' ')}
              fill="#ffffff"
            />
            <line
              x1={start.x}
              y1={start.y}
              x2={end.x}
              y2={end.y}
              stroke={colour}
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
            />
            {o.kind !== 'fenster' ? (
              <path
                d={`M ${f(end.x)} ${f(end.y)} A ${f(o.width)} ${f(o.width)} 0 0 0 ${f(start.x + n.x * o.width)} ${f(start.y + n.y * o.width)} L ${f(start.x)} ${f(start.y)}`}
                fill="none"
                stroke={colour}
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
          </g>
        );
      })}
      {floor.walls
        .filter((w) => showDimensions || w.id === selectedWall?.id)
        .map((w) => {
          const u = unit(w);
          const offset = w.thickness / 2 + 0.22;
          const x = (w.a.x + w.b.x) / 2 - u.y * offset;
          const y = (w.a.y + w.b.y) / 2 + u.x * offset;
          const angle = (Math.atan2(u.y, u.x) * 180) / Math.PI;
          const upright = angle > 90 || angle < -90 ? angle + 180 : angle;
          return (
            <text
              key={`dim-${w.id}`}
              data-testid={`length-${w.id}`}
              x={x}
              y={y}
              fontSize={0.22}
              textAnchor="middle"
              dominantBaseline="middle"
              fill={w.id === selectedWall?.id ? '#1d4ed8' : '#64748b'}
              transform={`rotate(${upright.toFixed(1)} ${f(x)} ${f(y)})`}
              pointerEvents="none"
            >
              {labels.length(wallLength(w))}
            </text>
          );
        })}
      {tool === 'auswahl'
        ? [...ends.values()].map((p) => (
            <circle
              key={`h-${p.x}-${p.y}`}
              data-testid="wall-end"
              cx={p.x}
              cy={p.y}
              r={handle}
              fill="#ffffff"
              stroke="#2563eb"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
              className="cursor-grab"
              onPointerDown={(e) => {
                e.stopPropagation();
                drag.current = { kind: 'junction', origin: p, start: model };
                svg.current?.setPointerCapture(e.pointerId);
              }}
            />
          ))
        : null}
      {pending && hover ? (
        <g pointerEvents="none">
          <line
            x1={pending.x}
            y1={pending.y}
            x2={hover.x}
            y2={hover.y}
            stroke={tool === 'massstab' ? '#dc2626' : '#2563eb'}
            strokeWidth={2}
            strokeDasharray="6 4"
            vectorEffect="non-scaling-stroke"
          />
          <text
            x={(pending.x + hover.x) / 2}
            y={(pending.y + hover.y) / 2 - 0.2}
            fontSize={0.28}
            fill="#1d4ed8"
          >
            {labels.length(Math.hypot(hover.x - pending.x, hover.y - pending.y))}
          </text>
        </g>
      ) : null}
      {pending ? (
        <circle cx={pending.x} cy={pending.y} r={handle} fill="#2563eb" pointerEvents="none" />
      ) : null}
    </svg>
  );
}
