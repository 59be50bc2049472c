import { and, asc, eq } from 'drizzle-orm';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { addDays, todayInBerlin } from '../domain/day.js';
import { projectTask } from '../schema.js';
import { systemActor } from '../server/actor.js';
import { ProjectService } from '../server/project-service.js';
import { TaskService } from '../server/task-service.js';
import { firstOfGroup, officeStates } from '../server/task-states.js';
import { TemplateService } from '../server/template-service.js';

/**
 * Running projects on the demo listings in different phases (a sale three weeks in, marketing
 * under way, papers being collected, a new acquisition) and follow-ups on two contacts, one of
 * them overdue, so "Mein Tag" and the boards have something to show.
 */
export async function seedProjectsDemo(platform: Platform, tenantId: string): Promise<void> {
  const [owner] = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(and(eq(tenantMember.organizationId, tenantId), eq(tenantMember.role, 'owner')))
      .limit(1),
  );
  const actor = systemActor(platform, tenantId, owner?.userId ?? null);
  const [listings, contacts] = await actor.db((tx) =>
    Promise.all([
      tx.select({ id: property.id }).from(property).orderBy(asc(property.externalId)).limit(4),
      tx
        .select({ id: contact.id, lastName: contact.lastName })
        .from(contact)
        .orderBy(asc(contact.createdAt))
        .limit(2),
    ]),
  );
  const projects = new ProjectService(platform);
  const templates = new TemplateService(projects);
  const tasks = new TaskService(platform);
  const today = todayInBerlin();
  const phases: {
    templateKey: string;
    startedDaysAgo: number;
    doneKeys: string[];
    activeKey: string | null;
  }[] = [
    {
      templateKey: 'transaktion',
      startedDaysAgo: 20,
      doneKeys: ['reservierung', 'gwg', 'finanzierung'],
      activeKey: 'notarentwurf',
    },
    { templateKey: 'vermarktung', startedDaysAgo: 4, doneKeys: ['fotos'], activeKey: 'expose' },
    {
      templateKey: 'dokumentation',
      startedDaysAgo: 9,
      doneKeys: ['grundbuch'],
      activeKey: 'teilungserklaerung',
    },
    { templateKey: 'akquise', startedDaysAgo: 0, doneKeys: [], activeKey: 'lead' },
  ];
  const states = await actor.db((tx) => officeStates(tx, tenantId));
  const done = firstOfGroup(states, 'done');
  const working = firstOfGroup(states, 'in_progress');
  for (const [i, phase] of phases.entries()) {
    const listing = listings[i];
    if (!listing) break;
    const created = await templates.instantiate(actor, {
      templateKey: phase.templateKey,
      startDate: addDays(today, -phase.startedDaysAgo),
      propertyId: listing.id,
      contactIds: [],
    });
    const rows = await actor.db((tx) =>
      tx
        .select({ id: projectTask.id, key: projectTask.templateTaskKey })
        .from(projectTask)
        .where(eq(projectTask.projectId, created.id)),
    );
    for (const row of rows) {
      if (row.key && phase.doneKeys.includes(row.key)) await tasks.move(actor, row.id, done.id, null);
      else if (row.key === phase.activeKey) await tasks.move(actor, row.id, working.id, null);
    }
  }
  const followUps = [
    { title: 'Rückruf: Fragen zur Finanzierung', due: today, priority: 'high' as const },
    { title: 'Unterlagen nachfassen', due: addDays(today, -2), priority: 'medium' as const },
  ];
  for (const [i, followUp] of followUps.entries()) {
    const person = contacts[i];
    if (!person) break;
    await tasks.create(actor, {
      title: `${followUp.title} (${person.lastName ?? 'Kontakt'})`,
      description: '',
      priority: followUp.priority,
      assigneeId: owner?.userId ?? null,
      startDate: null,
      dueDate: followUp.due,
      estimateHours: null,
      checklist: [],
      projectId: null,
      parentId: null,
      contactId: person.id,
      propertyId: null,
      viewingId: null,
    });
  }
}
