import { expect, test } from '@playwright/test';
import { radicaleInstalled, startRadicale } from '../src/modules/viewings/test/radicale.js';
import { signedIn } from './helpers.js';

/** "2026-12-04T10:05" in the browser's zone, as the datetime-local input wants it. */
const localInput = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

test('a group viewing: invitation with ICS, confirmation, QR check-in, feedback, statistics', async ({
  page,
}) => {
  await signedIn(page);
  // Two visitors, and a demo listing that has no viewings yet, so its figures are this test's.
  const stamp = Date.now().toString(36);
  const visitors = await Promise.all(
    ['Alber', 'Brenner'].map(async (lastName) => {
      const response = await page.request.post('/api/crm/contacts', {
        data: {
          firstName: 'Test',
          lastName: `${lastName}${stamp}`,
          email: `${lastName.toLowerCase()}.${stamp}@example.de`,
        },
      });
      expect(response.status()).toBe(201);
      return (await response.json()) as { id: string; displayName: string };
    }),
  );
  const listings = (await (await page.request.get('/api/crm/properties?pageSize=60')).json()) as {
    items: { id: string; title: string; city: string }[];
  };
  let listing: { id: string; title: string; city: string } | undefined;
  for (const candidate of listings.items) {
    const stats = await (await page.request.get(`/api/viewings/stats/properties/${candidate.id}`)).json();
    if (stats.viewings === 0) {
      listing = candidate;
      break;
    }
  }
  if (!listing) throw new Error('no demo listing without viewings');

  // Plan it in the dialog: it is happening now, so the visitor can check in and answer afterwards.
  await page.goto('/besichtigungen');
  await page.getByRole('button', { name: 'Besichtigung planen' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Objekt suchen …').fill(listing.title);
  await dialog.getByLabel('Objekt', { exact: true }).selectOption(listing.id);
  const start = await page.evaluate(() => new Date(Date.now() - 5 * 60_000).toISOString());
  await dialog.getByLabel('Beginn').fill(localInput(new Date(start)));
  for (const v of visitors) {
    await dialog.getByLabel('Kontakt suchen …').fill(v.displayName);
    await dialog.getByRole('button', { name: new RegExp(v.displayName) }).click();
  }
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/crm/viewings') && r.request().method() === 'POST'),
    dialog.getByRole('button', { name: /speichern$/i }).click(),
  ]);
  expect(created.status()).toBe(201);
  const viewingId = ((await created.json()) as { id: string }).id;

  // The viewing's outbox: an invitation per visitor with its calendar file.
  await page.goto(`/besichtigungen?termin=${viewingId}`);
  const messages = page.getByRole('list', { name: 'Nachrichten an Besucher' });
  await expect(messages.getByText('Einladung')).toHaveCount(2);
  await expect(page.getByText(/Kein Mailserver eingerichtet/)).toBeVisible();
  const ics = await page.request.get(
    (await messages.getByRole('link', { name: 'Kalenderdatei (.ics)' }).first().getAttribute('href')) ?? '',
  );
  const icsText = await ics.text();
  expect(icsText).toContain('METHOD:REQUEST');
  expect(icsText).toContain('TZID:Europe/Berlin');

  // A group of up to four.
  const group = page.getByRole('dialog');
  await group.getByLabel('Besucher je Termin').fill('4');
  await group.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByText('Ort und Gruppe gespeichert')).toBeVisible();

  // The first visitor confirms, checks in by the QR code's address and answers the feedback form.
  const visitorUrl = await group
    .getByRole('link', { name: `Besucherseite öffnen: ${visitors[0]?.displayName}` })
    .getAttribute('href');
  const path = new URL(visitorUrl ?? '').pathname;
  await page.goto(path);
  await expect(page.getByRole('heading', { name: `Ihre Besichtigung: ${listing.title}` })).toBeVisible();
  await page.getByRole('button', { name: 'Termin bestätigen' }).click();
  await expect(page.getByText('Bestätigt', { exact: true })).toBeVisible();
  await page.goto(`${path}/check-in`);
  await page.getByRole('button', { name: 'Jetzt einchecken' }).click();
  await expect(page.getByText('Sie sind eingecheckt')).toBeVisible();
  await page.goto(`${path}/feedback`);
  await page.getByLabel('5 – sehr großes Interesse').check();
  await page.getByLabel('Angemessen').check();
  await page.getByLabel('Ich möchte ein Angebot abgeben bzw. ein Angebot erhalten.').check();
  await page.getByLabel('Was hat Ihnen gefehlt?').fill('Ein zweiter Stellplatz');
  await page.getByRole('button', { name: 'Feedback senden' }).click();
  await expect(page.getByText('Ihre Rückmeldung ist bei uns angekommen.')).toBeVisible();

  // The property's statistics count it.
  await page.goto(`/objekte/${listing.id}?tab=viewings`);
  const figure = (name: string) => page.locator(`[data-figure="${name}"]`);
  await expect(figure('viewings')).toHaveText('1');
  await expect(figure('visitors')).toHaveText('2');
  await expect(figure('checkIns')).toHaveText('1');
  await expect(figure('feedbacks')).toHaveText('1');
  await expect(figure('averageInterest')).toHaveText('5 / 5');
  await expect(figure('wantsOffer')).toHaveText('1');
  await expect(page.getByRole('link', { name: 'CSV exportieren' })).toBeVisible();
});

