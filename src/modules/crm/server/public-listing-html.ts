import { formatArea, formatCents, formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { escapeHtml } from '../../../platform/http/escape-html.js';
import type { PublicOffice } from '../../../platform/tenancy/public-office.js';
import { energyStatement } from '../domain/energy-statement.js';
import { FEATURE_LABELS_DE, OBJECT_TYPE_LABELS_DE } from '../domain/labels-de.js';
import type { PropertyRow } from './property-view.js';

export { escapeHtml };

export const OBJECT_TYPE_LABELS = OBJECT_TYPE_LABELS_DE;
const euro = (cents: number | null) => formatCents(cents, 'de', { whole: true });
const area = (value: number | null) => (value !== null ? formatArea(value, 'de', 2) : null);

/** A feature as every customer-facing channel names it: "Gäste-WC", never "gaeste_wc". */
export const featureLabel = (feature: string) => FEATURE_LABELS_DE[feature] ?? feature.replaceAll('_', ' ');

export interface PublicListing {
  property: PropertyRow;
  images: { id: string; altText: string; width: number; height: number }[];
  floorplans: { id: string; altText: string }[];
  office: PublicOffice & { address: string | null; primaryColor: string };
  baseUrl: string;
  /** `sent`: the exposé link is on its way by e-mail; `received`: the inquiry is in, no mail went out. */
  form: { sent: boolean; received?: boolean; error: string | null; values: Record<string, string> };
  /** Contributed by other modules, such as a 3D tour. */
  embeds?: { title: string; url: string }[];
}

export function priceLine(p: PropertyRow): string {
  if (p.marketingType === 'kauf')
    return p.purchasePriceCents !== null ? `Kaufpreis ${euro(p.purchasePriceCents)}` : 'Preis auf Anfrage';
  return p.coldRentCents !== null ? `Kaltmiete ${euro(p.coldRentCents)}` : 'Miete auf Anfrage';
}

/** "Erdgeschoss", "2. Obergeschoss (von 4)": the way German adverts name a floor. */
export function floorLabel(floor: number, totalFloors: number | null): string {
  const name = floor === 0 ? 'Erdgeschoss' : floor < 0 ? 'Souterrain' : `${floor}. Obergeschoss`;
  return totalFloors ? `${name} (von ${totalFloors})` : name;
}

export function facts(p: PropertyRow): [string, string][] {
  const rows: [string, string | null][] = [
    ['Objektart', OBJECT_TYPE_LABELS[p.objectType] ?? p.objectType],
    ['Wohnfläche', area(p.livingArea)],
    ['Nutzfläche', area(p.usableArea)],
    ['Grundstück', area(p.plotArea)],
    ['Zimmer', p.rooms !== null ? formatNumber(p.rooms, 'de', 1) : null],
    ['Schlafzimmer', p.bedrooms !== null ? String(p.bedrooms) : null],
    ['Badezimmer', p.bathrooms !== null ? String(p.bathrooms) : null],
    ['Etage', p.floor !== null ? floorLabel(p.floor, p.totalFloors) : null],
    ['Baujahr', p.yearBuilt !== null ? String(p.yearBuilt) : null],
    ['Hausgeld', p.hausgeldCents !== null ? formatCents(p.hausgeldCents) : null],
    ['Nebenkosten', p.additionalCostsCents !== null ? formatCents(p.additionalCostsCents) : null],
    ['Warmmiete', p.warmRentCents !== null ? formatCents(p.warmRentCents) : null],
    ['Provision', p.commissionText],
    ['Objektnummer', p.externalId],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '');
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replaceAll('\n', '<br>')}</p>`)
    .join('');

/** The public listing page: fast, no JavaScript, correct Open Graph tags for sharing. */
export function renderPublicListing(l: PublicListing): string {
  const p = l.property;
  const url = `${l.baseUrl}/p/${p.slug}`;
  const image = (id: string, variant: 'web' | 'thumb') => `${l.baseUrl}/p/${p.slug}/bild/${id}/${variant}`;
  const place =
    p.showAddress && p.street
      ? `${p.street} ${p.houseNumber ?? ''}, ${p.postalCode} ${p.city}`
      : `${p.postalCode} ${p.city}${p.district ? `-${p.district}` : ''}`;
  const description = (p.description || `${OBJECT_TYPE_LABELS[p.objectType] ?? ''} in ${p.city}`)
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  const energy = energyStatement(p);
  const cover = l.images[0];
  const v = (name: string) => escapeHtml(l.form.values[name] ?? '');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} – ${escapeHtml(l.office.name)}</title>
<meta name="description" content="${escapeHtml(description)}">
<link rel="canonical" href="${escapeHtml(url)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${escapeHtml(l.office.name)}">
<meta property="og:title" content="${escapeHtml(p.title)}">
<meta property="og:description" content="${escapeHtml(`${priceLine(p)} · ${description}`)}">
<meta property="og:url" content="${escapeHtml(url)}">
<meta property="og:locale" content="de_DE">
${cover ? `<meta property="og:image" content="${escapeHtml(image(cover.id, 'web'))}">\n<meta property="og:image:alt" content="${escapeHtml(cover.altText || p.title)}">\n<meta name="twitter:card" content="summary_large_image">` : '<meta name="twitter:card" content="summary">'}
<style>
:root{--brand:${escapeHtml(l.office.primaryColor)}}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
header{background:#fff;border-bottom:1px solid #e2e8f0}header div{max-width:1100px;margin:auto;padding:14px 20px;font-weight:600;color:var(--brand)}
main{max-width:1100px;margin:auto;padding:24px 20px 60px;overflow-wrap:anywhere}h1{font-size:1.9rem;line-height:1.2;margin:.2em 0}@media(max-width:480px){h1{font-size:1.45rem}main{padding:16px 14px 40px}}
.place{color:#475569}.price{font-size:1.4rem;font-weight:700;color:var(--brand);margin:.4em 0 1em}
.gallery{display:flex;gap:10px;overflow-x:auto;scroll-snap-type:x mandatory;border-radius:14px}
.gallery img{height:min(60vw,440px);width:auto;scroll-snap-align:start;border-radius:12px;background:#e2e8f0}
.grid{display:grid;grid-template-columns:1fr;gap:28px;margin-top:28px}@media(min-width:900px){.grid{grid-template-columns:2fr 1fr}}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:14px;padding:20px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 18px;margin:0}dt{color:#64748b}dd{margin:0;font-weight:500}
.energy{background:#f0fdf4;border-color:#bbf7d0}.features{display:flex;flex-wrap:wrap;gap:6px;padding:0;list-style:none}
.features li{background:#f1f5f9;border-radius:99px;padding:2px 10px;font-size:.9rem}
label{display:block;font-size:.9rem;margin:10px 0 4px}input,textarea{width:100%;padding:9px 10px;border:1px solid #cbd5e1;border-radius:8px;font:inherit}
button{margin-top:14px;width:100%;padding:11px;border:0;border-radius:8px;background:var(--brand);color:#fff;font-weight:600;font-size:1rem;cursor:pointer}
.note{font-size:.8rem;color:#64748b}.ok{background:#ecfdf5;color:#065f46;padding:12px;border-radius:8px}.err{background:#fef2f2;color:#991b1b;padding:12px;border-radius:8px}
.hp{position:absolute;left:-9999px}footer{color:#64748b;font-size:.85rem;text-align:center;padding:24px}
</style>
</head>
<body>
<header><div>${escapeHtml(l.office.name)}</div></header>
<main>
<p class="place">${escapeHtml(place)}${p.status === 'reserviert' ? ' · <strong>reserviert</strong>' : ''}</p>
<h1>${escapeHtml(p.title)}</h1>
<p class="price">${escapeHtml(priceLine(p))}</p>
${l.images.length > 0 ? `<div class="gallery" data-track="gallery">${l.images.map((img, i) => `<img src="${escapeHtml(image(img.id, 'web'))}" alt="${escapeHtml(img.altText || p.title)}" width="${img.width}" height="${img.height}" ${i > 0 ? 'loading="lazy"' : 'fetchpriority="high"'}>`).join('')}</div>` : ''}
<div class="grid">
<div>
<section class="card"><h2>Eckdaten</h2><dl>${facts(p)
    .map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`)
    .join('')}</dl></section>
