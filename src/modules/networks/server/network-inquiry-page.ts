import { escapeHtml } from '../../../platform/http/escape-html.js';
import { OBJECT_TYPE_LABELS_DE } from '../../crm/domain/labels-de.js';
import { CONCERNS } from './network-inquiry.js';

export interface InquiryPageState {
  networkName: string;
  slug: string;
  /** Set after a routed inquiry: the office that took it. */
  sentTo?: string;
  error?: string;
  values?: Record<string, string>;
}

/** The network's public inquiry form: no JavaScript, works on a phone, says where the data goes. */
export function renderInquiryPage(state: InquiryPageState): string {
  const v = (name: string) => escapeHtml(state.values?.[name] ?? '');
  const selected = (name: string, value: string) => (state.values?.[name] === value ? ' selected' : '');
  const name = escapeHtml(state.networkName);
  const body = state.sentTo
    ? `<p class="ok" role="status">Vielen Dank! Ihre Anfrage ist bei <strong>${escapeHtml(state.sentTo)}</strong> eingegangen, dem für Sie zuständigen Büro unseres Netzwerks. Es meldet sich in Kürze bei Ihnen.</p>`
    : `<form method="post" action="/n/${escapeHtml(state.slug)}" novalidate>
${state.error ? `<p class="err" role="alert">${escapeHtml(state.error)}</p>` : ''}
<label for="concern">Ihr Anliegen</label>
<select id="concern" name="concern" required>
${Object.entries(CONCERNS)
  .map(([key, c]) => `<option value="${key}"${selected('concern', key)}>${escapeHtml(c.label)}</option>`)
  .join('')}
</select>
<label for="objectType">Art der Immobilie</label>
<select id="objectType" name="objectType">
<option value="">Keine Angabe</option>
${Object.entries(OBJECT_TYPE_LABELS_DE)
  .map(([key, label]) => `<option value="${key}"${selected('objectType', key)}>${escapeHtml(label)}</option>`)
  .join('')}
</select>
<label for="postalCode">Postleitzahl der Immobilie oder des Suchgebiets</label>
<input id="postalCode" name="postalCode" inputmode="numeric" maxlength="5" autocomplete="postal-code" required value="${v('postalCode')}">
<label for="name">Name</label>
<input id="name" name="name" autocomplete="name" required value="${v('name')}">
<label for="email">E-Mail</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${v('email')}">
<label for="phone">Telefon (optional)</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" value="${v('phone')}">
<label for="message">Nachricht (optional)</label>
<textarea id="message" name="message" rows="4">${v('message')}</textarea>
<input class="hp" name="website" tabindex="-1" autocomplete="off" aria-hidden="true">
<label class="check"><input type="checkbox" name="privacy" value="ja"${state.values?.privacy === 'ja' ? ' checked' : ''}> Ich bin einverstanden, dass ${name} meine Angaben an das für meine Postleitzahl zuständige Büro des Netzwerks weiterleitet und dieses sie zur Bearbeitung meiner Anfrage verarbeitet (Art. 6 Abs. 1 lit. a und b DSGVO). Welches Büro das ist, sehen Sie nach dem Absenden.</label>
<button type="submit">Anfrage senden</button>
</form>`;
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anfrage – ${name}</title>
<meta name="robots" content="noindex">
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
header{background:#fff;border-bottom:1px solid #e2e8f0}header div{max-width:640px;margin:auto;padding:14px 20px;font-weight:600;color:#0f766e}
main{max-width:640px;margin:auto;padding:24px 20px 60px}h1{font-size:1.7rem;line-height:1.2;margin:.2em 0 .4em}@media(max-width:480px){h1{font-size:1.4rem}main{padding:16px 14px 40px}}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:14px;padding:20px}
label{display:block;font-size:.9rem;margin:12px 0 4px}input,select,textarea{width:100%;padding:9px 10px;border:1px solid #cbd5e1;border-radius:8px;font:inherit;background:#fff}
label.check{display:flex;gap:10px;align-items:flex-start;font-size:.85rem;color:#334155;margin-top:16px}label.check input{width:auto;margin-top:4px}
button{margin-top:16px;width:100%;padding:11px;border:0;border-radius:8px;background:#0f766e;color:#fff;font-weight:600;font-size:1rem;cursor:pointer}
.ok{background:#ecfdf5;color:#065f46;padding:12px;border-radius:8px}.err{background:#fef2f2;color:#991b1b;padding:12px;border-radius:8px}
.hp{position:absolute;left:-9999px}p.lead{color:#475569}
</style>
</head>
<body>
<header><div>${name}</div></header>
<main>
<h1>Ihr Büro vor Ort</h1>
<p class="lead">Ob Sie kaufen, mieten, verkaufen oder vermieten möchten: Wir leiten Ihre Anfrage an das Büro unseres Netzwerks weiter, das für Ihre Region zuständig ist.</p>
<section class="card">${body}</section>
</main>
</body>
</html>`;
}
