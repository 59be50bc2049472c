import type { StateGroup } from '../contract.js';

/**
 * ImmoXX tasks ↔ Plane work items (REST API v1, developers.plane.so/api-reference; fields as the
 * work-item serializer of makeplane/plane reads and writes them). Pure, so both directions are
 * tested without a server.
 */

export const PLANE_SOURCE = 'immoxx';
/** External ids of tasks made from Plane work items: `plane:<work item id>`. */
export const PLANE_EXTERNAL_PREFIX = 'plane:';

export type PlaneStateGroup = 'backlog' | 'unstarted' | 'started' | 'completed' | 'cancelled' | 'triage';
export type PlanePriority = 'urgent' | 'high' | 'medium' | 'low' | 'none';

export interface PlaneState {
  id: string;
  name: string;
  group: PlaneStateGroup;
  sequence?: number;
}

export interface PlaneWorkItem {
  id: string;
  name: string;
  description_html?: string | null;
  priority: PlanePriority;
  state: string;
  start_date: string | null;
  target_date: string | null;
  external_id: string | null;
  external_source: string | null;
  updated_at: string;
}

export interface TaskForPlane {
  id: string;
  title: string;
  description: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  stateGroup: StateGroup;
  startDate: string | null;
  dueDate: string | null;
}

const TO_PLANE_GROUP: Record<StateGroup, PlaneStateGroup> = {
  backlog: 'backlog',
  todo: 'unstarted',
  in_progress: 'started',
  review: 'started',
  done: 'completed',
  cancelled: 'cancelled',
};

const FROM_PLANE_GROUP: Record<PlaneStateGroup, StateGroup> = {
  backlog: 'backlog',
  unstarted: 'todo',
  started: 'in_progress',
  completed: 'done',
  cancelled: 'cancelled',
  triage: 'backlog',
};

/** The project's first state of the matching group (Plane lists states by sequence). */
export function planeStateFor(states: readonly PlaneState[], group: StateGroup): PlaneState | null {
  const wanted = TO_PLANE_GROUP[group];
  const candidates = states
    .filter((s) => s.group === wanted)
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  return candidates[0] ?? null;
}

export const stateGroupFromPlane = (state: PlaneState | undefined): StateGroup =>
  state ? FROM_PLANE_GROUP[state.group] : 'todo';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text paragraphs as Plane's editor stores them; an empty text as Plane's empty default. */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) return '<p></p>';
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

/** Plane's rich text back to plain text: paragraphs and line breaks kept, tags dropped, entities read. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function workItemBody(task: TaskForPlane, states: readonly PlaneState[]) {
  const state = planeStateFor(states, task.stateGroup);
  return {
    name: task.title.slice(0, 255),
    description_html: textToHtml(task.description),
    priority: task.priority as PlanePriority,
    start_date: task.startDate,
    target_date: task.dueDate,
    ...(state ? { state: state.id } : {}),
    external_source: PLANE_SOURCE,
    external_id: task.id,
  };
}

/** A work item as the inbound sync's task body (see integration-contract syncTaskBody). */
export function syncBodyFromWorkItem(item: PlaneWorkItem, states: readonly PlaneState[]) {
  const startDate = item.start_date;
  // Plane refuses start after target, so a valid work item is a valid task.
  return {
    title: item.name.trim().slice(0, 200) || 'Ohne Titel',
    description: htmlToText(item.description_html),
    priority: item.priority === 'none' ? ('medium' as const) : item.priority,
    stateGroup: stateGroupFromPlane(states.find((s) => s.id === item.state)),
    startDate,
    dueDate: item.target_date,
    updatedAt: new Date(item.updated_at).toISOString(),
  };
}
