import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { pickProperty, signedIn } from './helpers.js';

/**
 * The broker opens the market analysis for a property of the demo office, finds comparables in
 * the synthetic Bodensee market, puts the lake view at a different rate and sees the value
 * move, and saves the analysis for the exposé. Then the price trends with their source footer.
 */
test('comparables for a property, one rate adjusted, the valuation range moves and the analysis is saved', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  const listings = (await (
    await page.request.get('/api/crm/properties?marketingType=kauf&objectType=wohnung&pageSize=50')
  ).json()) as {
    items: { id: string; livingArea: number | null; city: string; latitude: number | null }[];
  };
  // A flat with coordinates, so the map of its comparables can be drawn.
  const flat = listings.items.find((p) => p.livingArea !== null && p.latitude !== null)!;
  await page.goto('/marktanalyse');
  await expect(page.getByText('Objekt wählen oder Merkmale eingeben')).toBeVisible();
  await pickProperty(page, { id: flat.id, label: 'Objekt aus dem Bestand' });
  await expect(page.getByLabel('Wohnfläche (m²)')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Vergleichsobjekte suchen' }).click();

  const value = page.getByTestId('vergleichswert');
  await expect(value).toContainText('€');
  await expect(page.getByTestId('estimate')).toContainText('90-%-Intervall');
  await expect(page.getByTestId('comparables').locator('tbody tr').first()).toBeVisible();
  // Three rings and the comparables around the property's square.
  await expect(page.getByTestId('comparables-map').locator('circle').nth(3)).toBeAttached();
  await expect(page.getByTestId('sources').first()).toContainText('Demo-Daten (synthetisch)');
  const before = (await value.locator('p').nth(1).textContent())?.trim();
  await testInfo.attach('marktanalyse-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('marktanalyse-desktop.png') }),
    contentType: 'image/png',
  });

  // Sorting by adjusted price puts the cheapest first.
  await page.getByRole('button', { name: 'angepasst €/m²' }).click();
  await expect(page.getByRole('columnheader', { name: /angepasst €\/m²/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV exportieren' }).click();
  expect((await download).suggestedFilename()).toBe('vergleichsobjekte.csv');

  const rates = page.getByRole('form', { name: 'Anpassungssätze' });
  await rates.getByLabel('Seeblick (%)').fill('60');
  await rates.getByLabel('Alter je Baujahr (%)').fill('-1,5');
  await rates.getByRole('button', { name: 'Neu berechnen' }).click();
  await expect(value.locator('p').nth(1)).not.toHaveText(before ?? '');
  await expect(rates.getByLabel('Seeblick (%)')).toHaveValue('60');

  // The income approach beside the comparables, in German numbers, kept for the saved analysis.
  const income = page.getByRole('form', { name: 'Ertragswert (§§ 27–34 ImmoWertV)' });
  await income.getByLabel('Jahresrohertrag (€)').fill('15.600');
  await income.getByLabel('Verwaltungskosten je Jahr (€)').fill('420');
  await income.getByLabel('Instandhaltungskosten je Jahr (€)').fill('1.160');
  await income.getByLabel('Bodenwert (€)').fill('120.000');
  await income.getByLabel('Liegenschaftszinssatz (%)').fill('2,5');
  await income.getByLabel('Restnutzungsdauer (Jahre)').fill('58');
  await income.getByRole('button', { name: 'Berechnen' }).click();
  await expect(page.getByTestId('ertragswert-steps')).toContainText('Barwertfaktor');
  await expect(page.getByTestId('ertragswert-steps')).toContainText('446.041,54 €');

  await page.getByLabel('Als Seite „Marktanalyse“ im Exposé zeigen').check();
  await page.getByRole('button', { name: 'Analyse speichern' }).click();
  await expect(page.getByText('Analyse gespeichert.')).toBeVisible();
  const saved = (await (await page.request.get(`/api/market/analyses/${flat.id}`)).json()) as {
    inExpose: boolean;
    input: { query: { rates: { lakeViewPercent?: number } } };
  };
  expect(saved.inExpose).toBe(true);
  expect(saved.input.query.rates.lakeViewPercent).toBe(60);

  // The report and the exposé, read back by poppler as a reader's PDF viewer would show them.
  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const reportDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Marktbericht (PDF)' }).click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toMatch(/^Marktbericht-.+\.pdf$/);
  const reportFile = testInfo.outputPath('marktbericht.pdf');
  await report.saveAs(reportFile);
  const reportText = pdfText(reportFile);
  expect(reportText).toContain('Marktbericht');
  expect(reportText).toContain('Vergleichswert (§§ 24–26 ImmoWertV)');
  expect(reportText).toContain('Ertragswert (§§ 27–34 ImmoWertV)');
  expect(reportText).toContain('Demo-Daten (synthetisch)');
  const exposeLink = page.getByRole('link', { name: 'Exposé mit Marktanalyse (PDF)' });
  const exposeResponse = await page.request.get((await exposeLink.getAttribute('href')) ?? '');
  expect(exposeResponse.status()).toBe(200);
  const exposeFile = testInfo.outputPath('expose.pdf');
  writeFileSync(exposeFile, await exposeResponse.body());
  const exposeText = pdfText(exposeFile);
  expect(exposeText).toContain('Marktanalyse');
  const headline = /Vergleichswert\s+([\d.]+ €)/.exec(reportText)?.[1];
  expect(headline).toBeTruthy();
  expect(exposeText).toContain(headline!);
  await testInfo.attach('marktbericht', { body: readFileSync(reportFile), contentType: 'application/pdf' });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('vergleichswert')).toContainText('€');
  await expect(page.getByTestId('ertragswert-steps')).toContainText('446.041,54 €');
  await testInfo.attach('marktanalyse-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('marktanalyse-phone.png') }),
    contentType: 'image/png',
  });
});

