import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import '../events.js';
import { authUser, tenantMember } from '../../../platform/auth/auth.schema.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { CATEGORY_LABELS_DE, type DocumentCategory } from '../domain/categories.js';
import { REMINDER_THRESHOLDS, reminderThreshold } from '../domain/reminder-threshold.js';
import { document, documentReminder } from '../schema.js';

export const EXPIRY_REMINDERS_JOB = 'documents.expiry-reminders';
const FIRST_THRESHOLD = Math.max(...REMINDER_THRESHOLDS);

const berlinDay = (date = new Date()) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const germanDay = (day: string) => day.split('-').reverse().join('.');

/**
 * Raises the expiry reminders an office has reached today and mails them, one e-mail per
 * person: to whoever filed the document, and to owners and admins. A reminder is stored
 * before it is mailed and never raised twice, so a rerun of the day sends nothing new.
 */
export const expiryRemindersJob = (platform: Platform) =>
  defineJob({
    name: EXPIRY_REMINDERS_JOB,
    version: 1,
    payload: z.object({
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
    attempts: 3,
    backoffSeconds: 60,
    concurrency: 1,
    handler: async ({ tenantId, payload, withTenant }) => {
      if (!tenantId) throw new PermanentJobError('expiry reminders need an office');
      const today = payload.day ?? berlinDay();
      const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + FIRST_THRESHOLD * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const raised = await withTenant(async (tx) => {
        const due = await tx
          .select({
            id: document.id,
            title: document.title,
            category: document.category,
            validUntil: document.validUntil,
            createdBy: document.createdBy,
            propertyId: document.propertyId,
          })
          .from(document)
          .where(and(isNotNull(document.validUntil), lte(document.validUntil, horizon)));
        const fresh = [];
        for (const doc of due) {
          const validUntil = doc.validUntil ?? '';
          const threshold = reminderThreshold(validUntil, today);
          if (threshold === null) continue;
          const [row] = await tx
            .insert(documentReminder)
            .values({ tenantId, documentId: doc.id, validUntil, thresholdDays: threshold })
            .onConflictDoNothing()
            .returning({ id: documentReminder.id });
          if (row) fresh.push({ ...doc, validUntil, threshold, reminderId: row.id });
        }
        return fresh;
      });
      if (raised.length === 0) return { raised: 0, mailed: 0 };
      for (const item of raised)
        platform.events.emit('document.expiring', tenantId, {
          documentId: item.id,
          propertyId: item.propertyId,
          category: item.category,
          title: item.title,
          validUntil: item.validUntil,
          daysLeft: item.threshold,
        });

      const people = await platform.database.db
        .select({ id: authUser.id, email: authUser.email, name: authUser.name, role: tenantMember.role })
        .from(tenantMember)
        .innerJoin(authUser, eq(authUser.id, tenantMember.userId))
        .where(eq(tenantMember.organizationId, tenantId));
      const managers = people.filter((p) => p.role === 'owner' || p.role === 'admin');
      const perPerson = new Map<string, { name: string; items: typeof raised }>();
      for (const item of raised) {
        const filer = people.find((p) => p.id === item.createdBy);
        for (const person of filer ? [filer, ...managers] : managers) {
          const entry = perPerson.get(person.email) ?? { name: person.name, items: [] };
          if (!entry.items.includes(item)) entry.items.push(item);
          perPerson.set(person.email, entry);
        }
      }
      for (const [email, { name, items }] of perPerson) {
        const lines = items.map(
          (i) =>
            `- ${i.title} (${CATEGORY_LABELS_DE[i.category as DocumentCategory] ?? i.category}): ${
              i.threshold === 0 ? 'abgelaufen am' : 'gültig bis'
            } ${germanDay(i.validUntil)}\n  ${platform.publicUrl}/dokumente/${i.id}`,
        );
        await platform.mail.send({
          audience: 'staff',
          tenantId,
          to: email,
          purpose: 'documents.expiry-reminder',
          subject: `${items.length} Dokument(e) laufen ab oder sind abgelaufen`,
          text: [`Guten Tag ${name},`, '', 'diese Unterlagen brauchen bald Ersatz:', '', ...lines].join('\n'),
        });
      }
      await withTenant(async (tx) => {
        for (const item of raised)
          await tx
            .update(documentReminder)
            .set({
              mailedTo: [...perPerson].filter(([, v]) => v.items.includes(item)).map(([email]) => email),
            })
            .where(eq(documentReminder.id, item.reminderId));
      });
      return { raised: raised.length, mailed: perPerson.size };
    },
  });

/** Once a day per office that has dated documents; the key holds the day, so ticks repeat harmlessly. */
export async function enqueueExpiryReminders(platform: Platform): Promise<number> {
  const day = berlinDay();
  const offices = await platform.database.executeSql(
    'select distinct tenant_id from document where valid_until is not null',
  );
  for (const row of offices.rows)
    await platform.jobs.enqueue(
      EXPIRY_REMINDERS_JOB,
      { day },
      { tenantId: String(row.tenant_id), key: `expiry:${row.tenant_id}:${day}` },
    );
  return offices.rows.length;
}
