import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { activity, contact, property } from '../../crm/schema.js';
import { SKIP_REASONS } from '../contract.js';
import { mailingCampaign, mailingRecipient } from '../schema.js';
import { alreadyOfferedSet, consentsOf, skipReason } from './audience.js';
import { hashToken, newUnsubscribeToken, offerContext, offerMail, unsubscribeUrl } from './offer-mail.js';

export const MAILING_SEND_JOB = 'mailings.send';
const ROUND_SECONDS = 60;

export async function enqueueRound(
  platform: Platform,
  tenantId: string,
  campaignId: string,
  round: number,
  runAt?: Date,
): Promise<void> {
  await platform.jobs.enqueue(
    MAILING_SEND_JOB,
    { campaignId, round },
    { key: `${campaignId}:${round}`, tenantId, ...(runAt ? { runAt } : {}) },
  );
}

/** Ends a mailing early: whoever still waits is skipped with the reason. */
async function stopCampaign(platform: Platform, tenantId: string, campaignId: string, reason: string) {
  await platform.database.withTenant(tenantId, async (tx) => {
    await tx
      .update(mailingRecipient)
      .set({ state: 'uebersprungen', reason })
      .where(and(eq(mailingRecipient.campaignId, campaignId), eq(mailingRecipient.state, 'wartet')));
    await tx
      .update(mailingCampaign)
      .set({ state: 'abgebrochen', finishedAt: new Date() })
      .where(eq(mailingCampaign.id, campaignId));
  });
}

/**
 * One round of a mailing: at most `perMinute` mails, then the next round a minute later, so a
 * large mailing does not flood the office's SMTP server or its sender reputation. Each recipient
 * is marked sent before its mail is queued: after a crash a mail is missing, never sent twice.
 */
