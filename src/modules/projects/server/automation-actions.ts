import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like-pattern.js';
import { PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { addTimelineNote } from '../../crm/server/timeline-note.js';
import type { AutomationAction } from '../automation-contract.js';
import { CLOSED_GROUPS } from '../contract.js';
import { addDays, todayInBerlin } from '../domain/day.js';
import { project, projectTask } from '../schema.js';
import type { ProjectsActor } from './actor.js';
import type { ProjectService } from './project-service.js';
import type { TaskService } from './task-service.js';
import { firstOfGroup, officeStates } from './task-states.js';
import type { TemplateService } from './template-service.js';

/** What an event is about, resolved once for all of a rule's actions. */
export interface EventSubject {
  actorId: string | null;
  taskId: string | null;
  projectId: string | null;
  propertyId: string | null;
  contactId: string | null;
}

export async function subjectOf(
  tx: Tx,
  actorId: string | null,
  payload: Record<string, unknown>,
): Promise<EventSubject> {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);
  const subject: EventSubject = {
    actorId,
    taskId: text('taskId'),
    projectId: text('projectId'),
    propertyId: text('propertyId'),
    contactId: text('contactId'),
  };
  if (subject.taskId) {
    const [task] = await tx
      .select({
        projectId: projectTask.projectId,
        propertyId: projectTask.propertyId,
        contactId: projectTask.contactId,
      })
      .from(projectTask)
      .where(eq(projectTask.id, subject.taskId));
    subject.projectId ??= task?.projectId ?? null;
    subject.propertyId ??= task?.propertyId ?? null;
    subject.contactId ??= task?.contactId ?? null;
  }
  if (subject.projectId && !subject.propertyId) {
    const [row] = await tx
      .select({ propertyId: project.propertyId })
      .from(project)
      .where(eq(project.id, subject.projectId));
    subject.propertyId = row?.propertyId ?? null;
  }
  return subject;
}

export interface ActionServices {
  platform: Platform;
  tasks: TaskService;
  projects: ProjectService;
  templates: TemplateService;
}

async function members(tx: Tx, tenantId: string, roles?: string[]): Promise<string[]> {
  const rows = await tx
    .select({ userId: tenantMember.userId })
    .from(tenantMember)
    .where(
      and(eq(tenantMember.organizationId, tenantId), roles ? inArray(tenantMember.role, roles) : undefined),
    );
  return rows.map((r) => r.userId);
}

