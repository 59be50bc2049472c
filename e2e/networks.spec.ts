import { expect, test } from '@playwright/test';
import { signedIn } from './helpers.js';

/**
 * A broker network from the first click: the operator creates it and puts the demo office in; the
 * owner decides to share listings and figures and then sees the pool; the network's administrator
 * reads the report and writes a routing rule; a visitor's inquiry on the public form lands at the
 * office the rule names, and the network sees where it went (and nothing about the person).
 */
test('a broker network: set up, share, pool, report, lead routing', async ({ page, browser }, testInfo) => {
  // The demo admin is an operator (SUPERADMIN_EMAILS) and becomes the network's administrator too.
  await signedIn(page, 'admin@bodensee-immobilien.de');
  await page.getByRole('link', { name: 'Maklernetzwerke' }).click();
  await page.getByLabel('Name').fill('Bodensee-Netzwerk');
  await page.getByLabel('Adresse des Anfrageformulars').fill('bodensee-netz');
  await page.getByRole('button', { name: 'Netzwerk anlegen' }).click();
  await expect(page.getByText('Netzwerk „Bodensee-Netzwerk“ angelegt.')).toBeVisible();
  const card = page.locator('section').filter({ hasText: '/n/bodensee-netz' });
  await card.getByLabel('Büro aufnehmen').fill('Bodensee');
  await card.getByRole('button', { name: /Bodensee Immobilien/ }).click();
  await expect(card.getByRole('button', { name: 'Entfernen' })).toHaveCount(1);
  await card.getByLabel('Administrator (E-Mail)').fill('admin@bodensee-immobilien.de');
  await card.getByRole('button', { name: 'Hinzufügen' }).click();
  await expect(card.getByText('admin@bodensee-immobilien.de')).toBeVisible();

  // The owner shares; until then the pool stays closed.
  const owner = await browser.newPage();
  await signedIn(owner);
  await owner.getByRole('link', { name: 'Netzwerk', exact: true }).click();
  await expect(
    owner.getByText('Ihr Büro gehört zum Netzwerk „Bodensee-Netzwerk“, bisher als einziges Büro.'),
  ).toBeVisible();
  await expect(owner.getByTestId('pool-needs-sharing')).toBeVisible();
  await owner.getByTestId('share-listings').check();
  await owner.getByTestId('share-reports').check();
  await owner.getByRole('button', { name: 'Freigaben speichern' }).click();
  await expect(owner.getByText('Freigaben gespeichert.')).toBeVisible();
  await expect(owner.getByTestId('pool-count')).toContainText('Objekte');
  await expect(owner.getByTestId('pool-table')).toContainText('Bodensee Immobilien');
  await testInfo.attach('network-pool-desktop', {
    body: await owner.screenshot({ fullPage: true, path: testInfo.outputPath('network-pool-desktop.png') }),
    contentType: 'image/png',
  });
  await owner.setViewportSize({ width: 390, height: 844 });
  await expect(owner.getByTestId('pool-cards')).toBeVisible();
  await testInfo.attach('network-pool-phone', {
    body: await owner.screenshot({ fullPage: true, path: testInfo.outputPath('network-pool-phone.png') }),
    contentType: 'image/png',
  });
  await owner.close();

  // The administrator: report, then a routing rule with a fallback office.
  await page.getByRole('link', { name: 'Netzwerk-Verwaltung' }).click();
  const offices = page.getByTestId('report-offices');
  await expect(offices).toContainText('Bodensee Immobilien');
  await expect(offices).not.toContainText('nicht geteilt');
  await expect(page.getByTestId('report-months').locator('tbody tr')).toHaveCount(6);
  await testInfo.attach('network-report', {
    body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('network-report.png') }),
    contentType: 'image/png',
  });
  const tabs = page.getByRole('navigation', { name: 'Netzwerk-Verwaltung' });
  await tabs.getByRole('link', { name: 'Lead-Verteilung' }).click();
  await page.getByRole('button', { name: 'Regel hinzufügen' }).click();
  const rule = page.getByTestId('routing-rules').locator('li').first();
  await rule.getByLabel('PLZ beginnt mit').fill('784');
  await rule.getByLabel('Büro').selectOption({ label: 'Bodensee Immobilien GmbH' });
  await expect(page.getByText('Ohne Auffang-Büro wird eine Anfrage')).toBeVisible();
  await page.getByLabel('Büro für alle übrigen Anfragen').selectOption({ label: 'Bodensee Immobilien GmbH' });
  await page.getByRole('button', { name: 'Regeln speichern' }).click();
  await expect(page.getByText('Regeln gespeichert.')).toBeVisible();

  // A visitor on the public form, on a phone.
  const visitor = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto('/n/bodensee-netz');
  await expect(visitor.getByRole('heading', { name: 'Ihr Büro vor Ort' })).toBeVisible();
  await visitor.getByLabel('Ihr Anliegen').selectOption({ label: 'Immobilie verkaufen' });
  await visitor.getByLabel('Art der Immobilie').selectOption({ label: 'Haus' });
  await visitor.getByLabel('Postleitzahl der Immobilie oder des Suchgebiets').fill('78462');
  await visitor.getByLabel('Name').fill('Erika Eigentümerin');
  await visitor.getByLabel('E-Mail').fill('erika.netzwerk@example.de');
  await visitor.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(visitor.getByRole('alert')).toContainText(
    'Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.',
  );
  await visitor.getByRole('checkbox').check();
  await visitor.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(visitor.getByRole('status')).toContainText('Bodensee Immobilien GmbH');
  await testInfo.attach('network-form-phone', {
    body: await visitor.screenshot({ fullPage: true, path: testInfo.outputPath('network-form-phone.png') }),
    contentType: 'image/png',
  });
  await visitor.close();

  await page.reload();
  const leads = page.getByTestId('routed-leads');
  await expect(leads).toContainText('PLZ 78462');
  await expect(leads).toContainText('Regel 1');
  await expect(leads).not.toContainText('Erika');
});
