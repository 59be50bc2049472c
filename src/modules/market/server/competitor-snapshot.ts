import { and, count, eq, inArray, isNull, max } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, notFound } from '../../../platform/http/app-error.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import type { SnapshotInput, SnapshotResult } from '../contract.js';
import { diffSnapshot } from '../domain/competitor-diff.js';
import type { ImportedObservation } from '../domain/import-row.js';
import { competitorEvent, competitorListing, marketDataset, marketRecord } from '../schema.js';
import { datasetViewOf } from './dataset-view.js';
import { readPriceFile, readPriceRecords } from './import-service.js';
import { openImmoFeedRows } from './openimmo-snapshot.js';

/** Every row must name its listing, once, or the feed cannot be followed from day to day. */
function checkRefs(observations: ImportedObservation[]): { line: number; errors: string[] }[] {
  const problems: { line: number; errors: string[] }[] = [];
  const first = new Map<string, number>();
  observations.forEach((o, i) => {
    const line = i + 2;
    if (!o.externalRef)
      problems.push({
        line,
        errors: ['Objektnummer fehlt – ohne sie lässt sich das Angebot nicht verfolgen.'],
      });
    else if (first.has(o.externalRef))
      problems.push({
        line,
        errors: [`Objektnummer „${o.externalRef}“ steht schon in Zeile ${first.get(o.externalRef)}.`],
      });
    else first.set(o.externalRef, line);
  });
  return problems;
}

/**
 * Takes in one full snapshot of a competitor's feed: new listings enter the market store as
 * asking prices, changed prices and withdrawals are recorded as events. All or nothing.
 * Returns the result and the ids of listings that are new, for the alerts.
 */
