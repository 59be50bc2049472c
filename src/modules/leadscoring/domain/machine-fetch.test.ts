import { describe, expect, it } from 'vitest';
import { type FetchSignal, machineReason } from './machine-fetch.js';

/**
 * Recorded request patterns, as mail-tracking servers log them. User agents are the ones the
 * clients and gateways send (Apple's MPP relay: the bare "Mozilla/5.0"; Gmail's image proxy:
 * "… (via ggpht.com GoogleImageProxy)"; Outlook for Windows loading images itself).
 */
const human = { method: 'GET', secondsAfterSend: 3_600, recentClicksOfMail: 0 };
const open = (userAgent: string, extra: Partial<FetchSignal> = {}): FetchSignal => ({
  kind: 'open',
  userAgent,
  ...human,
  ...extra,
});
const click = (userAgent: string, extra: Partial<FetchSignal> = {}): FetchSignal => ({
  kind: 'click',
  userAgent,
  ...human,
  ...extra,
});

const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const OUTLOOK_WIN = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)';

describe('machineReason', () => {
  it('discounts Apple Mail Privacy Protection’s prefetch (bare "Mozilla/5.0"), even hours later', () => {
    expect(machineReason(open('Mozilla/5.0'))).toBe('Vorabladen durch Apple Mail-Datenschutz');
  });

  it('discounts any open within seconds of sending', () => {
    expect(machineReason(open(SAFARI_IOS, { secondsAfterSend: 2 }))).toBe(
      'Abruf unmittelbar nach der Zustellung',
    );
  });

  it('counts a person’s opens through Gmail’s proxy, Outlook and a phone', () => {
    expect(machineReason(open(GMAIL_PROXY))).toBeNull();
    expect(machineReason(open(OUTLOOK_WIN))).toBeNull();
    expect(machineReason(open(SAFARI_IOS))).toBeNull();
  });

  it('discounts link scanners: HEAD probes, security gateways, HTTP libraries, previews', () => {
    expect(machineReason(click(CHROME_WIN, { method: 'HEAD' }))).toBe('HEAD-Anfrage eines Linkprüfers');
    for (const agent of [
      'Mozilla/5.0 (compatible; Barracuda Sentinel)',
      'Proofpoint URL Defense',
      'Mimecast-URL-Protect/1.0',
      'python-requests/2.31.0',
      'Go-http-client/1.1',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    ])
      expect(machineReason(click(agent)), agent).toBe('Sicherheits- oder Vorschaudienst');
    expect(machineReason(click(''))).toBe('Abruf ohne Browserkennung');
  });

  it('discounts a click right at delivery and a burst over several links', () => {
    expect(machineReason(click(CHROME_WIN, { secondsAfterSend: 4 }))).toBe(
      'Klick unmittelbar nach der Zustellung',
    );
    expect(machineReason(click(CHROME_WIN, { recentClicksOfMail: 3 }))).toBe(
      'mehrere Links in derselben Sekunde',
    );
  });

  it('counts a person clicking a link an hour later', () => {
    expect(machineReason(click(CHROME_WIN))).toBeNull();
    expect(machineReason(click(SAFARI_IOS, { recentClicksOfMail: 1 }))).toBeNull();
  });
});
