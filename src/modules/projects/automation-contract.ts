import { z } from 'zod';
import { STATE_GROUPS, TASK_PRIORITIES } from './contract.js';

/** The events a rule can start from, with the fields its conditions may test (labels for the UI). */
export const AUTOMATION_TRIGGERS = {
  'property.status_changed': {
    label: 'Objektstatus geändert',
    fields: { from: 'Status vorher', to: 'Status nachher' },
  },
  'lead.created': { label: 'Neue Anfrage', fields: { source: 'Quelle' } },
  // Published by lead scoring; without that module the rule simply never fires.
  'lead.segment_entered': { label: 'Lead kommt in ein Segment', fields: { segment: 'Segment' } },
  'viewing.status_changed': {
    label: 'Besichtigung: Status geändert',
    fields: { from: 'Status vorher', to: 'Status nachher' },
  },
  'document.filed': { label: 'Dokument abgelegt', fields: { category: 'Kategorie', title: 'Titel' } },
  'document.expiring': {
    label: 'Dokument läuft ab',
    fields: { category: 'Kategorie', title: 'Titel', daysLeft: 'Tage bis Ablauf' },
  },
  'signature.completed': { label: 'Unterschrift abgeschlossen', fields: { title: 'Titel' } },
  'task.completed': { label: 'Aufgabe erledigt', fields: { title: 'Titel' } },
  'task.due': { label: 'Fälligkeit erreicht', fields: { title: 'Titel' } },
} as const;
export type AutomationTrigger = keyof typeof AUTOMATION_TRIGGERS;
export const TRIGGER_IDS = Object.keys(AUTOMATION_TRIGGERS) as [AutomationTrigger, ...AutomationTrigger[]];

export const conditionSchema = z.object({
  field: z.string().min(1).max(40),
  op: z.enum(['equals', 'not_equals', 'contains', 'at_most', 'at_least']),
  value: z.string().trim().max(200),
});
export type AutomationCondition = z.infer<typeof conditionSchema>;

const text = (max: number) => z.string().trim().min(1, 'Bitte ausfüllen.').max(max);

export const actionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('create_task'),
    title: text(200),
    dueInDays: z.number().int().min(0).max(365).default(1),
    priority: z.enum(TASK_PRIORITIES).default('medium'),
    /** A user id, or who made the event happen, or nobody. */
    assignee: z.string().max(64).nullable().default('actor'),
  }),
  z.object({ type: z.literal('create_project'), templateKey: z.string().min(1).max(40) }),
  z.object({
    type: z.literal('complete_tasks'),
    /** Open tasks of the event's property (or the task's project) whose title contains this text. */
    titleContains: text(200),
  }),
  z.object({ type: z.literal('assign_task'), userId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('set_task_state'), group: z.enum(STATE_GROUPS) }),
  z.object({
    type: z.literal('notify'),
    /** User ids, or "owners" for the office's owners and admins, or "actor". */
    recipients: z.array(z.string().min(1).max(64)).min(1).max(20),
    title: text(200),
  }),
  z.object({ type: z.literal('send_email'), subject: text(200), body: text(5000) }),
  z.object({ type: z.literal('timeline_note'), text: text(2000) }),
]);
export type AutomationAction = z.infer<typeof actionSchema>;

export const ruleInput = z.object({
  name: text(120),
  enabled: z.boolean().default(true),
  trigger: z.enum(TRIGGER_IDS),
  conditions: z.array(conditionSchema).max(10).default([]),
  actions: z.array(actionSchema).min(1, 'Eine Regel braucht mindestens eine Aktion.').max(10),
});
export type RuleInput = z.infer<typeof ruleInput>;

export const ruleSchema = ruleInput.extend({
  id: z.string().uuid(),
  lastRun: z.object({ status: z.string(), createdAt: z.string() }).nullable(),
  failedRuns: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const runSchema = z.object({
  id: z.string().uuid(),
  ruleId: z.string().uuid(),
  ruleName: z.string(),
  event: z.string(),
  depth: z.number(),
  status: z.enum(['queued', 'succeeded', 'failed', 'skipped']),
  outcome: z.array(z.string()),
  error: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Seconds from the event to the run's end. */
  lagSeconds: z.number().nullable(),
});
