import { describe, expect, it } from 'vitest';
import { trackMail } from './tracked-mail.js';

const tracked = (i: number) => `https://app.example/t/k/TOKEN/${i}`;
const TEXT = `Guten Tag Frau Keller,

Ihr Exposé: https://app.example/p/seeblick/expose/abc123.
Alle Bilder: https://app.example/p/seeblick (und nochmal https://app.example/p/seeblick)

Abmelden: https://app.example/angebote/abmelden/xyz
Impressum: https://app.example/impressum/buero`;

describe('trackMail', () => {
  it('routes each distinct link through the tracker once, keeping punctuation and legal links', () => {
    const mail = trackMail(TEXT, tracked, null);
    expect(mail.links).toEqual([
      'https://app.example/p/seeblick/expose/abc123',
      'https://app.example/p/seeblick',
    ]);
    expect(mail.text).toContain('Ihr Exposé: https://app.example/t/k/TOKEN/0.');
    expect(mail.text).toContain(
      'Alle Bilder: https://app.example/t/k/TOKEN/1 (und nochmal https://app.example/t/k/TOKEN/1)',
    );
    expect(mail.text).toContain('Abmelden: https://app.example/angebote/abmelden/xyz');
    expect(mail.text).toContain('Impressum: https://app.example/impressum/buero');
    expect(mail.html).toBeNull();
  });

  it('adds an HTML part with the open pixel only when asked (consent), showing the real addresses', () => {
    const mail = trackMail(TEXT, tracked, 'https://app.example/t/o/TOKEN.gif');
    expect(mail.html).toContain(
      '<a href="https://app.example/t/k/TOKEN/0">https://app.example/p/seeblick/expose/abc123</a>.',
    );
    expect(mail.html).toContain('<img src="https://app.example/t/o/TOKEN.gif" width="1" height="1" alt=""');
    expect(mail.html).toContain('Guten Tag Frau Keller,<br>');
  });

  it('escapes the text in the HTML part', () => {
    const mail = trackMail('Preis <b>& mehr</b>', tracked, 'https://app.example/t/o/T.gif');
    expect(mail.html).toContain('Preis &lt;b&gt;&amp; mehr&lt;/b&gt;');
  });
});
