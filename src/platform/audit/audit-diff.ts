export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

const REDACTED_FIELDS = /password|secret|token|apikey|api_key/i;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level diff of two snapshots; secrets are recorded as changed, never with values. */
export function auditDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (key === 'updatedAt') continue;
    const b = before?.[key];
    const a = after?.[key];
    if (same(b, a)) continue;
    changes[key] = REDACTED_FIELDS.test(key)
      ? { before: '[redacted]', after: '[redacted]' }
      : { before: b ?? null, after: a ?? null };
  }
  return changes;
}
