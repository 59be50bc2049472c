import type { DatasetView } from '../contract.js';
import type { marketDataset } from '../schema.js';

export const datasetViewOf = (d: typeof marketDataset.$inferSelect): DatasetView => ({
  id: d.id,
  name: d.name,
  kind: d.kind as DatasetView['kind'],
  source: d.source,
  licence: d.licence,
  licenceUrl: d.licenceUrl,
  rowCount: d.rowCount,
  createdAt: d.createdAt.toISOString(),
});