test('the published example of ErbStH 2019 H B 185.4 comes out to the cent in the income approach form', async ({
  page,
}) => {
  await signedIn(page);
  const listings = (await (
    await page.request.get('/api/crm/properties?marketingType=kauf&objectType=wohnung&pageSize=50')
  ).json()) as { items: { id: string; livingArea: number | null }[] };
  const flat = listings.items.find((p) => p.livingArea !== null)!;
  await page.goto('/marktanalyse');
  await pickProperty(page, { id: flat.id, label: 'Objekt aus dem Bestand' });
  await page.getByRole('button', { name: 'Vergleichsobjekte suchen' }).click();
  const income = page.getByRole('form', { name: 'Ertragswert (§§ 27–34 ImmoWertV)' });
  // Beispiel 1: 140.000 € Rohertrag, 22 % = 30.800 € Bewirtschaftungskosten, Bodenwert 300.000 €,
  // 6,5 % over 35 years, factor as in Anlage 21 BewG.
  await income.getByLabel('Jahresrohertrag (€)').fill('140.000');
  await income.getByLabel('Verwaltungskosten je Jahr (€)').fill('30.800');
  await income.getByLabel('Instandhaltungskosten je Jahr (€)').fill('0');
  await income.getByLabel('Mietausfallwagnis (% des Rohertrags)').fill('0');
  await income.getByLabel('Bodenwert (€)').fill('300.000');
  await income.getByLabel('Liegenschaftszinssatz (%)').fill('6,5');
  await income.getByLabel('Restnutzungsdauer (Jahre)').fill('35');
  await income.getByLabel('Barwertfaktor').selectOption('2');
  await income.getByRole('button', { name: 'Berechnen' }).click();
  const steps = page.getByTestId('ertragswert-steps');
  await expect(steps).toContainText('13,69');
  await expect(steps).toContainText('1.227.993,00 €');
  await expect(steps).toContainText('1.527.993,00 €');
});

