import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { FileStorage } from '../files/file-storage.js';
import { AppError } from '../http/app-error.js';
import { officePlan } from './office-plan.js';
import { checkCapacity, PLANS, violationMessage } from './plan-catalogue.js';
import { UPGRADE_PATH } from './plan-limits.js';

/** How long a measured storage use is trusted before the files are counted again. */
const MEASURE_TTL_MS = 60_000;

/** Bodies that carry files: anything but JSON and plain form fields. */
export function isUpload(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  const length = Number(request.headers['content-length'] ?? 0);
  if (!type || !(length > 0)) return false;
  return !type.startsWith('application/json') && !type.startsWith('application/x-www-form-urlencoded');
}

/**
 * The plan's storage limit, checked before an upload is read: its declared size (a little more
 * than the file, with the multipart framing) must fit next to what the office already stores.
 * Counting every file of an office on each upload would cost a directory walk or a bucket
 * listing, so the count is kept a minute and grows by each upload let through.
 */
export class StorageQuota {
  private readonly measured = new Map<string, { bytes: number; at: number }>();

  constructor(
    private readonly database: Database,
    private readonly files: FileStorage,
  ) {}

  async assertRoom(tenantId: string, incomingBytes: number): Promise<void> {
    const plan = await officePlan(this.database, tenantId);
    if (!plan || PLANS[plan].limits.storageBytes === null) return;
    const used = await this.usedBytes(tenantId);
    const violation = checkCapacity(plan, 'storageBytes', used, incomingBytes);
    if (violation)
      throw new AppError(
        402,
        'plan_limit',
        `${violationMessage(violation)} Tarif und Nutzung: „Abrechnung“.`,
        {
          ...violation,
          upgradePath: UPGRADE_PATH,
        },
      );
    this.measured.set(tenantId, {
      bytes: used + incomingBytes,
      at: this.measured.get(tenantId)?.at ?? Date.now(),
    });
  }

  private async usedBytes(tenantId: string): Promise<number> {
    const known = this.measured.get(tenantId);
    if (known && Date.now() - known.at < MEASURE_TTL_MS) return known.bytes;
    const { bytes } = await this.files.usage(`tenants/${tenantId}/`);
    this.measured.set(tenantId, { bytes, at: Date.now() });
    return bytes;
  }
}
