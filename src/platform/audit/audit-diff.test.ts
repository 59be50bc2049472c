import { describe, expect, it } from 'vitest';
import { auditDiff } from './audit-diff.js';

describe('auditDiff', () => {
  it('records only changed fields with before and after', () => {
    expect(
      auditDiff({ name: 'A', color: '#000', updatedAt: 1 }, { name: 'B', color: '#000', updatedAt: 2 }),
    ).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });

  it('handles creation and deletion', () => {
    expect(auditDiff(null, { role: 'agent' })).toEqual({ role: { before: null, after: 'agent' } });
    expect(auditDiff({ role: 'agent' }, null)).toEqual({ role: { before: 'agent', after: null } });
  });

  it('never records secret values', () => {
    expect(auditDiff({ apiKey: 'old' }, { apiKey: 'new' })).toEqual({
      apiKey: { before: '[redacted]', after: '[redacted]' },
    });
  });
});
