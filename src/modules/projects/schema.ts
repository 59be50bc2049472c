import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property, viewing } from '../crm/schema.js';
import type { AutomationAction, AutomationCondition } from './automation-contract.js';
import type { ChecklistItem, TemplateTask } from './contract.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const userRef = () => text().references(() => authUser.id, { onDelete: 'set null' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** Inbound sync (docs/integrations/project-sync.md): whose record it is outside, and how fresh. */
const syncColumns = () => ({
  /** An outside tool's id for the record, unique per office. */
  externalId: text(),
  /** The `updatedAt` the outside tool sent with its last accepted change. */
  externalUpdatedAt: timestamp({ withTimezone: true }),
  /** Our `updatedAt` right after that change: a later `updatedAt` means someone edited it here since. */
  syncedAt: timestamp({ withTimezone: true }),
});

/**
 * The office's task states: names the office chooses ("Beim Notar"), each in one fixed group
 * (backlog, todo, in_progress, review, done, cancelled) that decides what "open" and "done" mean.
 */
export const taskState = pgTable(
  'project_task_state',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    group: text().notNull(),
    position: doublePrecision().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('project_task_state_name').on(t.tenantId, t.name), tenantIsolationPolicy()],
);

/** A listing's or deal's project: acquisition, marketing, documentation, transaction or custom. */
export const project = pgTable(
  'project',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    description: text().notNull().default(''),
    type: text().notNull().default('custom'),
    status: text().notNull().default('planning'),
    startDate: date({ mode: 'string' }),
    endDate: date({ mode: 'string' }),
    ownerId: userRef(),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    /** The workflow template it was made from, if any. */
    templateKey: text(),
    ...syncColumns(),
    createdBy: userRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('project_tenant_updated').on(t.tenantId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('project_property').on(t.tenantId, t.propertyId),
    unique('project_external').on(t.tenantId, t.externalId),
    tenantIsolationPolicy(),
  ],
);

export const projectMember = pgTable(
  'project_member',
  {
    tenantId: tenantId(),
    projectId: uuid()
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index('project_member_user').on(t.tenantId, t.userId),
    tenantIsolationPolicy(),
  ],
);

export const projectContact = pgTable(
  'project_contact',
  {
    tenantId: tenantId(),
    projectId: uuid()
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.contactId] }),
    index('project_contact_contact').on(t.tenantId, t.contactId),
    tenantIsolationPolicy(),
  ],
);

/**
 * A task of a project, or a follow-up (Wiedervorlage) hanging on a contact, property or viewing
 * without a project. Its place in a Kanban column is a float, so a move writes one row.
 */
export const projectTask = pgTable(
  'project_task',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid().references(() => project.id, { onDelete: 'cascade' }),
    parentId: uuid().references((): AnyPgColumn => projectTask.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    description: text().notNull().default(''),
    priority: text().notNull().default('medium'),
    stateId: uuid()
      .notNull()
      .references(() => taskState.id),
    position: doublePrecision().notNull(),
    assigneeId: userRef(),
    startDate: date({ mode: 'string' }),
    dueDate: date({ mode: 'string' }),
    estimateHours: real(),
    checklist: jsonb().$type<ChecklistItem[]>().notNull().default([]),
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    viewingId: uuid().references(() => viewing.id, { onDelete: 'cascade' }),
    /** Done by itself when a document of this category is filed for the project's property. */
    completesOnDocument: text(),
    /** Key of the template task it came from, so the project can be compared with its template. */
    templateTaskKey: text(),
    ...syncColumns(),
    completedAt: timestamp({ withTimezone: true }),
    createdBy: userRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('project_task_board').on(t.tenantId, t.projectId, t.stateId, t.position),
    index('project_task_assignee_due').on(t.tenantId, t.assigneeId, t.dueDate),
    index('project_task_tenant_due').on(t.tenantId, t.dueDate.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('project_task_contact').on(t.tenantId, t.contactId),
    index('project_task_property').on(t.tenantId, t.propertyId),
    index('project_task_parent').on(t.parentId),
    unique('project_task_external').on(t.tenantId, t.externalId),
    tenantIsolationPolicy(),
  ],
);

/** Finish-to-start with a lag in calendar days. */
export const taskDependency = pgTable(
  'project_task_dependency',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    projectId: uuid()
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    predecessorId: uuid()
      .notNull()
      .references(() => projectTask.id, { onDelete: 'cascade' }),
    successorId: uuid()
      .notNull()
      .references(() => projectTask.id, { onDelete: 'cascade' }),
    lagDays: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    unique('project_task_dependency_pair').on(t.predecessorId, t.successorId),
    index('project_task_dependency_project').on(t.tenantId, t.projectId),
    index('project_task_dependency_successor').on(t.successorId),
    tenantIsolationPolicy(),
  ],
);

/** What happened to a task, for its history: created, moved, assigned, rescheduled, completed. */
export const taskEvent = pgTable(
  'project_task_event',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    taskId: uuid()
      .notNull()
      .references(() => projectTask.id, { onDelete: 'cascade' }),
    actorId: userRef(),
    kind: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('project_task_event_task').on(t.taskId, t.createdAt), tenantIsolationPolicy()],
);

/** A comment on a task; mentioned people are notified, attachments are documents of the documents module. */
export const taskComment = pgTable(
  'project_task_comment',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    taskId: uuid()
      .notNull()
      .references(() => projectTask.id, { onDelete: 'cascade' }),
    authorId: userRef(),
    body: text().notNull(),
    mentionIds: jsonb().$type<string[]>().notNull().default([]),
    documentIds: jsonb().$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('project_task_comment_task').on(t.taskId, t.createdAt), tenantIsolationPolicy()],
);

/** An office's copy of a workflow template (the built-in four, edited, or its own). */
export const workflowTemplate = pgTable(
  'project_workflow_template',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    projectType: text().notNull(),
    tasks: jsonb().$type<TemplateTask[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('project_workflow_template_key').on(t.tenantId, t.key), tenantIsolationPolicy()],
);

/** "When <trigger> and <conditions>, do <actions>": an office's automation rule. */
export const automationRule = pgTable(
  'project_automation_rule',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    enabled: boolean().notNull().default(true),
    trigger: text().notNull(),
    conditions: jsonb().$type<AutomationCondition[]>().notNull().default([]),
    actions: jsonb().$type<AutomationAction[]>().notNull(),
    createdBy: userRef(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_automation_rule_trigger').on(t.tenantId, t.trigger), tenantIsolationPolicy()],
);

/** One firing of a rule for one event, with its outcome: the rule's log. */
export const automationRun = pgTable(
  'project_automation_run',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    ruleId: uuid()
      .notNull()
      .references(() => automationRule.id, { onDelete: 'cascade' }),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** How many automation steps led to the event (0: a person's action). */
    depth: integer().notNull().default(0),
    /** queued → succeeded | failed | skipped; a failing try is retried before it counts as failed. */
    status: text().notNull().default('queued'),
    outcome: jsonb().$type<string[]>().notNull().default([]),
    error: text(),
    attempts: integer().notNull().default(0),
    eventAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('project_automation_run_rule').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('project_automation_run_by_rule').on(t.ruleId, t.createdAt),
    tenantIsolationPolicy(),
  ],
);
