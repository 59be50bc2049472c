import { createHash, randomBytes } from 'node:crypto';
import { formatArea, formatCents, formatNumber } from '../../../platform/format/format-de.js';
import type { Platform } from '../../../platform/kernel.js';
import type { contact } from '../../crm/schema.js';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { agentOf } from '../../viewings/server/viewing-context.js';
import { letterSalutation } from '../domain/salutation.js';
import { renderTemplate, type TemplateValues } from '../domain/template-render.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newUnsubscribeToken = () => randomBytes(24).toString('base64url');
export const unsubscribeUrl = (platform: Platform, token: string) =>
  `${platform.publicUrl}/abmelden/${token}`;

/** What is the same in every mail of one mailing: listing, agent and office. */
export interface OfferContext {
  listing: Omit<TemplateValues, 'anrede' | 'vorname' | 'nachname' | 'abmelde_link'>;
}

function priceText(p: PropertyRow): string {
  if (p.marketingType === 'kauf')
    return p.purchasePriceCents
      ? `${formatCents(p.purchasePriceCents, 'de', { whole: true })} Kaufpreis`
      : 'Preis auf Anfrage';
  return p.coldRentCents
    ? `${formatCents(p.coldRentCents, 'de', { whole: true })} Kaltmiete`
    : 'Miete auf Anfrage';
}

export async function offerContext(
  platform: Platform,
  tenantId: string,
  p: PropertyRow,
): Promise<OfferContext> {
  const settings = await platform.tenantSettings.get(tenantId);
  const agent = await agentOf(platform, p.assignedAgentId);
  const office = settings?.displayName ?? '';
  const phone = settings?.contactPhone ?? '';
  const email = agent?.email ?? settings?.contactEmail ?? '';
  const name = agent?.name ?? office;
  return {
    listing: {
      objekt_titel: p.title,
      objekt_nummer: p.externalId,
      objekt_ort: [p.postalCode, p.city].filter(Boolean).join(' '),
      objekt_preis: priceText(p),
      objekt_wohnflaeche: p.livingArea ? formatArea(p.livingArea) : '–',
      objekt_zimmer: p.rooms ? formatNumber(p.rooms, 'de', 1) : '–',
      objekt_link: `${platform.publicUrl}/p/${p.slug}`,
      makler_name: name,
      makler_telefon: phone,
      makler_email: email,
      buero_name: office,
      signatur: [name, name === office ? null : office, phone ? `Tel. ${phone}` : null, email || null]
        .filter(Boolean)
        .join('\n'),
    },
  };
}

type ContactRow = Pick<typeof contact.$inferSelect, 'salutation' | 'firstName' | 'lastName' | 'companyName'>;

/** One recipient's mail; the unsubscribe notice goes under every offer (UWG § 7 Abs. 3 Nr. 4). */
export function offerMail(
  ctx: OfferContext,
  template: { subject: string; body: string },
  recipient: ContactRow,
  unsubscribe: string,
): { subject: string; text: string } {
  const values: TemplateValues = {
    ...ctx.listing,
    anrede: letterSalutation(recipient),
    vorname: recipient.firstName ?? '',
    nachname: recipient.lastName ?? '',
    abmelde_link: unsubscribe,
  };
  const subject = renderTemplate(template.subject, values).replace(/\s+/g, ' ').trim();
  const body = renderTemplate(template.body, values).trimEnd();
  const notice = template.body.includes('{{abmelde_link}}')
    ? ''
    : `\n\n—\nSie erhalten diese E-Mail, weil Sie eingewilligt haben, passende Immobilienangebote von uns zu bekommen. Keine Angebote mehr erhalten: ${unsubscribe}`;
  return { subject, text: `${body}${notice}` };
}
