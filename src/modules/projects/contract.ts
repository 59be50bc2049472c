import { z } from 'zod';
import { isoDate } from '../../platform/validation/iso-date.js';

export const PROJECT_TYPES = ['acquisition', 'marketing', 'documentation', 'transaction', 'custom'] as const;
export const PROJECT_STATUSES = ['planning', 'active', 'on_hold', 'completed'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
/** Fixed groups; the office names its states inside them. */
export const STATE_GROUPS = ['backlog', 'todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export const CLOSED_GROUPS: readonly StateGroup[] = ['done', 'cancelled'];
export const ASSIGNEE_ROLES = ['owner', 'assistant', 'none'] as const;
export const TEMPLATE_KEYS = ['akquise', 'vermarktung', 'dokumentation', 'transaktion'] as const;

export type ProjectType = (typeof PROJECT_TYPES)[number];
export type StateGroup = (typeof STATE_GROUPS)[number];

const text = (max: number) => z.string().trim().max(max);
const title = z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200);
const userId = z.string().min(1).max(64);

export const checklistItemSchema = z.object({
  id: z.string().min(1).max(40),
  text: text(300).min(1),
  done: z.boolean(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const templateTaskSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, 'Schlüssel: Kleinbuchstaben, Ziffern, - und _.'),
  title,
  description: text(2000).default(''),
  durationDays: z.number().int().min(1).max(365),
  dependsOn: z.array(z.string().max(40)).max(20).default([]),
  /** Days between the predecessors' end and this task's start. */
  lagDays: z.number().int().min(0).max(365).default(0),
  assigneeRole: z.enum(ASSIGNEE_ROLES).default('owner'),
  priority: z.enum(TASK_PRIORITIES).default('medium'),
  /** A document category whose filing completes the task (documentation workflow). */
  documentCategory: z.string().max(40).nullable().default(null),
});
export type TemplateTask = z.infer<typeof templateTaskSchema>;

export const stateSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  group: z.enum(STATE_GROUPS),
  position: z.number(),
});
export type TaskStateView = z.infer<typeof stateSchema>;

export const stateInput = z.object({
  name: text(60).min(1, 'Bitte einen Namen angeben.'),
  group: z.enum(STATE_GROUPS),
});

const datesInOrder = (v: { startDate?: string | null; dueDate?: string | null }) =>
  !v.startDate || !v.dueDate || v.dueDate >= v.startDate;
const datesMessage = { message: 'Das Fälligkeitsdatum liegt vor dem Start.', path: ['dueDate'] };

