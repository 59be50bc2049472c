import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { tenant } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { activity, contact, exposeAccess, property } from '../schema.js';
import type { PropertyRow } from './property-view.js';

/** Bumped whenever the acknowledgement texts change, so each consent names what was shown. */
export const TERMS_VERSION = '2026-11';
const LINK_VALIDITY_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ExposeLink {
  url: string;
  expiresAt: string;
  delivery: 'queued' | 'offline' | 'not_sent';
}

/**
 * Creates a personal exposé link for a contact and e-mails it. Only the token's hash is
 * stored, so a database leak does not open anybody's exposé.
 */
export async function issueExposeLink(
  platform: Platform,
  tenantId: string,
  row: PropertyRow,
  contactId: string,
  options: { actor?: { id: string; name: string } } = {},
): Promise<ExposeLink> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + LINK_VALIDITY_DAYS * 86_400_000);
  const url = `${platform.publicUrl}/p/${row.slug}/expose/${token}`;
  const recipient = await platform.database.withTenant(tenantId, async (tx) => {
    const [c] = await tx.select().from(contact).where(eq(contact.id, contactId));
    if (!c) return null;
    await tx
      .insert(exposeAccess)
      .values({ tenantId, propertyId: row.id, contactId, tokenHash: hashToken(token), expiresAt });
    await tx.insert(activity).values({
      tenantId,
      contactId,
      propertyId: row.id,
      kind: 'email',
      subject: `Exposé-Link zu „${row.title}“ ${c.email ? 'gesendet' : 'erstellt (keine E-Mail-Adresse)'}`,
      body: `Gültig bis ${expiresAt.toLocaleDateString('de-DE')}`,
      userId: options.actor?.id ?? null,
      userName: options.actor?.name ?? null,
    });
    return c;
  });
  if (!recipient) throw new Error(`contact ${contactId} not found in tenant`);
  if (!recipient.email) return { url, expiresAt: expiresAt.toISOString(), delivery: 'not_sent' };
  const settings = await platform.tenantSettings.get(tenantId);
  const office = settings?.displayName ?? 'Ihr Maklerbüro';
  const name =
    [recipient.firstName, recipient.lastName].filter(Boolean).join(' ') || recipient.companyName || '';
  const receipt = await platform.mail.send({
    audience: 'customer',
    tenantId,
    to: recipient.email,
    purpose: 'crm.expose-link',
    contactId,
    subject: `Ihr Exposé: ${row.title}`,
    text: [
      `Guten Tag${name ? ` ${name}` : ''},`,
      '',
      `vielen Dank für Ihr Interesse an „${row.title}“ (Objekt-Nr. ${row.externalId}).`,
      'Über den folgenden persönlichen Link erhalten Sie das vollständige Exposé mit Adresse und allen Unterlagen:',
      '',
      url,
      '',
      `Der Link ist bis ${expiresAt.toLocaleDateString('de-DE')} gültig. Vor dem Öffnen bitten wir Sie, die Widerrufsbelehrung, unsere Provisionsbedingungen und die Datenschutzhinweise zu bestätigen.`,
      '',
      'Sie haben keine Anfrage gestellt? Dann ignorieren Sie diese E-Mail bitte – ohne Ihre Bestätigung über den Link erhalten Sie nichts weiter von uns.',
      '',
      'Mit freundlichen Grüßen',
      office,
      settings?.contactPhone ?? '',
    ].join('\n'),
  });
  return { url, expiresAt: expiresAt.toISOString(), delivery: receipt.delivery };
}

export interface ExposeAccessRow {
  access: typeof exposeAccess.$inferSelect;
  property: PropertyRow;
}

/** Finds a valid, unexpired link for this listing; anything else is treated as not found. */
export async function findExposeAccess(
  platform: Platform,
  slug: string,
  token: string,
): Promise<ExposeAccessRow | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await platform.database.db
    .select({ access: exposeAccess, property })
    .from(exposeAccess)
    .innerJoin(property, eq(property.id, exposeAccess.propertyId))
    .innerJoin(tenant, eq(tenant.id, property.tenantId))
    .where(
      and(
        // Nor does a deactivated office's exposé open.
        isNull(tenant.deactivatedAt),
        eq(exposeAccess.tokenHash, hashToken(token)),
        eq(property.slug, slug),
        gt(exposeAccess.expiresAt, new Date()),
        // A sold or withdrawn listing is off the market; its exposé links go with it.
        inArray(property.status, [...PUBLIC_STATUSES]),
      ),
    );
  return row ?? null;
}

export async function recordExposeView(platform: Platform, accessId: string): Promise<void> {
  await platform.database.db
    .update(exposeAccess)
    .set({ viewCount: sql`${exposeAccess.viewCount} + 1`, lastViewedAt: new Date() })
    .where(eq(exposeAccess.id, accessId));
}

/** Stores the consumer's acknowledgement once, with evidence, and notes it on the timeline. */
export async function acknowledgeExposeTerms(
  platform: Platform,
  found: ExposeAccessRow,
  evidence: { ip: string; userAgent: string },
): Promise<void> {
  if (found.access.acknowledgedAt) return;
  await platform.database.withTenant(found.access.tenantId, async (tx) => {
    await tx
      .update(exposeAccess)
      .set({
        acknowledgedAt: new Date(),
        acknowledgedIp: evidence.ip,
        acknowledgedUserAgent: evidence.userAgent.slice(0, 400),
        termsVersion: TERMS_VERSION,
      })
      .where(eq(exposeAccess.id, found.access.id));
    await tx.insert(activity).values({
      tenantId: found.access.tenantId,
      contactId: found.access.contactId,
      propertyId: found.property.id,
      kind: 'system',
      subject: `Widerrufsbelehrung, Provision und Datenschutz bestätigt (Exposé „${found.property.title}“)`,
      body: `Fassung ${TERMS_VERSION}, IP ${evidence.ip}, ${new Date().toISOString()}`,
    });
  });
}
