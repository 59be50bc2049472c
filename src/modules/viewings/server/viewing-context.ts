import { and, eq, isNull } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import { publicOffice } from '../../../platform/tenancy/public-office.js';
import { contact, property, viewing } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import type { OfficeInfo } from '../../crm/server/secured-expose-html.js';
import { viewingDetails, viewingParticipant, viewingSettings } from '../schema.js';

export const DEFAULT_SETTINGS = {
  durationMinutes: 45,
  reminderHours: [24, 2],
  feedbackHours: 2,
  smsReminders: false,
};

export async function settingsOf(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(viewingSettings).where(eq(viewingSettings.tenantId, tenantId));
  return row ?? { tenantId, ...DEFAULT_SETTINGS, updatedAt: null };
}

export function propertyAddress(p: {
  street: string | null;
  houseNumber: string | null;
  postalCode: string;
  city: string;
}): string {
  const street = [p.street, p.houseNumber].filter(Boolean).join(' ');
  return [street, `${p.postalCode} ${p.city}`.trim()].filter(Boolean).join(', ');
}

export interface Visitor {
  participantId: string;
  contactId: string;
  name: string;
  salutation: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  token: string;
  response: 'offen' | 'bestaetigt' | 'abgesagt';
  sequence: number;
  checkedInAt: Date | null;
}

/** Everything a message about one viewing needs, read in the office's tenant. */
export async function loadViewingContext(tx: Tx, viewingId: string) {
  const [row] = await tx
    .select({ viewing, property, details: viewingDetails })
    .from(viewing)
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
    .where(eq(viewing.id, viewingId));
  if (!row) return null;
  const visitors = await activeVisitors(tx, viewingId);
  const address = propertyAddress(row.property);
  return {
    viewing: row.viewing,
    property: row.property,
    address,
    meetingPoint: row.details?.meetingPoint || address,
    capacity: row.details?.capacity ?? 1,
    bookable: row.details?.bookable ?? false,
    visitors,
  };
}
export type ViewingContext = NonNullable<Awaited<ReturnType<typeof loadViewingContext>>>;

export async function activeVisitors(tx: Tx, viewingId: string): Promise<Visitor[]> {
  const rows = await tx
    .select({ p: viewingParticipant, c: contact })
    .from(viewingParticipant)
    .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
    .where(and(eq(viewingParticipant.viewingId, viewingId), isNull(viewingParticipant.removedAt)));
  return rows.map(({ p, c }) => toVisitor(p, c));
}

export function toVisitor(
  p: typeof viewingParticipant.$inferSelect,
  c: typeof contact.$inferSelect,
): Visitor {
  return {
    participantId: p.id,
    contactId: c.id,
    name: contactDisplayName(c),
    salutation: c.salutation,
    lastName: c.lastName,
    email: c.email,
    phone: c.mobile ?? c.phone,
    token: p.token,
    response: p.response,
    sequence: p.sequence,
    checkedInAt: p.checkedInAt,
  };
}

/** The agent's name and address (platform tables, owner connection: never inside withTenant). */
export async function agentOf(platform: Platform, agentId: string | null) {
  if (!agentId) return null;
  const [row] = await platform.database.db
    .select({ name: authUser.name, email: authUser.email })
    .from(authUser)
    .where(eq(authUser.id, agentId));
  return row ?? null;
}

/** The office as the visitor's pages show it: name, colour, contact, Impressum. */
export async function officeInfo(platform: Platform, tenantId: string): Promise<OfficeInfo> {
  const settings = await platform.tenantSettings.get(tenantId);
  return {
    ...publicOffice(settings, platform.publicUrl),
    address: settings?.address ?? null,
    primaryColor: settings?.primaryColor ?? '#0f766e',
  };
}
