import type { PublicOffice } from '../../../platform/tenancy/public-office.js';
import { energyStatement } from '../domain/energy-statement.js';
import type { PropertyRow } from './property-view.js';
import { escapeHtml, facts, featureLabel, priceLine } from './public-listing-html.js';

export type OfficeInfo = PublicOffice & { address: string | null; primaryColor: string };

/** The frame of every page a customer opens from a link: the office's name, colour and Impressum. */
export function page(office: OfficeInfo, title: string, body: string): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(office.name)}</title>
<style>
:root{--brand:${escapeHtml(office.primaryColor)}}*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
header{background:#fff;border-bottom:1px solid #e2e8f0}header div{max-width:860px;margin:auto;padding:14px 20px;font-weight:600;color:var(--brand)}
main{max-width:860px;margin:auto;padding:24px 20px 60px}h1{font-size:1.7rem;line-height:1.2}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:14px;padding:20px;margin:18px 0}
.terms{max-height:320px;overflow-y:auto;font-size:.92rem;color:#334155}
label.check{display:flex;gap:10px;align-items:flex-start;margin:12px 0}label.check input{margin-top:5px;width:18px;height:18px}
button,.button{display:inline-block;margin-top:14px;padding:11px 18px;border:0;border-radius:8px;background:var(--brand);color:#fff;font-weight:600;font-size:1rem;cursor:pointer;text-decoration:none}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 18px;margin:0}dt{color:#64748b}dd{margin:0;font-weight:500}
.err{background:#fef2f2;color:#991b1b;padding:12px;border-radius:8px}.price{font-size:1.3rem;font-weight:700;color:var(--brand)}
footer{color:#64748b;font-size:.85rem;text-align:center;padding:24px}
</style></head>
<body><header><div>${escapeHtml(office.name)}</div></header><main>${body}</main>
<footer>${escapeHtml([office.name, office.address, office.phone, office.email].filter(Boolean).join(' · '))}${office.imprintUrl ? `<br><a href="${escapeHtml(office.imprintUrl)}">Impressum</a>` : ''}${office.privacyUrl ? ` · <a href="${escapeHtml(office.privacyUrl)}">Datenschutz</a>` : ''}</footer></body></html>`;
}

/** Model text per Anlage 1 zu Art. 246a § 1 Abs. 2 Satz 2 EGBGB, filled with the office's details. */
function cancellationNotice(office: OfficeInfo): string {
  const who = [office.name, office.address, office.phone ? `Telefon ${office.phone}` : null, office.email]
    .filter(Boolean)
    .join(', ');
  return `<h3>Widerrufsbelehrung</h3>
<p><strong>Widerrufsrecht.</strong> Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen. Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag des Vertragsabschlusses. Um Ihr Widerrufsrecht auszuüben, müssen Sie uns (${escapeHtml(who)}) mittels einer eindeutigen Erklärung (z. B. ein mit der Post versandter Brief oder eine E-Mail) über Ihren Entschluss, diesen Vertrag zu widerrufen, informieren. Zur Wahrung der Widerrufsfrist reicht es aus, dass Sie die Mitteilung über die Ausübung des Widerrufsrechts vor Ablauf der Widerrufsfrist absenden.</p>
<p><strong>Folgen des Widerrufs.</strong> Wenn Sie diesen Vertrag widerrufen, haben wir Ihnen alle Zahlungen, die wir von Ihnen erhalten haben, unverzüglich und spätestens binnen vierzehn Tagen ab dem Tag zurückzuzahlen, an dem die Mitteilung über Ihren Widerruf dieses Vertrags bei uns eingegangen ist. Für diese Rückzahlung verwenden wir dasselbe Zahlungsmittel, das Sie bei der ursprünglichen Transaktion eingesetzt haben, es sei denn, mit Ihnen wurde ausdrücklich etwas anderes vereinbart; in keinem Fall werden Ihnen wegen dieser Rückzahlung Entgelte berechnet. Haben Sie verlangt, dass die Dienstleistungen während der Widerrufsfrist beginnen sollen, so haben Sie uns einen angemessenen Betrag zu zahlen, der dem Anteil der bis zu dem Zeitpunkt, zu dem Sie uns von der Ausübung des Widerrufsrechts hinsichtlich dieses Vertrags unterrichten, bereits erbrachten Dienstleistungen im Vergleich zum Gesamtumfang der im Vertrag vorgesehenen Dienstleistungen entspricht.</p>
<h3>Muster-Widerrufsformular</h3>
<p>Wenn Sie den Vertrag widerrufen wollen, senden Sie uns eine Nachricht an die oben genannte Adresse: „Hiermit widerrufe(n) ich/wir den von mir/uns abgeschlossenen Vertrag über die Erbringung der folgenden Dienstleistung: Maklerleistung zu Objekt … – Bestellt am … – Name – Anschrift – Datum“.</p>`;
}

export function renderExposeTerms(input: {
  office: OfficeInfo;
  property: PropertyRow;
  action: string;
  error: string | null;
}): string {
  const p = input.property;
  const commission = p.commissionText?.trim()
    ? `Im Erfolgsfall fällt für mich folgende Provision an: <strong>${escapeHtml(p.commissionText)}</strong>.`
    : 'Mir ist bekannt, dass die Provisionsregelung im Exposé genannt wird.';
  return page(
    input.office,
    `Exposé: ${p.title}`,
    `<h1>Ihr Exposé: ${escapeHtml(p.title)}</h1>
<p>Bevor wir Ihnen das vollständige Exposé mit Adresse zeigen, bitten wir Sie um drei Bestätigungen. Sie werden mit Datum und Uhrzeit gespeichert.</p>
${input.error ? `<p class="err" role="alert">${escapeHtml(input.error)}</p>` : ''}
<div class="card terms" tabindex="0" aria-label="Widerrufsbelehrung">${cancellationNotice(input.office)}</div>
<form method="post" action="${escapeHtml(input.action)}" class="card">
<label class="check"><input type="checkbox" name="widerruf" value="ja" required> <span>Ich habe die Widerrufsbelehrung gelesen. Ich verlange ausdrücklich, dass Sie vor Ablauf der Widerrufsfrist mit Ihrer Leistung beginnen, und weiß, dass mein Widerrufsrecht bei vollständiger Vertragserfüllung erlischt.</span></label>
<label class="check"><input type="checkbox" name="provision" value="ja" required> <span>${commission}</span></label>
<label class="check"><input type="checkbox" name="datenschutz" value="ja" required> <span>Ich habe die ${input.office.privacyUrl ? `<a href="${escapeHtml(input.office.privacyUrl)}" target="_blank" rel="noopener">Datenschutzhinweise</a>` : 'Datenschutzhinweise'} von ${escapeHtml(input.office.name)} zur Kenntnis genommen; meine Angaben werden zur Bearbeitung meiner Anfrage verarbeitet.</span></label>
<button type="submit">Bestätigen und Exposé öffnen</button>
</form>`,
  );
}

export function renderFullExpose(input: {
  office: OfficeInfo;
  property: PropertyRow;
  pdfUrl: string;
  listingUrl: string;
}): string {
  const p = input.property;
  const address = `${[p.street, p.houseNumber].filter(Boolean).join(' ')}${p.street ? ', ' : ''}${p.postalCode} ${p.city}`;
  const energy = energyStatement(p).sentence;
  const text = (title: string, body: string) =>
    body.trim()
      ? `<h2>${title}</h2>${body
          .trim()
          .split(/\n{2,}/)
          .map((para) => `<p>${escapeHtml(para)}</p>`)
          .join('')}`
      : '';
  return page(
    input.office,
    `Exposé: ${p.title}`,
    `<h1>${escapeHtml(p.title)}</h1>
<p><strong>Adresse:</strong> ${escapeHtml(address)}</p>
<p class="price">${escapeHtml(priceLine(p))}</p>
<a class="button" data-track="expose_download" href="${escapeHtml(input.pdfUrl)}">Exposé als PDF herunterladen</a>
<div class="card"><dl>${facts(p)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
      .join('')}</dl></div>
${energy ? `<div class="card"><h2>Energieausweis</h2><p>${escapeHtml(energy)}</p></div>` : ''}
${p.features.length > 0 ? `<div class="card"><h2>Ausstattungsmerkmale</h2><p>${escapeHtml(p.features.map(featureLabel).join(' · '))}</p></div>` : ''}
<div class="card">${text('Objektbeschreibung', p.description)}${text('Ausstattung', p.equipmentDescription)}${text('Lage', p.locationDescription)}
<p><a href="${escapeHtml(input.listingUrl)}">Zur Angebotsseite mit allen Bildern</a></p></div>`,
  );
}