export function mailingSendJob(platform: Platform) {
  return defineJob({
    name: MAILING_SEND_JOB,
    version: 1,
    payload: z.object({ campaignId: z.string().uuid(), round: z.number().int().min(1) }),
    attempts: 3,
    concurrency: 1,
    handler: async ({ payload, tenantId, reportProgress }) => {
      if (!tenantId) throw new PermanentJobError('mailing without tenant');
      const loaded = await platform.database.withTenant(tenantId, async (tx) => {
        const [campaign] = await tx
          .select()
          .from(mailingCampaign)
          .where(eq(mailingCampaign.id, payload.campaignId));
        if (!campaign) return null;
        const [listing] = campaign.propertyId
          ? await tx.select().from(property).where(eq(property.id, campaign.propertyId))
          : [];
        return { campaign, listing };
      });
      if (!loaded) return { skipped: 'Versand gelöscht' };
      const { campaign, listing } = loaded;
      if (campaign.state !== 'laeuft') return { skipped: `Versand ${campaign.state}` };
      if (!listing) {
        await stopCampaign(platform, tenantId, campaign.id, 'Objekt wurde gelöscht');
        return { stopped: 'property deleted' };
      }
      if (!(PUBLIC_STATUSES as readonly string[]).includes(listing.status)) {
        await stopCampaign(platform, tenantId, campaign.id, 'Objekt ist nicht mehr am Markt');
        return { stopped: `property ${listing.status}` };
      }

      const batch = await platform.database.withTenant(tenantId, async (tx) => {
        const rows = await tx
          .select({ recipient: mailingRecipient, contact })
          .from(mailingRecipient)
          .innerJoin(contact, eq(contact.id, mailingRecipient.contactId))
          .where(and(eq(mailingRecipient.campaignId, campaign.id), eq(mailingRecipient.state, 'wartet')))
          .orderBy(desc(mailingRecipient.score), mailingRecipient.id)
          .limit(campaign.perMinute);
        const consents = await consentsOf(
          tx,
          rows.map((r) => r.contact.id),
        );
        const offered = await alreadyOfferedSet(tx, listing.id);
        return { rows, consents, offered };
      });
      const ctx = await offerContext(platform, tenantId, listing);
      let sent = 0;
      let skipped = 0;
      let failed = 0;
      for (const { recipient, contact: c } of batch.rows) {
        // Checked again now: consent may have been withdrawn since the mailing was planned.
        const skip = skipReason(c.email, batch.consents.get(c.id), batch.offered.has(c.id));
        if (skip) {
          skipped += 1;
          await platform.database.withTenant(tenantId, (tx) =>
            tx
              .update(mailingRecipient)
              .set({ state: 'uebersprungen', reason: SKIP_REASONS[skip] })
              .where(eq(mailingRecipient.id, recipient.id)),
          );
          continue;
        }
        const token = newUnsubscribeToken();
        const claimed = await platform.database.withTenant(tenantId, async (tx) => {
          const [row] = await tx
            .update(mailingRecipient)
            .set({
              state: 'gesendet',
              sentAt: new Date(),
              email: c.email,
              unsubscribeTokenHash: hashToken(token),
            })
            .where(and(eq(mailingRecipient.id, recipient.id), eq(mailingRecipient.state, 'wartet')))
            .returning({ id: mailingRecipient.id });
          if (!row) return false;
          await tx.insert(activity).values({
            tenantId,
            contactId: c.id,
            propertyId: listing.id,
            kind: 'email',
            subject: `Angebot „${listing.title}“ gesendet`,
            body: `Angebotsversand vom ${campaign.createdAt.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin' })}`,
            userId: campaign.createdBy,
            userName: campaign.createdByName,
          });
          return true;
        });
        if (!claimed) continue;
        const link = unsubscribeUrl(platform, token);
        const mail = offerMail(ctx, campaign, c, link);
        try {
          const receipt = await platform.mail.send({
            audience: 'customer',
            tenantId,
            to: c.email!,
            purpose: 'mailings.offer',
            contactId: c.id,
            subject: mail.subject,
            text: mail.text,
            // RFC 2369 and RFC 8058: mail programs show an "unsubscribe" button that posts here.
            headers: {
              'List-Unsubscribe': `<${link}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            },
          });
          sent += 1;
          await platform.database.withTenant(tenantId, (tx) =>
            tx
              .update(mailingRecipient)
              .set({ mailId: receipt.id })
              .where(eq(mailingRecipient.id, recipient.id)),
          );
        } catch (error) {
          failed += 1;
          await platform.database.withTenant(tenantId, (tx) =>
            tx
              .update(mailingRecipient)
              .set({
                state: 'fehler',
                reason: `E-Mail konnte nicht eingereiht werden: ${(error as Error).message}`.slice(0, 500),
              })
              .where(eq(mailingRecipient.id, recipient.id)),
          );
        }
      }

      const counts = await platform.database.withTenant(tenantId, (tx) =>
        tx
          .select({ state: mailingRecipient.state, n: count() })
          .from(mailingRecipient)
          .where(eq(mailingRecipient.campaignId, campaign.id))
          .groupBy(mailingRecipient.state),
      );
      const total = counts.reduce((sum, r) => sum + r.n, 0);
      const waiting = counts.find((r) => r.state === 'wartet')?.n ?? 0;
      await reportProgress(
        total === 0 ? 100 : Math.round(((total - waiting) / total) * 100),
        `${total - waiting} von ${total} bearbeitet`,
      );
      if (waiting > 0) {
        await enqueueRound(
          platform,
          tenantId,
          campaign.id,
          payload.round + 1,
          new Date(Date.now() + ROUND_SECONDS * 1000),
        );
      } else {
        await platform.database.withTenant(tenantId, (tx) =>
          tx
            .update(mailingCampaign)
            .set({ state: 'fertig', finishedAt: new Date() })
            .where(and(eq(mailingCampaign.id, campaign.id), inArray(mailingCampaign.state, ['laeuft']))),
        );
      }
      return { round: payload.round, sent, skipped, failed, waiting };
    },
  });
}
