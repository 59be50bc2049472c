import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  planeStateFor,
  syncBodyFromWorkItem,
  textToHtml,
  workItemBody,
} from './plane-mapping.js';

// Plane's default states of a new project (makeplane/plane, db/models/state.py DEFAULT_STATES).
const states = [
  { id: 's-backlog', name: 'Backlog', group: 'backlog' as const, sequence: 15000 },
  { id: 's-todo', name: 'Todo', group: 'unstarted' as const, sequence: 25000 },
  { id: 's-progress', name: 'In Progress', group: 'started' as const, sequence: 35000 },
  { id: 's-done', name: 'Done', group: 'completed' as const, sequence: 45000 },
  { id: 's-cancelled', name: 'Cancelled', group: 'cancelled' as const, sequence: 55000 },
];

describe('Plane mapping', () => {
  it('maps state groups both ways; review has no own group in Plane and becomes started', () => {
    expect(planeStateFor(states, 'todo')?.id).toBe('s-todo');
    expect(planeStateFor(states, 'review')?.id).toBe('s-progress');
    expect(planeStateFor(states, 'done')?.id).toBe('s-done');
    expect(planeStateFor([], 'done')).toBeNull();
  });

  it('writes a work item with the external id that makes retries safe', () => {
    const body = workItemBody(
      {
        id: 'task-1',
        title: 'Notar <Dr. Maier> & Partner',
        description: 'Termin anfragen.\n\nUnterlagen: Grundbuch',
        priority: 'urgent',
        stateGroup: 'in_progress',
        startDate: '2026-12-07',
        dueDate: '2026-12-09',
      },
      states,
    );
    expect(body).toEqual({
      name: 'Notar <Dr. Maier> & Partner',
      description_html: '<p>Termin anfragen.</p><p>Unterlagen: Grundbuch</p>',
      priority: 'urgent',
      start_date: '2026-12-07',
      target_date: '2026-12-09',
      state: 's-progress',
      external_source: 'immoxx',
      external_id: 'task-1',
    });
  });

  it('reads a work item as Plane returns it (example of the API reference) into a sync body', () => {
    const body = syncBodyFromWorkItem(
      {
        id: 'e1c25c66-5c8f-4a0f-8f3a-2f0d4d3f7b8a',
        name: 'Exposé prüfen',
        description_html: '<p>Bitte &amp; schnell</p><p>Zeile&nbsp;2<br/>Zeile 3</p>',
        priority: 'none',
        state: 's-done',
        start_date: null,
        target_date: '2026-12-24',
        external_id: null,
        external_source: null,
        updated_at: '2026-12-03T10:15:00.123456Z',
      },
      states,
    );
    expect(body).toEqual({
      title: 'Exposé prüfen',
      description: 'Bitte & schnell\n\nZeile 2\nZeile 3',
      priority: 'medium',
      stateGroup: 'done',
      startDate: null,
      dueDate: '2026-12-24',
      updatedAt: '2026-12-03T10:15:00.123Z',
    });
  });

  it('round-trips text through HTML', () => {
    const text = 'a < b & c\nd\n\ne';
    expect(htmlToText(textToHtml(text))).toBe(text);
    expect(textToHtml('')).toBe('<p></p>');
    expect(htmlToText('<p></p>')).toBe('');
  });
});
