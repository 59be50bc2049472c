import type { ContactView } from '../contract.js';
import type { LeadStatus } from '../domain/contact-enums.js';
import type { contact } from '../schema.js';

/** A contact as the app reads it: everything but the search vector. */
export type ContactRow = Omit<typeof contact.$inferSelect, 'searchVector'>;

export function contactDisplayName(
  c: Pick<ContactRow, 'kind' | 'firstName' | 'lastName' | 'companyName'>,
): string {
  if (c.kind === 'firma') return c.companyName ?? 'Firma ohne Namen';
  const person = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return person || c.companyName || 'Kontakt ohne Namen';
}

export function contactView(row: ContactRow): ContactView {
  const {
    searchVector: _s,
    tenantId: _t,
    createdBy: _c,
    ...fields
  } = row as ContactRow & { searchVector?: unknown };
  return {
    ...fields,
    kind: row.kind === 'firma' ? 'firma' : 'person',
    leadStatus: row.leadStatus as LeadStatus,
    displayName: contactDisplayName(row),
    consentAt: row.consentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
