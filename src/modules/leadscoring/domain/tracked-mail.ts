/**
 * A customer mail with tracked links: each link goes through this server once, which then
 * redirects to the stored address (never to one given in the request: no open redirect).
 * Unsubscribe, Impressum and privacy links stay untouched — nobody should be measured for
 * reading the legal notice or leaving a list. With consent, an HTML part is added that shows
 * the same text with the original addresses as link text, plus the open pixel.
 */
const URL_PATTERN = /https?:\/\/[^\s<>"'()[\]]+/g;
const UNTRACKED = /abmelde|unsubscribe|impressum|datenschutz|\/t\/[ko]\//i;
const TRAILING = /[.,;:!?]+$/;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface TrackedMail {
  text: string;
  html: string | null;
  /** The original addresses, by their index in the tracked URL. */
  links: string[];
}

export function trackMail(
  text: string,
  trackedUrl: (index: number) => string,
  pixelUrl: string | null,
): TrackedMail {
  const links: string[] = [];
  const indexOf = (url: string) => {
    const at = links.indexOf(url);
    if (at >= 0) return at;
    links.push(url);
    return links.length - 1;
  };
  const pieces: { text: string; url: string | null; tracked: string | null }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0];
    const url = raw.replace(TRAILING, '');
    const start = match.index ?? 0;
    pieces.push({ text: text.slice(last, start), url: null, tracked: null });
    pieces.push({ text: url, url, tracked: UNTRACKED.test(url) ? null : trackedUrl(indexOf(url)) });
    last = start + url.length;
  }
  pieces.push({ text: text.slice(last), url: null, tracked: null });
  const tracked = pieces.map((p) => p.tracked ?? p.text).join('');
  if (!pixelUrl) return { text: tracked, html: null, links };
  const body = pieces
    .map((p) =>
      p.url
        ? `<a href="${escapeHtml(p.tracked ?? p.url)}">${escapeHtml(p.url)}</a>`
        : escapeHtml(p.text).replace(/\n/g, '<br>\n'),
    )
    .join('');
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">${body}<img src="${escapeHtml(pixelUrl)}" width="1" height="1" alt="" style="display:block;border:0"></body></html>`;
  return { text: tracked, html, links };
}