test('price trends per town with median, quartiles and the source under the chart', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  await page.goto('/marktanalyse/preise');
  await expect(page.getByTestId('trend-chart')).toBeVisible();
  await page.getByLabel('Ort').selectOption('Konstanz');
  await page.getByLabel('Zeitraum').selectOption('jahr');
  await page.getByText('Werte', { exact: true }).click();
  await expect(page.getByRole('cell', { name: /^\d{4}$/ }).first()).toBeVisible();
  await expect(page.getByTestId('sources')).toContainText('Demo-Daten (synthetisch)');
  await testInfo.attach('preise-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('preise-desktop.png') }),
    contentType: 'image/png',
  });
});

test('a CSV with a broken row is refused in the dry run with the line and the reason', async ({ page }) => {
  await signedIn(page);
  await page.goto('/marktanalyse/daten');
  await expect(page.getByTestId('datasets')).toContainText('Demo-Markt Bodensee (synthetisch)');
  const csv = [
    'Vermarktungsart;Objektart;PLZ;Ort;Wohnfläche;Preis;Datum',
    'Kauf;Wohnung;78462;Konstanz;86,5;495.000;14.03.2025',
    'Kauf;Wohnung;78462;Konstanz;-20;300.000;14.03.2025',
  ].join('\n');
  await page
    .getByLabel('Datei')
    .setInputFiles({ name: 'preise.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Prüfen (Probelauf)' }).first().click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('2 Zeilen, 1 gültig');
  await expect(preview).toContainText('Zeile 3:');
  await expect(preview).toContainText('Wohnfläche -20 liegt außerhalb');
  await expect(page.getByRole('button', { name: /Preise importieren/ })).toHaveCount(0);
});

test('demand against supply per postal code on a map without tiles, filtered by type and price band', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  await page.goto('/marktanalyse/nachfrage');
  const map = page.getByTestId('demand-map');
  await expect(map).toBeVisible();
  await expect(page.getByText('Karte ohne Hintergrundkarte')).toBeVisible();
  await expect(page.getByTestId('demand-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('sources')).toContainText('GeoNames');
  await expect(page.getByTestId('demand-totals')).toContainText(/Seit \d{2}\.\d{2}\.\d{4}:/);
  await testInfo.attach('nachfrage-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('nachfrage-desktop.png') }),
    contentType: 'image/png',
  });

  // A click on an area marks its row in the table.
  const firstRow = page.getByTestId('demand-table').locator('tbody tr').first();
  const code = ((await firstRow.locator('td').first().textContent()) ?? '').slice(0, 5);
  await map.getByRole('link', { name: new RegExp(`^${code} `) }).click();
  await expect(page.locator(`#area-${code}`)).toHaveClass(/bg-teal-50/);

  await page.getByLabel('Kaufpreis ab (€)').fill('900.000');
  await page.getByLabel('Kaufpreis bis (€)').fill('100.000');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByText('Der Mindestpreis ist höher als der Höchstpreis.').first()).toBeVisible();
  await page.getByLabel('Kaufpreis bis (€)').fill('');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByTestId('demand-map')).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel('Kaufpreis ab (€)').fill('');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByTestId('demand-map')).toBeVisible();
  await testInfo.attach('nachfrage-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('nachfrage-phone.png') }),
    contentType: 'image/png',
  });
});