${p.features.length > 0 ? `<section class="card" style="margin-top:20px"><h2>Ausstattung</h2><ul class="features">${p.features.map((f) => `<li>${escapeHtml(featureLabel(f))}</li>`).join('')}</ul></section>` : ''}
${p.description ? `<section style="margin-top:20px"><h2>Beschreibung</h2>${paragraphs(p.description)}</section>` : ''}
${p.equipmentDescription ? `<section><h2>Ausstattung im Detail</h2>${paragraphs(p.equipmentDescription)}</section>` : ''}
${p.locationDescription ? `<section><h2>Lage</h2>${paragraphs(p.locationDescription)}</section>` : ''}
${energy.sentence ? `<section class="card energy" style="margin-top:20px"><h2>Energieausweis</h2><p>${escapeHtml(energy.sentence)}</p>${energy.kind === 'certificate' && p.energyValidUntil ? `<p class="note">Gültig bis ${escapeHtml(formatDate(p.energyValidUntil))}</p>` : ''}</section>` : ''}
${(l.embeds ?? []).map((e) => `<section style="margin-top:20px"><h2>${escapeHtml(e.title)}</h2><iframe data-track="tour_3d" src="${escapeHtml(e.url)}" title="${escapeHtml(e.title)}" style="width:100%;height:460px;border:0;border-radius:12px;background:#eef2f7" loading="lazy" allow="fullscreen"></iframe></section>`).join('')}
${l.floorplans.length > 0 ? `<section style="margin-top:20px" data-track="floor_plan"><h2>Grundrisse</h2>${l.floorplans.map((f) => `<img src="${escapeHtml(image(f.id, 'web'))}" alt="${escapeHtml(f.altText || 'Grundriss')}" style="max-width:100%;border-radius:12px;background:#fff" loading="lazy">`).join('')}</section>` : ''}
</div>
<aside>
<section class="card" id="anfrage">
<h2>Anfrage senden</h2>
${l.form.sent ? '<p class="ok" role="status">Vielen Dank! Ihre Anfrage ist bei uns eingegangen. Den Link zum vollständigen Exposé senden wir Ihnen per E-Mail; wir melden uns außerdem in Kürze.</p>' : ''}
${l.form.received ? '<p class="ok" role="status">Vielen Dank! Ihre Anfrage ist bei uns eingegangen. Wir melden uns in Kürze persönlich bei Ihnen und senden Ihnen dann das vollständige Exposé.</p>' : ''}
${l.form.error ? `<p class="err" role="alert">${escapeHtml(l.form.error)}</p>` : ''}
<form method="post" action="/p/${escapeHtml(p.slug)}/anfrage#anfrage">
<label for="name">Name</label><input id="name" name="name" required maxlength="120" autocomplete="name" value="${v('name')}">
<label for="email">E-Mail</label><input id="email" name="email" type="email" required maxlength="254" autocomplete="email" value="${v('email')}">
<label for="phone">Telefon (optional)</label><input id="phone" name="phone" type="tel" maxlength="30" autocomplete="tel" value="${v('phone')}">
<label for="message">Nachricht</label><textarea id="message" name="message" rows="4" maxlength="4000">${v('message') || 'Ich interessiere mich für dieses Objekt und bitte um weitere Informationen.'}</textarea>
<div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label style="display:flex;gap:8px;align-items:flex-start"><input type="checkbox" name="privacy" value="ja" required style="width:auto;margin-top:4px"> <span class="note">Ich bin einverstanden, dass ${escapeHtml(l.office.name)} meine Angaben zur Bearbeitung dieser Anfrage speichert und mich kontaktiert. Die Einwilligung kann ich jederzeit widerrufen.${l.office.privacyUrl ? ` <a href="${escapeHtml(l.office.privacyUrl)}" target="_blank" rel="noopener">Datenschutzhinweise</a>` : ''}</span></label>
<button type="submit">Anfrage senden</button>
</form>
</section>
<section class="card" style="margin-top:20px"><h2>Ihr Kontakt</h2><p><strong>${escapeHtml(l.office.name)}</strong><br>${escapeHtml(l.office.address ?? '')}<br>${l.office.phone ? `Tel. ${escapeHtml(l.office.phone)}<br>` : ''}${l.office.email ? `<a href="mailto:${escapeHtml(l.office.email)}">${escapeHtml(l.office.email)}</a>` : ''}</p></section>
</aside>
</div>
</main>
<footer>${escapeHtml(l.office.name)} · Objekt ${escapeHtml(p.externalId)}${p.isDemo ? ' · Demo-Daten' : ''}${l.office.imprintUrl ? ` · <a href="${escapeHtml(l.office.imprintUrl)}">Impressum</a>` : ''}${l.office.privacyUrl ? ` · <a href="${escapeHtml(l.office.privacyUrl)}">Datenschutz</a>` : ''}</footer>
</body>
</html>`;
}