export const projectSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  type: z.enum(PROJECT_TYPES),
  status: z.enum(PROJECT_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  memberIds: z.array(z.string()),
  propertyId: z.string().uuid().nullable(),
  propertyTitle: z.string().nullable(),
  contactIds: z.array(z.string().uuid()),
  templateKey: z.string().nullable(),
  taskCount: z.number(),
  openTaskCount: z.number(),
  overdueTaskCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof projectSchema>;

const projectFields = {
  name: title,
  description: text(5000).default(''),
  type: z.enum(PROJECT_TYPES).default('custom'),
  status: z.enum(PROJECT_STATUSES).default('planning'),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  ownerId: userId.nullable().optional(),
  memberIds: z.array(userId).max(50).default([]),
  propertyId: z.string().uuid().nullable().default(null),
  contactIds: z.array(z.string().uuid()).max(50).default([]),
};
const projectDatesInOrder = (v: { startDate?: string | null; endDate?: string | null }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;
const projectDatesMessage = { message: 'Das Projektende liegt vor dem Start.', path: ['endDate'] };

export const projectInput = z.object(projectFields).refine(projectDatesInOrder, projectDatesMessage);
export const projectPatch = z
  .object({
    name: title,
    description: text(5000),
    type: z.enum(PROJECT_TYPES),
    status: z.enum(PROJECT_STATUSES),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    ownerId: userId.nullable(),
    memberIds: z.array(userId).max(50),
    propertyId: z.string().uuid().nullable(),
    contactIds: z.array(z.string().uuid()).max(50),
  })
  .partial()
  .refine(projectDatesInOrder, projectDatesMessage);

export const fromTemplateInput = z.object({
  templateKey: z.string().min(1).max(40),
  startDate: isoDate,
  propertyId: z.string().uuid().nullable().default(null),
  name: title.optional(),
  ownerId: userId.nullable().optional(),
  contactIds: z.array(z.string().uuid()).max(50).default([]),
});

export const taskSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid().nullable(),
  projectName: z.string().nullable(),
  parentId: z.string().uuid().nullable(),
  title: z.string(),
  description: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  stateId: z.string().uuid(),
  stateGroup: z.enum(STATE_GROUPS),
  position: z.number(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  estimateHours: z.number().nullable(),
  checklist: z.array(checklistItemSchema),
  contactId: z.string().uuid().nullable(),
  contactName: z.string().nullable(),
  propertyId: z.string().uuid().nullable(),
  propertyTitle: z.string().nullable(),
  viewingId: z.string().uuid().nullable(),
  completesOnDocument: z.string().nullable(),
  externalId: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskView = z.infer<typeof taskSchema>;

const taskFields = {
  title,
  description: text(5000).default(''),
  priority: z.enum(TASK_PRIORITIES).default('medium'),
  stateId: z.string().uuid().optional(),
  assigneeId: userId.nullable().default(null),
  startDate: isoDate.nullable().default(null),
  dueDate: isoDate.nullable().default(null),
  estimateHours: z.number().min(0).max(10_000).nullable().default(null),
  checklist: z.array(checklistItemSchema).max(100).default([]),
  projectId: z.string().uuid().nullable().default(null),
  parentId: z.string().uuid().nullable().default(null),
  contactId: z.string().uuid().nullable().default(null),
  propertyId: z.string().uuid().nullable().default(null),
  viewingId: z.string().uuid().nullable().default(null),
};
export const taskInput = z.object(taskFields).refine(datesInOrder, datesMessage);
export type TaskInput = z.infer<typeof taskInput>;

export const taskPatch = z
  .object({
    title,
    description: text(5000),
    priority: z.enum(TASK_PRIORITIES),
    stateId: z.string().uuid(),
    assigneeId: userId.nullable(),
    startDate: isoDate.nullable(),
    dueDate: isoDate.nullable(),
    estimateHours: z.number().min(0).max(10_000).nullable(),
    checklist: z.array(checklistItemSchema).max(100),
    parentId: z.string().uuid().nullable(),
  })
  .partial()
  .refine(datesInOrder, datesMessage);
export type TaskPatch = z.infer<typeof taskPatch>;

export const moveInput = z.object({
  stateId: z.string().uuid(),
  /** The task it lands below in the column; null puts it on top. */
  afterId: z.string().uuid().nullable(),
});

export const dependencySchema = z.object({
  id: z.string().uuid(),
  predecessorId: z.string().uuid(),
  successorId: z.string().uuid(),
  lagDays: z.number(),
});
export const dependencyInput = z
  .object({
    predecessorId: z.string().uuid(),
    successorId: z.string().uuid(),
    lagDays: z.number().int().min(0).max(365).default(0),
  })
  .refine((v) => v.predecessorId !== v.successorId, {
    message: 'Eine Aufgabe kann nicht von sich selbst abhängen.',
    path: ['successorId'],
  });

export const rescheduledSchema = z.object({
  id: z.string().uuid(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
});

export const taskChangeSchema = z.object({
  task: taskSchema,
  /** Dependants that auto-scheduling moved along. */
  rescheduled: z.array(rescheduledSchema),
});

export const boardSchema = z.object({
  project: projectSchema,
  states: z.array(stateSchema),
  tasks: z.array(taskSchema),
  dependencies: z.array(dependencySchema),
  criticalTaskIds: z.array(z.string().uuid()),
  floatDays: z.record(z.string(), z.number()),
});

export const templateSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  projectType: z.enum(PROJECT_TYPES),
  tasks: z.array(templateTaskSchema),
  builtIn: z.boolean(),
  updatedAt: z.string(),
});
export const templateInput = z.object({
  name: title,
  description: text(2000).default(''),
  projectType: z.enum(PROJECT_TYPES),
  tasks: z.array(templateTaskSchema).min(1, 'Eine Vorlage braucht mindestens eine Aufgabe.').max(100),
});

export const taskEventSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  actorName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
