import { escapeHtml } from '../../../platform/http/escape-html.js';
import type { Platform } from '../../../platform/kernel.js';
import type { PublicPageContext } from '../../../platform/modules/module-manifest.js';
import { publicOffice } from '../../../platform/tenancy/public-office.js';
import { cookieSuffix, signContactRef } from './contact-ref.js';

// Both choices look the same: a consent nudged by a brighter "yes" is no free consent (DSK, OH Telemedien 2021).
const BUTTON =
  'flex:1 1 160px;width:auto;margin:0;padding:10px 16px;border:2px solid #0f172a;border-radius:8px;background:#fff;color:#0f172a;font:600 15px system-ui,sans-serif;cursor:pointer';

/** The consent banner and the tracker for one public page of the office. */
export async function consentBanner(platform: Platform, page: PublicPageContext): Promise<string> {
  const settings = await platform.tenantSettings.get(page.tenantId);
  const office = publicOffice(settings, platform.publicUrl);
  const ref = page.contactId ? signContactRef(platform, page.tenantId, page.contactId) : '';
  return `
<div id="ixx-consent" hidden role="dialog" aria-labelledby="ixx-consent-title" style="position:fixed;left:12px;right:12px;bottom:12px;max-width:680px;margin:0 auto;background:#fff;border:1px solid #cbd5e1;border-radius:14px;box-shadow:0 10px 30px rgba(15,23,42,.2);padding:16px 18px;z-index:1000;font:15px/1.5 system-ui,sans-serif;color:#0f172a;max-height:80vh;overflow:auto">
<strong id="ixx-consent-title">Dürfen wir Ihr Interesse an unseren Angeboten messen?</strong>
<p style="margin:8px 0">Mit Ihrer Einwilligung speichert ${escapeHtml(office.name)}, welche Angebotsseiten Sie wie lange ansehen, ob Sie Bilder, Grundriss, 3D-Rundgang oder Exposé öffnen und ob Sie unsere E-Mails öffnen und deren Links nutzen – nur bei uns, ohne Dienste Dritter –, um Sie gezielter beraten zu können. Ohne Einwilligung speichern wir dazu nichts. Sie können Ihre Einwilligung jederzeit über „Datenschutz-Einstellungen“ unten auf der Seite widerrufen; die gespeicherten Daten werden dann gelöscht.${office.privacyUrl ? ` <a href="${escapeHtml(office.privacyUrl)}" target="_blank" rel="noopener">Datenschutzhinweise</a>` : ''}</p>
<p id="ixx-consent-error" hidden role="alert" style="margin:8px 0;color:#991b1b">Ihre Auswahl konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.</p>
<div style="display:flex;gap:10px;flex-wrap:wrap"><button type="button" id="ixx-consent-no" style="${BUTTON}">Nur notwendige</button><button type="button" id="ixx-consent-yes" style="${BUTTON}">Einverstanden</button></div>
</div>
<p style="text-align:center;margin:0 0 24px"><button type="button" id="ixx-consent-reopen" hidden style="width:auto;margin:0;padding:4px 8px;border:0;background:none;color:#64748b;font:14px system-ui,sans-serif;text-decoration:underline;cursor:pointer">Datenschutz-Einstellungen</button></p>
<script src="/t/tracker.js" defer data-tenant="${escapeHtml(page.tenantId)}" data-cookie="${escapeHtml(cookieSuffix(page.tenantId))}" data-page="${page.kind}"${page.propertyId ? ` data-property="${escapeHtml(page.propertyId)}"` : ''}${ref ? ` data-ref="${escapeHtml(ref)}"` : ''}></script>
`;
}
