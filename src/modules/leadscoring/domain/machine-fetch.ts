/**
 * Whether an open or click of a mail was a person or a machine. Machines fetch mail content
 * on the recipient's behalf before anybody reads it:
 * - Apple Mail Privacy Protection loads every image of a new message through Apple's relay as
 *   soon as it reaches the device; the relay sends the bare user agent "Mozilla/5.0" (reported by
 *   ESPs, e.g. SocketLabs, "Identifying Apple MPP opens", and Word to the Wise, "Apple MPP", 2021).
 * - Security gateways (Microsoft Defender Safe Links, Proofpoint, Mimecast, Barracuda …) follow
 *   every link of an incoming mail within seconds of delivery, often several at once, with HEAD
 *   requests, HTTP libraries or headless browsers.
 * Such fetches are kept for the record and marked, never scored. Gmail's and Yahoo's image
 * proxies load images when the message is opened, so they count as the person.
 */
export interface FetchSignal {
  kind: 'open' | 'click';
  method: string;
  userAgent: string;
  /** Seconds between the mail's hand-over to the outbox and this request. */
  secondsAfterSend: number;
  /** Clicks on links of the same mail in the two seconds before this one. */
  recentClicksOfMail: number;
}

/** An open this soon after sending is a prefetch at delivery, not a reader. */
export const OPEN_PREFETCH_SECONDS = 10;
/** A click this soon after sending is a scanner following links at delivery. */
export const CLICK_SCAN_SECONDS = 30;

const SCANNER_AGENTS =
  /barracuda|proofpoint|mimecast|safelinks|trendmicro|trend micro|symantec|messagelabs|forcepoint|fireeye|ironport|sophos|bitdefender|zscaler|cloudmark|python-requests|python-urllib|aiohttp|curl\/|wget\/|go-http-client|java\/|okhttp|apache-httpclient|libwww-perl|headlesschrome|phantomjs|bot\b|crawler|spider|slackbot|whatsapp|telegrambot|linkedinbot|discordbot|facebookexternalhit|skypeuripreview|preview/i;

export function machineReason(signal: FetchSignal): string | null {
  const agent = signal.userAgent.trim();
  if (signal.method.toUpperCase() === 'HEAD') return 'HEAD-Anfrage eines Linkprüfers';
  if (!agent) return 'Abruf ohne Browserkennung';
  if (signal.kind === 'open' && agent === 'Mozilla/5.0') return 'Vorabladen durch Apple Mail-Datenschutz';
  if (SCANNER_AGENTS.test(agent)) return 'Sicherheits- oder Vorschaudienst';
  if (signal.kind === 'open' && signal.secondsAfterSend < OPEN_PREFETCH_SECONDS)
    return 'Abruf unmittelbar nach der Zustellung';
  if (signal.kind === 'click' && signal.secondsAfterSend < CLICK_SCAN_SECONDS)
    return 'Klick unmittelbar nach der Zustellung';
  if (signal.kind === 'click' && signal.recentClicksOfMail >= 2) return 'mehrere Links in derselben Sekunde';
  return null;
}
