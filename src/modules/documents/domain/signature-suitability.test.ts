import { describe, expect, it } from 'vitest';
import { signatureSuitability } from './signature-suitability.js';

describe('which documents an e-signature fits (issue 18.15)', () => {
  it('sends a purchase contract to the notary (§ 311b BGB) instead of offering an SES', () => {
    const purchase = signatureSuitability('kaufvertrag');
    expect(purchase).toMatchObject({ allowed: false, code: 'notary_required' });
    expect(purchase.allowed ? '' : purchase.reason).toContain('§ 311b');
  });

  it('does not offer signing registers and certificates, and warns on long leases', () => {
    expect(signatureSuitability('grundbuchauszug')).toMatchObject({ allowed: false, code: 'not_signed' });
    expect(signatureSuitability('mietvertrag')).toMatchObject({ allowed: true });
    expect(signatureSuitability('sonstiges')).toEqual({ allowed: true, note: null });
  });
});
