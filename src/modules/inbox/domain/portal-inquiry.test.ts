import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMail } from './mail-input.js';
import { readInquiry } from './portal-inquiry.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../test/fixtures', name), 'utf8').replaceAll(
    '{{OBJEKTNR}}',
    'IMX-2026-SEE001',
  );

describe('portal inquiry mails', () => {
  it('reads the OpenImmo-Feedback attachment of an Immowelt inquiry', async () => {
    const r = readInquiry(await readMail(fixture('immowelt-openimmo-feedback.eml')));
    expect(r).toEqual({
      kind: 'inquiry',
      inquiry: {
        portal: 'immowelt',
        name: 'Luca Marković',
        email: 'luca.markovic@example.de',
        phone: '+49 7541 98765',
        message: 'Guten Tag, ich bitte um einen Besichtigungstermin.',
        externalId: 'IMX-2026-SEE001',
        portalObjectId: '2Z8K4',
        listingTitle: 'Seeblick-Wohnung in Konstanz',
      },
    });
  });

  it('reads the labelled text of an ImmoScout24 contact request', async () => {
    const r = readInquiry(await readMail(fixture('immoscout24-kontaktanfrage.eml')));
    expect(r.kind).toBe('inquiry');
    if (r.kind !== 'inquiry') return;
    expect(r.inquiry).toMatchObject({
      portal: 'immoscout24',
      name: 'Johanna Ölschläger',
      email: 'johanna.oelschlaeger@example.de',
      phone: '+49 7531 123456',
      externalId: 'IMX-2026-SEE001',
      portalObjectId: '310000123',
    });
    expect(r.inquiry.message).toBe(
      'Ich interessiere mich für die Wohnung und hätte gern das Exposé.\r\nEin Besichtigungstermin am Samstag wäre ideal.'.replace(
        /\r/g,
        '',
      ),
    );
  });

  it('takes Kleinanzeigen’s relay address from Reply-To', async () => {
    const r = readInquiry(await readMail(fixture('kleinanzeigen-nachricht.eml')));
    expect(r.kind).toBe('inquiry');
    if (r.kind !== 'inquiry') return;
    expect(r.inquiry).toMatchObject({
      portal: 'kleinanzeigen',
      name: 'Tobias Brenner',
      email: 'interessent-8a7f3c1e@mail.kleinanzeigen.de',
      externalId: 'IMX-2026-SEE001',
      portalObjectId: '2871234567',
    });
  });

  it('gives a reason for a portal mail it cannot read, and ignores ordinary mail', async () => {
    const broken = readInquiry(await readMail(fixture('immoscout24-unlesbar.eml')));
    expect(broken).toEqual({
      kind: 'unreadable',
      portal: 'immoscout24',
      reason: 'Kein Name des Interessenten in der Portal-Mail gefunden.',
    });
    const plain = readInquiry(
      await readMail(
        'From: Anna <anna@example.de>\r\nSubject: Frage\r\n\r\nName: Anna\r\nE-Mail: anna@example.de\r\n',
      ),
    );
    expect(plain).toEqual({ kind: 'none' });
  });
});
