import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import {
  type OwnerReportOverview,
  ownerReportOverview,
  ownerReportSettingInput,
  ownerReportView,
} from '../contract.js';
import { ownerReport, ownerReportSetting } from '../schema.js';
import { lastSevenDays, ownerReportPdf, sendOwnerReport } from './owner-report-send.js';

const params = z.object({ propertyId: z.string().uuid() });
const ZONE = 'Europe/Berlin';

/** The coming Monday 08:00 (Berlin) at which the weekly report goes out. */
function nextMonday(now: Date): Date {
  const thisWeek = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week').set({ hour: 8 });
  return (thisWeek.toJSDate() > now ? thisWeek : thisWeek.plus({ weeks: 1 })).toJSDate();
}

const reportView = (r: typeof ownerReport.$inferSelect) => ({
  id: r.id,
  toAddress: r.toAddress,
  periodFrom: r.periodFrom.toISOString(),
  periodTo: r.periodTo.toISOString(),
  trigger: r.trigger,
  sentAt: r.sentAt.toISOString(),
  sentByName: r.sentByName,
});

async function overviewOf(
  tx: Tx,
  propertyId: string,
  delivery: OwnerReportOverview['delivery'],
): Promise<OwnerReportOverview> {
  const [p] = await tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId));
  if (!p) throw notFound('Objekt');
  const [setting] = await tx
    .select()
    .from(ownerReportSetting)
    .where(eq(ownerReportSetting.propertyId, propertyId));
  const [owner] = setting?.ownerContactId
    ? await tx.select().from(contact).where(eq(contact.id, setting.ownerContactId))
    : [];
  const reports = await tx
    .select()
    .from(ownerReport)
    .where(eq(ownerReport.propertyId, propertyId))
    .orderBy(desc(ownerReport.sentAt))
    .limit(52);
  const weekly = Boolean(setting?.weekly && owner);
  return {
    propertyId,
    owner: owner ? { id: owner.id, name: contactDisplayName(owner), email: owner.email } : null,
    weekly,
    assessment: setting?.assessment ?? '',
    nextWeeklyAt: weekly ? nextMonday(new Date()).toISOString() : null,
    reports: reports.map(reportView),
    delivery,
  };
}

/** The owner report (Eigentümerbericht) of one listing: settings, PDF preview, sending, history. */
export const ownerReportRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const delivery = () => (platform.mail.online ? 'smtp' : 'offline') as 'smtp' | 'offline';

  app.get(
    '/owner-reports/:propertyId',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: "A listing's owner report: recipient, weekly switch, assessment and what was sent",
        params,
        response: { 200: ownerReportOverview },
      },
    },
    async (request) =>
      tenantContext(platform, request).db((tx) => overviewOf(tx, request.params.propertyId, delivery())),
  );

  app.put(
    '/owner-reports/:propertyId',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Choose the owner, switch the weekly report on or off, write the assessment',
        params,
        body: ownerReportSettingInput,
        response: { 200: ownerReportOverview },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { propertyId } = request.params;
      const body = request.body;
      return ctx.db(async (tx) => {
        const [p] = await tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId));
        if (!p) throw notFound('Objekt');
        if (body.ownerContactId) {
          const [owner] = await tx
            .select({ id: contact.id })
            .from(contact)
            .where(eq(contact.id, body.ownerContactId));
          if (!owner)
            throw badRequest('unknown_contact', 'Der gewählte Kontakt existiert nicht (mehr).', {
              ownerContactId: body.ownerContactId,
            });
        }
        const [before] = await tx
          .select()
          .from(ownerReportSetting)
          .where(eq(ownerReportSetting.propertyId, propertyId));
        const now = new Date();
        const values = {
          ownerContactId: body.ownerContactId,
          weekly: body.weekly,
          // Switching on starts the clock; staying on keeps it, so editing the text skips no week.
          weeklySince: body.weekly ? (before?.weekly ? before.weeklySince : now) : null,
          assessment: body.assessment,
          updatedBy: ctx.actor.userId,
          updatedAt: now,
        };
        const [after] = await tx
          .insert(ownerReportSetting)
          .values({ tenantId: ctx.tenantId, propertyId, ...values })
          .onConflictDoUpdate({ target: ownerReportSetting.propertyId, set: values })
          .returning();
        const audited = (s: typeof before) =>
          s ? { ownerContactId: s.ownerContactId, weekly: s.weekly, assessment: s.assessment } : null;
        await recordAudit(tx, ctx.actor, {
          entity: 'owner_report_setting',
          entityId: after!.id,
          action: before ? 'updated' : 'created',
          before: audited(before),
          after: audited(after),
        });
        return overviewOf(tx, propertyId, delivery());
      });
    },
  );

  app.get(
    '/owner-reports/:propertyId/report.pdf',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'The owner report of the last seven days as PDF, as the owner would get it now',
        params,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { pdf, fileName } = await ownerReportPdf(
        platform,
        ctx.tenantId,
        request.params.propertyId,
        lastSevenDays(new Date()),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/owner-reports/:propertyId/send',
    {
      config: { access: { permission: 'mailings.send' } },
      schema: {
        tags: ['mailings'],
        summary: 'Send the report of the last seven days to the owner now, with the PDF attached',
        params,
        response: { 201: ownerReportView.extend({ delivery: z.enum(['smtp', 'offline']) }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const report = await sendOwnerReport(platform, ctx.tenantId, request.params.propertyId, {
        trigger: 'manuell',
        period: lastSevenDays(new Date()),
        user: { id: ctx.auth.user.id, name: ctx.auth.user.name },
      });
      // Only a weekly run (with its week key) can find its report already sent.
      if (!report) throw new Error('manual owner report was not recorded');
      return reply.status(201).send({ ...reportView(report), delivery: delivery() });
    },
  );
};
