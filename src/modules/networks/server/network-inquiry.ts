import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { tenant, tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { activity, contact } from '../../crm/schema.js';
import { findContactByEmail } from '../../crm/server/contact-service.js';
import { routeLead } from '../domain/lead-routing.js';
import { brokerNetwork, networkLead, networkLeadRule, networkMember } from '../schema.js';
import { withNetwork } from './network-context.js';
import { officeNames } from './network-service.js';

/** What the person wants; decides the contact's role and the kind of deal the rules see. */
export const CONCERNS = {
  kaufen: { marketingType: 'kauf', role: 'interessent', label: 'Immobilie kaufen' },
  mieten: { marketingType: 'miete', role: 'interessent', label: 'Immobilie mieten' },
  verkaufen: { marketingType: 'kauf', role: 'eigentuemer', label: 'Immobilie verkaufen' },
  vermieten: { marketingType: 'miete', role: 'eigentuemer', label: 'Immobilie vermieten' },
} as const;
export type Concern = keyof typeof CONCERNS;

export interface NetworkInquiry {
  name: string;
  email: string;
  phone: string | null;
  postalCode: string;
  concern: Concern;
  objectType: string | null;
  message: string;
}

export interface PublicNetwork {
  id: string;
  name: string;
  slug: string;
}

export async function findPublicNetwork(
  platform: Platform,
  slug: string,
): Promise<PublicNetwork | undefined> {
  const [row] = await platform.database.db
    .select({ id: brokerNetwork.id, name: brokerNetwork.name, slug: brokerNetwork.slug })
    .from(brokerNetwork)
    .where(eq(brokerNetwork.slug, slug));
  return row;
}

/** The name of an office of the network, or undefined when it is not one of its members. */
export async function memberOfficeName(
  platform: Platform,
  networkId: string,
  tenantId: string,
): Promise<string | undefined> {
  const [member] = await platform.database.db
    .select({ tenantId: networkMember.tenantId })
    .from(networkMember)
    .where(and(eq(networkMember.tenantId, tenantId), eq(networkMember.networkId, networkId)));
  return member ? (await officeNames(platform, [tenantId])).get(tenantId) : undefined;
}

/**
 * Routes an inquiry to the office the network's rules name and records it there as a lead, with
 * the consent given on the form. The network keeps only where it went (postcode, kind, office),
 * never the person. Returns the office, or null when no office takes the area: nothing is stored.
 */
export async function routeNetworkInquiry(
  platform: Platform,
  network: PublicNetwork,
  inquiry: NetworkInquiry,
): Promise<{ tenantId: string; officeName: string } | null> {
  const concern = CONCERNS[inquiry.concern];
  const { rules, fallback, members } = await withNetwork(platform.database, network.id, async (tx) => ({
    rules: await tx.select().from(networkLeadRule).where(eq(networkLeadRule.networkId, network.id)),
    fallback: (
      await tx
        .select({ id: brokerNetwork.fallbackTenantId })
        .from(brokerNetwork)
        .where(eq(brokerNetwork.id, network.id))
    )[0]?.id,
    members: await tx.select({ id: networkMember.tenantId }).from(networkMember),
  }));
  const working =
    members.length === 0
      ? []
      : await platform.database.db
          .select({ id: tenant.id })
          .from(tenant)
          .where(
            and(
              inArray(
                tenant.id,
                members.map((m) => m.id),
              ),
              isNull(tenant.deactivatedAt),
            ),
          );
  const decision = routeLead(
    rules,
    { postalCode: inquiry.postalCode, marketingType: concern.marketingType, objectType: inquiry.objectType },
    new Set(working.map((w) => w.id)),
    fallback ?? null,
  );
  if (!decision.tenantId) return null;
  const tenantId = decision.tenantId;
  const officeName = (await officeNames(platform, [tenantId])).get(tenantId) ?? '';
  const consent = `Weiterleitung der Anfrage über das Maklernetzwerk „${network.name}“ an ${officeName} und Bearbeitung dort (Kontaktformular)`;
  const [firstName, ...rest] = inquiry.name.trim().split(/\s+/);
  const created = await platform.database.withTenant(tenantId, async (tx) => {
    const existing = await findContactByEmail(tx, inquiry.email);
    let contactId: string;
    if (existing) {
      contactId = existing.id;
      await tx
        .update(contact)
        .set({
          phone: existing.phone ?? inquiry.phone,
          consentGiven: true,
          consentAt: new Date(),
          consentPurpose: consent,
          roles: sql`case when ${contact.roles} @> ${JSON.stringify([concern.role])}::jsonb then ${contact.roles} else ${contact.roles} || ${JSON.stringify([concern.role])}::jsonb end`,
          updatedAt: new Date(),
        })
        .where(eq(contact.id, existing.id));
    } else {
      const [row] = await tx
        .insert(contact)
        .values({
          tenantId,
          kind: 'person',
          firstName: rest.length > 0 ? firstName : null,
          lastName: rest.length > 0 ? rest.join(' ') : (firstName ?? inquiry.name),
          email: inquiry.email,
          phone: inquiry.phone,
          postalCode: inquiry.postalCode,
          roles: [concern.role],
          leadStatus: 'neu',
          source: 'netzwerk',
          consentGiven: true,
          consentAt: new Date(),
          consentPurpose: consent,
        })
        .returning({ id: contact.id });
      contactId = row!.id;
    }
    await tx.insert(activity).values({
      tenantId,
      contactId,
      kind: 'anfrage',
      subject: `${concern.label}: Anfrage über das Netzwerk „${network.name}“`,
      body: [`PLZ ${inquiry.postalCode}`, inquiry.message].filter(Boolean).join('\n\n'),
    });
    const leads = await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(and(eq(tenantMember.organizationId, tenantId), inArray(tenantMember.role, ['owner', 'admin'])));
    return { contactId, isNew: !existing, recipients: leads.map((l) => l.userId) };
  });
  await withNetwork(platform.database, network.id, (tx) =>
    tx.insert(networkLead).values({
      networkId: network.id,
      targetTenantId: tenantId,
      ruleId: decision.ruleId,
      postalCode: inquiry.postalCode,
      marketingType: concern.marketingType,
      objectType: inquiry.objectType,
    }),
  );
  if (created.isNew) platform.events.emit('contact.created', tenantId, { contactId: created.contactId });
  await platform.notifications.notify({
    tenantId,
    userIds: created.recipients,
    kind: 'lead_new',
    title: `Neue Netzwerk-Anfrage von ${inquiry.name}: ${concern.label}`,
    body: `PLZ ${inquiry.postalCode} · über „${network.name}“`,
    link: `/kontakte/${created.contactId}`,
  });
  return { tenantId, officeName };
}