test('two snapshots of a competitor: a price cut and a withdrawal, then an own listing’s price position', async ({
  page,
}, testInfo) => {
  await signedIn(page);
  const listings = (await (
    await page.request.get(
      '/api/crm/properties?marketingType=kauf&objectType=wohnung&status=aktiv&pageSize=50',
    )
  ).json()) as {
    items: {
      id: string;
      city: string;
      postalCode: string;
      livingArea: number | null;
      latitude: number | null;
      longitude: number | null;
    }[];
  };
  const own = listings.items.find((p) => p.livingArea !== null && p.latitude !== null)!;
  const at = (dLat: number) => String(own.latitude! + dLat).replace('.', ',');
  const lng = String(own.longitude!).replace('.', ',');
  const csv = (...rows: string[]) =>
    Buffer.from(
      [
        'Objektnummer;Vermarktungsart;Objektart;PLZ;Ort;Breitengrad;Längengrad;Wohnfläche;Preis',
        ...rows,
      ].join('\n'),
    );
  const row = (ref: string, area: number, price: string, dLat = 0.002) =>
    `${ref};Kauf;Wohnung;${own.postalCode};${own.city};${at(dLat)};${lng};${area};${price}`;
  const area = Math.round(own.livingArea!);

  await page.goto('/marktanalyse/wettbewerb');
  const form = page.getByRole('form', { name: 'Stand eines Mitbewerbers übernehmen' });
  await form.getByLabel('Name des Mitbewerbers').fill('Hafen Immobilien');
  await form.getByLabel('Quelle').fill('Eigene Erfassung der Portalangebote');
  await form.getByLabel('Lizenz').fill('Interne Marktbeobachtung');
  await form.getByLabel('Stand vom').fill('2026-11-02');
  await form.getByLabel('Angebotsliste (CSV oder OpenImmo-XML)').setInputFiles({
    name: 'hafen-1.csv',
    mimeType: 'text/csv',
    buffer: csv(
      row('H-1', area, '610.000'),
      row('H-2', area + 10, '540.000', -0.003),
      row('H-3', area - 8, '455.000', 0.004),
    ),
  });
  await form.getByRole('button', { name: 'Stand übernehmen' }).click();
  await expect(page.getByText(/Übernommen: 3 neu, 0 Preisänderungen, 0 zurückgezogen/)).toBeVisible();

  await form.getByLabel('Stand vom').fill('2026-11-20');
  await form.getByLabel('Angebotsliste (CSV oder OpenImmo-XML)').setInputFiles({
    name: 'hafen-2.csv',
    mimeType: 'text/csv',
    buffer: csv(row('H-1', area, '579.000'), row('H-3', area - 8, '455.000', 0.004)),
  });
  await form.getByRole('button', { name: 'Stand übernehmen' }).click();
  await expect(page.getByText(/Übernommen: 0 neu, 1 Preisänderungen, 1 zurückgezogen/)).toBeVisible();
  const events = page.getByTestId('competitor-events');
  await expect(events).toContainText('Preis 610.000 € → 579.000 € (-5,1 %)');
  await expect(events).toContainText('zurückgezogen nach 19 Tagen');
  await expect(page.getByTestId('competitor-listings').locator('tbody tr')).toHaveCount(2);

  // A broken row is refused with its line; nothing changes.
  await form.getByLabel('Stand vom').fill('2026-11-27');
  await form.getByLabel('Angebotsliste (CSV oder OpenImmo-XML)').setInputFiles({
    name: 'hafen-3.csv',
    mimeType: 'text/csv',
    buffer: csv(row('H-1', area, '579.000'), row('', area, '400.000')),
  });
  await form.getByRole('button', { name: 'Stand übernehmen' }).click();
  await expect(page.getByTestId('snapshot-errors')).toContainText('Zeile 3: Objektnummer fehlt');

  await pickProperty(page, { id: own.id, label: 'Eigenes Angebot' });
  await expect(page.getByTestId('price-position')).toContainText(
    /Ihr Angebot liegt bei [\d.]+\s€ je m² – teurer als \d+ % der 2 vergleichbaren Angebote/,
  );
  await testInfo.attach('wettbewerb-desktop', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('wettbewerb-desktop.png') }),
    contentType: 'image/png',
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('price-position')).toBeVisible();
  await testInfo.attach('wettbewerb-phone', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('wettbewerb-phone.png') }),
    contentType: 'image/png',
  });
});
