import { inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { badRequest } from '../../../platform/http/app-error.js';
import { type ContactImportReport, type contactImportBody, createContactBody } from '../contract.js';
import { contact } from '../schema.js';

const MAX_ROWS = 20_000;
const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x', 'wahr']);

/** Maps loose spreadsheet spellings ("Frau", "Käufer, Mieter", "Ja") onto the contact schema. */
function toInput(record: Record<string, string>, mapping: Record<string, string>) {
  const input: Record<string, unknown> = { kind: 'person', source: 'sonstige' };
  for (const [column, field] of Object.entries(mapping)) {
    const raw = record[column]?.trim();
    if (field === 'ignore' || raw === undefined || raw === '') continue;
    switch (field) {
      case 'salutation':
      case 'leadStatus':
      case 'source':
        input[field] = raw.toLowerCase();
        break;
      case 'roles':
        input.roles = raw
          .split(/[,;/|]/)
          .map((r) => r.trim().toLowerCase().replace('ä', 'ae').replace('ü', 'ue'))
          .filter(Boolean);
        break;
      case 'consentGiven':
        input.consentGiven = YES.has(raw.toLowerCase());
        break;
      default:
        input[field] = raw;
    }
  }
  if (input.companyName && !input.lastName) input.kind = 'firma';
  if (input.consentGiven && !input.consentPurpose)
    input.consentPurpose = 'Import: Einwilligung laut Quelldatei';
  return input;
}

export function parseCsv(csv: string): { columns: string[]; records: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    // Excel in Germany writes ";" — let Papa detect it instead of asking the broker.
    delimitersToGuess: [';', ',', '\t', '|'],
    transformHeader: (h) => h.trim(),
  });
  const columns = (parsed.meta.fields ?? []).filter(Boolean);
  if (columns.length === 0) throw badRequest('csv_no_header', 'Die erste Zeile muss Spaltennamen enthalten.');
  return { columns, records: parsed.data };
}

/**
 * Validates every row, then (unless dry run) inserts new contacts and updates or skips
 * duplicates by e-mail, all in one transaction: an import either lands whole or not at all.
 */
export async function importContacts(
  ctx: TenantRequestContext,
  body: z.infer<typeof contactImportBody>,
): Promise<ContactImportReport> {
  const { columns, records } = parseCsv(body.csv);
  if (records.length > MAX_ROWS)
    throw badRequest(
      'csv_too_many_rows',
      `Höchstens ${MAX_ROWS} Zeilen pro Import (Datei: ${records.length}).`,
    );
  const unknown = Object.keys(body.mapping).filter((c) => !columns.includes(c));
  if (unknown.length > 0)
    throw badRequest('csv_unknown_columns', `Spalten nicht in der Datei: ${unknown.join(', ')}`, { unknown });
  const mapped = new Set(Object.values(body.mapping));
  if (!mapped.has('lastName') && !mapped.has('companyName'))
    throw badRequest(
      'csv_mapping_incomplete',
      'Ordnen Sie mindestens „Nachname“ oder „Firma“ einer Spalte zu.',
    );

  const report: ContactImportReport = {
    dryRun: body.dryRun,
    rows: records.length,
    created: 0,
    updated: 0,
    skippedDuplicates: 0,
    errors: [],
    columns,
  };
  const valid: { line: number; data: z.infer<typeof createContactBody> }[] = [];
  records.forEach((record, i) => {
    const line = i + 2; // header is line 1
    const result = createContactBody.safeParse(toInput(record, body.mapping));
    if (result.success) valid.push({ line, data: result.data });
    else
      report.errors.push({
        line,
        messages: result.error.issues.map((issue) => `${issue.path.join('.') || 'Zeile'}: ${issue.message}`),
      });
  });

  // The dry run does everything the import does and then rolls back: it finds whatever the
  // database would refuse, not only what the row validation knows about.
  await ctx
    .db(async (tx) => {
      const emails = [...new Set(valid.flatMap((v) => (v.data.email ? [v.data.email.toLowerCase()] : [])))];
      const existing = new Map<string, string>();
      for (let i = 0; i < emails.length; i += 1000) {
        const rows = await tx
          .select({ id: contact.id, email: contact.email })
          .from(contact)
          .where(inArray(sql`lower(${contact.email})`, emails.slice(i, i + 1000)));
        for (const r of rows) if (r.email) existing.set(r.email.toLowerCase(), r.id);
      }
      const seenInFile = new Set<string>();
      const inserts: (typeof contact.$inferInsert)[] = [];
      for (const { data } of valid) {
        const email = data.email?.toLowerCase();
        const existingId = email ? existing.get(email) : undefined;
        if (email && (existingId || seenInFile.has(email))) {
          if (body.onDuplicate === 'update' && existingId) {
            report.updated++;
            await tx
              .update(contact)
              .set({ ...data, updatedAt: new Date(), consentAt: data.consentGiven ? new Date() : undefined })
              .where(sql`${contact.id} = ${existingId}`);
          } else report.skippedDuplicates++;
          continue;
        }
        if (email) seenInFile.add(email);
        report.created++;
        inserts.push({
          ...data,
          tenantId: ctx.tenantId,
          consentAt: data.consentGiven ? new Date() : null,
          assignedAgentId: ctx.auth.user.id,
          createdBy: ctx.auth.user.id,
        });
      }
      for (let i = 0; i < inserts.length; i += 500)
        await tx.insert(contact).values(inserts.slice(i, i + 500));
      if (body.dryRun) throw new DryRunDone();
      await recordAudit(tx, ctx.actor, {
        entity: 'contact',
        entityId: 'import',
        action: 'imported',
        after: {
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          errors: report.errors.length,
        },
      });
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunDone)) throw error;
    });
  return report;
}

/** Thrown at the end of a dry run so its transaction rolls back. */
class DryRunDone extends Error {}