export async function recordSnapshot(
  ctx: TenantRequestContext,
  body: SnapshotInput,
): Promise<{ result: Omit<SnapshotResult, 'alerts'>; createdListingIds: string[] }> {
  const observedOn = body.observedOn ?? todayInBerlin();
  if (observedOn > todayInBerlin())
    throw new AppError(422, 'snapshot_in_future', 'Ein Stand kann nicht in der Zukunft liegen.', {
      field: 'observedOn',
    });
  const feed = body.openimmo === undefined ? null : openImmoFeedRows(body.openimmo);
  const { preview, observations } = feed
    ? readPriceRecords(feed.columns, feed.records, feed.mapping, 'wettbewerb', observedOn)
    : readPriceFile({ csv: body.csv ?? '', mapping: body.mapping, kind: 'wettbewerb' }, observedOn);
  const invalid = [...preview.invalid, ...(preview.invalid.length === 0 ? checkRefs(observations) : [])].map(
    // A feed has no lines to point at; its listings are named by place and number instead.
    (row) => (feed ? { ...row, label: feed.labels[row.line - 2] } : row),
  );
  if (invalid.length > 0)
    throw new AppError(
      422,
      'import_rows_invalid',
      `${invalid.length} von ${preview.rows} ${feed ? 'Angeboten' : 'Zeilen'} sind fehlerhaft; der Stand wurde nicht übernommen.`,
      { invalid },
    );
  return ctx.db(async (tx) => {
    let dataset: typeof marketDataset.$inferSelect | undefined;
    if (body.datasetId) {
      [dataset] = await tx.select().from(marketDataset).where(eq(marketDataset.id, body.datasetId));
      if (dataset?.kind !== 'wettbewerb') throw notFound('Mitbewerber');
      const [last] = await tx
        .select({ on: max(competitorListing.lastSeenOn) })
        .from(competitorListing)
        .where(eq(competitorListing.datasetId, dataset.id));
      if (last?.on && observedOn < last.on)
        throw new AppError(
          422,
          'snapshot_out_of_order',
          `Der Stand vom ${observedOn.split('-').reverse().join('.')} ist älter als der zuletzt übernommene (${last.on.split('-').reverse().join('.')}).`,
          { field: 'observedOn' },
        );
    } else {
      [dataset] = await tx
        .insert(marketDataset)
        .values({
          tenantId: ctx.tenantId,
          name: body.name,
          kind: 'wettbewerb',
          source: body.source,
          licence: body.licence,
          licenceUrl: body.licenceUrl,
          createdBy: ctx.actor.userId,
        })
        .returning();
    }
    const datasetId = dataset!.id;
    const known = await tx
      .select({
        id: competitorListing.id,
        externalRef: competitorListing.externalRef,
        priceCents: competitorListing.priceCents,
        withdrawnOn: competitorListing.withdrawnOn,
        recordId: competitorListing.recordId,
      })
      .from(competitorListing)
      .where(eq(competitorListing.datasetId, datasetId));
    const rows = observations.map((o) => ({ ...o, externalRef: o.externalRef! }));
    const diff = diffSnapshot(known, rows);
    const byRef = new Map(rows.map((o) => [o.externalRef, o]));
    const knownByRef = new Map(known.map((k) => [k.externalRef, k]));

    const createdListingIds: string[] = [];
    for (const ref of diff.created) {
      const o = byRef.get(ref)!;
      const [record] = await tx
        .insert(marketRecord)
        .values({ ...o, priceKind: 'angebot', observedOn, tenantId: ctx.tenantId, datasetId })
        .returning({ id: marketRecord.id });
      const [listing] = await tx
        .insert(competitorListing)
        .values({
          tenantId: ctx.tenantId,
          datasetId,
          externalRef: ref,
          recordId: record!.id,
          firstPriceCents: o.priceCents,
          priceCents: o.priceCents,
          firstSeenOn: observedOn,
          lastSeenOn: observedOn,
        })
        .returning({ id: competitorListing.id });
      createdListingIds.push(listing!.id);
    }
    const events: (typeof competitorEvent.$inferInsert)[] = createdListingIds.map((listingId, i) => ({
      tenantId: ctx.tenantId,
      listingId,
      kind: 'neu',
      occurredOn: observedOn,
      newPriceCents: byRef.get(diff.created[i]!)!.priceCents,
    }));
    for (const change of diff.priceChanged)
      events.push({
        tenantId: ctx.tenantId,
        listingId: change.id,
        kind: 'preis',
        occurredOn: observedOn,
        oldPriceCents: change.oldPriceCents,
        newPriceCents: change.newPriceCents,
      });
    for (const id of diff.relisted)
      events.push({ tenantId: ctx.tenantId, listingId: id, kind: 'wieder', occurredOn: observedOn });
    for (const id of diff.withdrawn)
      events.push({ tenantId: ctx.tenantId, listingId: id, kind: 'zurueckgezogen', occurredOn: observedOn });
    if (events.length > 0) await tx.insert(competitorEvent).values(events);

    // Listings still offered: price and traits as the feed shows them today.
    for (const o of rows) {
      const before = knownByRef.get(o.externalRef);
      if (!before) continue;
      const { externalRef: _ref, ...traits } = o;
      await tx
        .update(marketRecord)
        .set({ ...traits, priceKind: 'angebot', observedOn, updatedAt: new Date() })
        .where(eq(marketRecord.id, before.recordId));
      await tx
        .update(competitorListing)
        .set({ priceCents: o.priceCents, lastSeenOn: observedOn, withdrawnOn: null, updatedAt: new Date() })
        .where(eq(competitorListing.id, before.id));
    }
    if (diff.withdrawn.length > 0)
      await tx
        .update(competitorListing)
        .set({ withdrawnOn: observedOn, updatedAt: new Date() })
        .where(and(inArray(competitorListing.id, diff.withdrawn), isNull(competitorListing.withdrawnOn)));
    const [total] = await tx
      .select({ n: count() })
      .from(competitorListing)
      .where(eq(competitorListing.datasetId, datasetId));
    const [updated] = await tx
      .update(marketDataset)
      .set({ rowCount: total!.n })
      .where(eq(marketDataset.id, datasetId))
      .returning();
    const result = {
      dataset: datasetViewOf(updated!),
      observedOn,
      created: diff.created.length,
      priceChanged: diff.priceChanged.length,
      withdrawn: diff.withdrawn.length,
      relisted: diff.relisted.length,
      unchanged: diff.unchanged,
    };
    await recordAudit(tx, ctx.actor, {
      entity: 'market_dataset',
      entityId: datasetId,
      action: 'snapshot',
      after: { ...result, dataset: updated!.name },
    });
    return { result, createdListingIds };
  });
}
