import { escapeHtml } from '../http/escape-html.js';
import type { TenantSettings } from './tenant-settings-service.js';

/**
 * The office's Impressum (§ 5 DDG, for brokers also § 34c GewO and the supervisory authority)
 * and privacy notice (Art. 13 GDPR). Every public page and every customer mail links to both,
 * through the helpers here, so no page can forget them.
 */
export type LegalFields = Pick<
  TenantSettings,
  | 'displayName'
  | 'address'
  | 'contactEmail'
  | 'contactPhone'
  | 'legalName'
  | 'representative'
  | 'registerEntry'
  | 'vatId'
  | 'licence34c'
  | 'supervisoryAuthority'
  | 'chamber'
  | 'privacyPolicy'
>;

/** What § 5 DDG and § 34c GewO need that the office has not filled in yet, in German. */
export function missingLegalFields(s: LegalFields): string[] {
  const need: [keyof LegalFields, string][] = [
    ['legalName', 'Firma und Rechtsform'],
    ['address', 'Anschrift'],
    ['contactEmail', 'E-Mail-Adresse'],
    ['contactPhone', 'Telefon'],
    ['representative', 'Vertretungsberechtigte'],
    ['licence34c', 'Erlaubnis nach § 34c GewO'],
    ['supervisoryAuthority', 'Aufsichtsbehörde'],
    ['privacyPolicy', 'Datenschutzhinweise'],
  ];
  return need.filter(([key]) => !s[key]?.trim()).map(([, label]) => label);
}

export const imprintUrl = (publicUrl: string, tenantSlug: string) => `${publicUrl}/impressum/${tenantSlug}`;
export const privacyUrl = (publicUrl: string, tenantSlug: string) => `${publicUrl}/datenschutz/${tenantSlug}`;

/** The two links every public page carries in its footer. */
export function legalLinksHtml(publicUrl: string, tenantSlug: string): string {
  return `<a href="${escapeHtml(imprintUrl(publicUrl, tenantSlug))}">Impressum</a> · <a href="${escapeHtml(privacyUrl(publicUrl, tenantSlug))}">Datenschutz</a>`;
}

/** The signature block under every customer mail: office, contact, Impressum and privacy links. */
export function mailFooter(s: LegalFields, publicUrl: string, tenantSlug: string): string {
  return [
    '--',
    s.legalName || s.displayName,
    s.address,
    [s.contactPhone ? `Tel. ${s.contactPhone}` : null, s.contactEmail].filter(Boolean).join(' · ') || null,
    s.registerEntry,
    `Impressum: ${imprintUrl(publicUrl, tenantSlug)}`,
    `Datenschutz: ${privacyUrl(publicUrl, tenantSlug)}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

const page = (s: LegalFields, title: string, body: string, colour: string) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(s.displayName)}</title>
<style>body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
header{background:#fff;border-bottom:1px solid #e2e8f0}header div{max-width:760px;margin:auto;padding:14px 20px;font-weight:600;color:${escapeHtml(colour)}}
main{max-width:760px;margin:auto;padding:24px 20px 60px;overflow-wrap:anywhere}h1{font-size:1.6rem}h2{font-size:1.1rem;margin-top:1.6em}
.missing{background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:12px}</style></head>
<body><header><div>${escapeHtml(s.displayName)}</div></header><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

const lines = (...items: (string | null | undefined)[]) =>
  items
    .filter((x): x is string => Boolean(x?.trim()))
    .map((x) => escapeHtml(x).replaceAll('\n', '<br>'))
    .join('<br>');

export function renderImprintPage(s: LegalFields, colour: string): string {
  const missing = missingLegalFields(s).filter((m) => m !== 'Datenschutzhinweise');
  const body = `
<h2>Angaben gemäß § 5 DDG</h2><p>${lines(s.legalName || s.displayName, s.address)}</p>
${s.representative ? `<h2>Vertreten durch</h2><p>${lines(s.representative)}</p>` : ''}
<h2>Kontakt</h2><p>${lines(s.contactPhone ? `Telefon: ${s.contactPhone}` : null, s.contactEmail ? `E-Mail: ${s.contactEmail}` : null)}</p>
${s.registerEntry ? `<h2>Registereintrag</h2><p>${lines(s.registerEntry)}</p>` : ''}
${s.vatId ? `<h2>Umsatzsteuer-Identifikationsnummer</h2><p>gemäß § 27a UStG: ${escapeHtml(s.vatId)}</p>` : ''}
${s.licence34c || s.supervisoryAuthority ? `<h2>Erlaubnis nach § 34c GewO und Aufsichtsbehörde</h2><p>${lines(s.licence34c, s.supervisoryAuthority ? `Zuständige Aufsichtsbehörde: ${s.supervisoryAuthority}` : null)}</p>` : ''}
${s.chamber ? `<h2>Zuständige Kammer</h2><p>${lines(s.chamber)}</p>` : ''}
<h2>Berufsrechtliche Regelungen</h2><p>Gewerbeordnung (GewO), insbesondere § 34c, und Makler- und Bauträgerverordnung (MaBV), einsehbar unter gesetze-im-internet.de.</p>
<h2>Verbraucherstreitbeilegung</h2><p>Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle teilzunehmen.</p>
${missing.length > 0 ? `<p class="missing" role="note">Dieses Impressum ist noch unvollständig (${escapeHtml(missing.join(', '))}).</p>` : ''}`;
  return page(s, 'Impressum', body, colour);
}

export function renderPrivacyPage(s: LegalFields, colour: string): string {
  const body = s.privacyPolicy?.trim()
    ? s.privacyPolicy
        .trim()
        .split(/\n{2,}/)
        .map((para) => `<p>${escapeHtml(para).replaceAll('\n', '<br>')}</p>`)
        .join('')
    : `<p>Verantwortlich für die Verarbeitung Ihrer Daten auf dieser Seite ist:</p><p>${lines(s.legalName || s.displayName, s.address, s.contactEmail)}</p>
<p>Wir verarbeiten die Angaben, die Sie uns über Anfrageformulare senden, zur Bearbeitung Ihrer Anfrage (Art. 6 Abs. 1 lit. b DSGVO) und löschen sie, wenn sie dafür nicht mehr erforderlich sind und keine gesetzlichen Aufbewahrungspflichten bestehen. Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch sowie auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde.</p>
<p class="missing" role="note">Das Maklerbüro hat seine vollständigen Datenschutzhinweise noch nicht hinterlegt.</p>`;
  return page(s, 'Datenschutzhinweise', body, colour);
}
