import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { formatNumber } from '../../../platform/format/format-de.js';
import { AppError, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { activity, contact, property } from '../../crm/schema.js';
import type { OwnerReportTrigger } from '../domain/mailing-enums.js';
import { letterSalutation } from '../domain/salutation.js';
import { ownerReport, ownerReportSetting } from '../schema.js';
import { loadOwnerReportData, type OwnerReportData } from './owner-report-data.js';
import { periodText, renderOwnerReportPdf } from './owner-report-pdf.js';

const ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** The calendar week before `now` (Monday 00:00 to Monday 00:00, Berlin) and its ISO name. */
export function previousWeek(now: Date): ReportPeriod & { isoWeek: string } {
  const monday = DateTime.fromJSDate(now, { zone: ZONE }).startOf('week');
  const from = monday.minus({ weeks: 1 });
  return { from: from.toJSDate(), to: monday.toJSDate(), isoWeek: from.toFormat("kkkk-'W'WW") };
}

/** On demand the report covers the last seven days up to now. */
export const lastSevenDays = (now: Date): ReportPeriod => ({
  from: new Date(now.getTime() - 7 * DAY_MS),
  to: now,
});

export const reportFileName = (externalId: string, period: ReportPeriod) =>
  `Eigentuemerbericht-${externalId.replace(/[^A-Za-z0-9-]/g, '_')}-${DateTime.fromJSDate(period.to, {
    zone: ZONE,
  })
    .minus({ milliseconds: 1 })
    .toISODate()}.pdf`;

async function loadProperty(platform: Platform, tenantId: string, propertyId: string) {
  const row = await platform.database.withTenant(tenantId, async (tx) => {
    const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
    if (!p) return null;
    const [setting] = await tx
      .select()
      .from(ownerReportSetting)
      .where(eq(ownerReportSetting.propertyId, propertyId));
    return { p, setting: setting ?? null };
  });
  if (!row) throw notFound('Objekt');
  return row;
}

/** The report as the owner would get it now, without sending it (the tab's "PDF ansehen"). */
export async function ownerReportPdf(
  platform: Platform,
  tenantId: string,
  propertyId: string,
  period: ReportPeriod,
): Promise<{ pdf: Buffer; fileName: string }> {
  const { p, setting } = await loadProperty(platform, tenantId, propertyId);
  const data = await loadOwnerReportData(platform, tenantId, p, {
    ...period,
    assessment: setting?.assessment ?? '',
  });
  return { pdf: await renderOwnerReportPdf(data), fileName: reportFileName(p.externalId, period) };
}

function mailText(salutation: string, data: OwnerReportData): string {
  const v = data.viewings;
  const lines = [
    `${salutation},`,
    '',
    `anbei erhalten Sie den Bericht zur Vermarktung Ihrer Immobilie „${data.property.title}“ für den Zeitraum ${periodText(data.period)}.`,
    '',
    'Das Wichtigste in Kürze:',
    `– Anfragen: ${data.inquiries.period} im Zeitraum, ${data.inquiries.total} insgesamt`,
    `– Exposé-Abrufe: ${data.exposes.period} im Zeitraum, ${data.exposes.total} insgesamt`,
  ];
  if (v) {
    lines.push(`– Besichtigungen: ${v.inPeriod} im Zeitraum, ${v.total} insgesamt`);
    if (v.averageInterest !== null)
      lines.push(
        `– Durchschnittliches Interesse der Besucher: ${formatNumber(v.averageInterest, 'de', 1)} von 5`,
      );
  }
  for (const hint of data.hints) lines.push(`– ${hint}`);
  lines.push(
    '',
    'Die Einzelheiten finden Sie im angehängten PDF. Für Rückfragen bin ich gern für Sie da.',
    '',
    'Mit freundlichen Grüßen',
    data.agent?.name ?? data.office.name,
  );
  if (data.agent) lines.push(data.office.name);
  return lines.join('\n');
}

export interface SendOptions {
  trigger: OwnerReportTrigger;
  period: ReportPeriod;
  /** Weekly runs pass `propertyId:2026-W49`; a week already sent is skipped, not sent again. */
  weekKey?: string;
  user?: { id: string; name: string } | null;
}

/**
 * Renders the report and mails it to the owner with the PDF attached. The report row is written
 * first under the week's key, so two servers or a retried job cannot send one week twice.
 */
export async function sendOwnerReport(
  platform: Platform,
  tenantId: string,
  propertyId: string,
  options: SendOptions,
): Promise<typeof ownerReport.$inferSelect | null> {
  const { p, setting } = await loadProperty(platform, tenantId, propertyId);
  if (!setting?.ownerContactId)
    throw new AppError(
      409,
      'owner_missing',
      'Bitte zuerst den Eigentümer wählen, der den Bericht erhalten soll.',
    );
  const ownerId = setting.ownerContactId;
  const [owner] = await platform.database.withTenant(tenantId, (tx) =>
    tx.select().from(contact).where(eq(contact.id, ownerId)),
  );
  if (!owner) throw new AppError(409, 'owner_missing', 'Der gewählte Eigentümer existiert nicht mehr.');
  if (!owner.email)
    throw new AppError(
      422,
      'owner_no_email',
      'Für den Eigentümer ist keine E-Mail-Adresse hinterlegt. Bitte im Kontakt ergänzen.',
    );
  const email = owner.email;

  const [report] = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .insert(ownerReport)
      .values({
        tenantId,
        propertyId,
        ownerContactId: owner.id,
        toAddress: email,
        periodFrom: options.period.from,
        periodTo: options.period.to,
        trigger: options.trigger,
        weekKey: options.weekKey ?? null,
        sentBy: options.user?.id ?? null,
        sentByName: options.user?.name ?? null,
      })
      .onConflictDoNothing({ target: ownerReport.weekKey })
      .returning(),
  );
  if (!report) return null;

  try {
    const data = await loadOwnerReportData(platform, tenantId, p, {
      ...options.period,
      assessment: setting.assessment,
    });
    const pdf = await renderOwnerReportPdf(data);
    const receipt = await platform.mail.send({
      to: email,
      subject: `Eigentümerbericht „${p.title}“ – ${periodText(options.period)}`,
      text: mailText(letterSalutation(owner), data),
      attachments: [
        {
          filename: reportFileName(p.externalId, options.period),
          contentType: 'application/pdf',
          content: pdf.toString('base64'),
          encoding: 'base64',
        },
      ],
      purpose: 'mailings.owner-report',
      tenantId,
      audience: 'customer',
    });
    return await platform.database.withTenant(tenantId, async (tx) => {
      const [done] = await tx
        .update(ownerReport)
        .set({ mailId: receipt.id })
        .where(eq(ownerReport.id, report.id))
        .returning();
      await tx.insert(activity).values({
        tenantId,
        propertyId,
        contactId: owner.id,
        kind: 'email',
        subject: `Eigentümerbericht gesendet (${periodText(options.period)})`,
        body: `An ${email}${options.trigger === 'woechentlich' ? ' – wöchentlicher Versand' : ''}`,
        userId: options.user?.id ?? null,
        userName: options.user?.name ?? null,
      });
      return done ?? report;
    });
  } catch (error) {
    // Nothing went out: the row goes, so the next attempt (or the next tick) may send the week.
    await platform.database.withTenant(tenantId, (tx) =>
      tx.delete(ownerReport).where(eq(ownerReport.id, report.id)),
    );
    throw error;
  }
}