test('route planning shows an agent’s day in order with a navigation link', async ({ page }) => {
  await signedIn(page);
  await page.goto('/besichtigungen/tour');
  await expect(page.getByRole('heading', { name: 'Tourenplanung' })).toBeVisible();
  await page.getByRole('button', { name: 'Tour planen' }).click();
  // Either the day has viewings (in order, labelled as an estimate) or it says it has none.
  await expect(page.getByText('Schätzung').or(page.getByText(/keine Besichtigungen/))).toBeVisible();
});

test('connects a CalDAV calendar: viewings go in, the agent’s other appointments warn in the dialog', async ({
  page,
}) => {
  test.skip(!radicaleInstalled() && !process.env.CI, 'needs Debian’s radicale (CI installs it)');
  const radicale = await startRadicale();
  try {
    // The agent's phone calendar, with a dentist's appointment tomorrow at 08:00–09:00 UTC.
    const calendarUrl = `${radicale.url}${radicale.username}/handy/`;
    expect(
      (await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: radicale.auth } })).status,
    ).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const dentist = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\nBEGIN:VEVENT\r\nUID:zahnarzt-e2e@example.org\r\nDTSTAMP:20261201T100000Z\r\nDTSTART:${tomorrow}T080000Z\r\nDTEND:${tomorrow}T090000Z\r\nSUMMARY:Zahnarzt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    await fetch(`${calendarUrl}zahnarzt.ics`, {
      method: 'PUT',
      headers: { authorization: radicale.auth, 'content-type': 'text/calendar' },
      body: dentist,
    });

    await signedIn(page);
    await page.goto('/besichtigungen/einstellungen');
    await page.getByLabel('Serveradresse').fill(radicale.url);
    await page.getByLabel('Benutzername').fill(radicale.username);
    await page.getByLabel('App-Passwort').fill(radicale.password);
    await page.getByRole('button', { name: 'Kalender suchen' }).click();
    await page.getByLabel('Kalender für Besichtigungen').selectOption(calendarUrl);
    await page.getByRole('button', { name: 'Verbinden' }).click();
    await expect(page.getByText('Zuletzt abgeglichen')).toBeVisible();
    await page.getByRole('button', { name: 'Jetzt abgleichen' }).click();
    await expect(page.getByText(/belegte Zeiten: 1/).first()).toBeVisible();

    // The owner's demo viewings are in the phone calendar now, each once.
    const listing = await fetch(calendarUrl, {
      method: 'PROPFIND',
      headers: { authorization: radicale.auth, depth: '1' },
    });
    const hrefs = [...(await listing.text()).matchAll(/besichtigung-[0-9a-f-]{36}\.ics/g)].map((m) => m[0]);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(new Set(hrefs).size).toBe(hrefs.length);

    // Planning a viewing at the dentist's hour warns before saving.
    await page.goto('/besichtigungen');
    await page.getByRole('button', { name: 'Besichtigung planen' }).click();
    const dialog = page.getByRole('dialog');
    const at = new Date(`${tomorrow.slice(0, 4)}-${tomorrow.slice(4, 6)}-${tomorrow.slice(6)}T08:15:00Z`);
    await dialog.getByLabel('Beginn').fill(localInput(at));
    await expect(dialog.getByText(/Im Kalender des Maklers belegt/)).toBeVisible();
  } finally {
    await page.request.delete('/api/viewings/calendar');
    radicale.stop();
  }
});