/** Runs one action as the office's automation; returns what it did, in German, for the run log. */
export async function runAction(
  services: ActionServices,
  actor: ProjectsActor,
  subject: EventSubject,
  action: AutomationAction,
  ruleName: string,
): Promise<string> {
  const { platform, tasks, templates } = services;
  const needTask = () => {
    if (!subject.taskId) throw new PermanentJobError('Das Ereignis betrifft keine Aufgabe.');
    return subject.taskId;
  };
  switch (action.type) {
    case 'create_task': {
      const office = await actor.db((tx) => members(tx, actor.tenantId));
      const wanted = action.assignee === 'actor' ? subject.actorId : action.assignee;
      const assigneeId = wanted && office.includes(wanted) ? wanted : null;
      const task = await tasks.create(actor, {
        title: action.title,
        description: `Angelegt von der Automation „${ruleName}“.`,
        priority: action.priority,
        assigneeId,
        startDate: null,
        dueDate: addDays(todayInBerlin(), action.dueInDays),
        estimateHours: null,
        checklist: [],
        projectId: subject.projectId,
        parentId: null,
        contactId: subject.projectId ? null : subject.contactId,
        propertyId: subject.projectId ? null : subject.propertyId,
        viewingId: null,
      });
      return `Aufgabe „${task.title}“ angelegt`;
    }
    case 'create_project': {
      const created = await templates.instantiate(actor, {
        templateKey: action.templateKey,
        startDate: todayInBerlin(),
        propertyId: subject.propertyId,
        ownerId: null,
        contactIds: subject.contactId ? [subject.contactId] : [],
      });
      return `Projekt „${created.name}“ angelegt`;
    }
    case 'complete_tasks': {
      if (!subject.projectId && !subject.propertyId)
        return 'Kein Objekt oder Projekt im Ereignis – nichts erledigt';
      const { open, done } = await actor.db(async (tx) => {
        const states = await officeStates(tx, actor.tenantId);
        const closed = states.filter((s) => CLOSED_GROUPS.includes(s.group)).map((s) => s.id);
        const scope = or(
          subject.projectId ? eq(projectTask.projectId, subject.projectId) : undefined,
          subject.propertyId ? eq(projectTask.propertyId, subject.propertyId) : undefined,
          subject.propertyId
            ? sql`${projectTask.projectId} in (select ${project.id} from ${project} where ${project.propertyId} = ${subject.propertyId})`
            : undefined,
        );
        const rows = await tx
          .select({ id: projectTask.id })
          .from(projectTask)
          .where(
            and(
              scope,
              ilike(projectTask.title, containsPattern(action.titleContains)),
              sql`not (${inArray(projectTask.stateId, closed)})`,
            ),
          );
        return { open: rows, done: firstOfGroup(states, 'done') };
      });
      for (const row of open) await tasks.move(actor, row.id, done.id, null);
      return `${open.length} Aufgabe(n) mit „${action.titleContains}“ erledigt`;
    }
    case 'assign_task': {
      const { task } = await tasks.update(actor, needTask(), { assigneeId: action.userId });
      return `„${task.title}“ an ${task.assigneeName ?? action.userId} zugewiesen`;
    }
    case 'set_task_state': {
      const state = await actor.db(async (tx) =>
        firstOfGroup(await officeStates(tx, actor.tenantId), action.group),
      );
      const { task } = await tasks.update(actor, needTask(), { stateId: state.id });
      return `„${task.title}“ auf „${state.name}“ gesetzt`;
    }
    case 'notify': {
      const userIds = await actor.db(async (tx) => {
        const ids = new Set<string>();
        for (const r of action.recipients) {
          if (r === 'owners')
            for (const id of await members(tx, actor.tenantId, ['owner', 'admin'])) ids.add(id);
          else if (r === 'actor') {
            if (subject.actorId) ids.add(subject.actorId);
          } else ids.add(r);
        }
        return [...ids];
      });
      const notified = await platform.notifications.notify({
        tenantId: actor.tenantId,
        userIds,
        kind: 'automation',
        title: action.title,
        body: `Automation „${ruleName}“`,
        link: subject.projectId
          ? `/projekte/${subject.projectId}`
          : subject.propertyId
            ? `/objekte/${subject.propertyId}`
            : null,
      });
      return `${notified.length} Person(en) benachrichtigt`;
    }
    case 'send_email': {
      if (!subject.contactId) throw new PermanentJobError('Das Ereignis nennt keinen Kontakt.');
      const found = await actor.db(async (tx) => {
        const [person] = await tx
          .select({ email: contact.email, firstName: contact.firstName, lastName: contact.lastName })
          .from(contact)
          .where(eq(contact.id, subject.contactId as string));
        const [listing] = subject.propertyId
          ? await tx
              .select({ title: property.title })
              .from(property)
              .where(eq(property.id, subject.propertyId))
          : [];
        return { person, listing };
      });
      if (!found.person?.email) return 'Kontakt ohne E-Mail-Adresse – keine E-Mail gesendet';
      const fill = (text: string) =>
        text
          .replaceAll('{{name}}', [found.person?.firstName, found.person?.lastName].filter(Boolean).join(' '))
          .replaceAll('{{objekt}}', found.listing?.title ?? '');
      const receipt = await platform.mail.send({
        to: found.person.email,
        subject: fill(action.subject),
        text: fill(action.body),
        purpose: 'projects.automation',
        tenantId: actor.tenantId,
        audience: 'customer',
      });
      return receipt.delivery === 'offline'
        ? `E-Mail an ${found.person.email} im Postausgang (kein SMTP eingerichtet – offline)`
        : `E-Mail an ${found.person.email} versendet`;
    }
    case 'timeline_note': {
      if (!subject.contactId && !subject.propertyId)
        return 'Kein Kontakt oder Objekt im Ereignis – keine Notiz';
      await actor.db((tx) =>
        addTimelineNote(tx, {
          tenantId: actor.tenantId,
          contactId: subject.contactId,
          propertyId: subject.propertyId,
          subject: action.text,
          body: `Automation „${ruleName}“`,
          userName: 'Automatisierung',
        }),
      );
      return 'Notiz im Verlauf eingetragen';
    }
  }
}
