import { expect, type Page, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pickProperty, signedIn } from './helpers.js';

const AGENT_EMAIL = 'makler@bodensee-immobilien.de';

/** An energy certificate as a PDF with a text layer, so the documents module files it by its text. */
async function energyCertificatePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  const lines = [
    'ENERGIEAUSWEIS fuer Wohngebaeude',
    'gemaess den Paragraphen 79 ff. Gebaeudeenergiegesetz (GEG)',
    'Energiebedarfsausweis',
    'Endenergiebedarf dieses Gebaeudes: 112 kWh/(m2a)',
    'Energieeffizienzklasse: D',
    'Primaerenergiebedarf: 124 kWh/(m2a)',
  ];
  lines.forEach((line, i) => {
    page.drawText(line, { x: 60, y: 760 - i * 24, size: 13, font });
  });
  return Buffer.from(await pdf.save());
}

async function openCard(page: Page, title: string) {
  await page.locator(`li[data-task="${title}"]`).getByRole('button', { name: title }).click();
  return page.getByRole('dialog', { name: 'Aufgabe bearbeiten' });
}

test.use({ viewport: { width: 1600, height: 900 } });

test('a deal from the transaction template: Kanban, Gantt, @mention and an automation rule', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signedIn(page);

  // 1. A transaction project from the template on a demo property.
  await page.goto('/projekte');
  await page.getByRole('button', { name: 'Neues Projekt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neues Projekt' });
  await dialog.getByLabel('Vorlage').selectOption('transaktion');
  const property = await pickProperty(page);
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await expect(page.getByRole('heading', { name: `Transaktion: ${property.title}` })).toBeVisible();
  const projectId = page.url().split('/').at(-1) as string;
  const column = (state: string) => page.locator(`section[data-state="${state}"]`);
  await expect(column('Zu erledigen').locator('li[data-task]')).toHaveCount(8);

  // 2. Drag "Reservierung vereinbaren" from "Zu erledigen" to "In Arbeit".
  const card = page.locator('li[data-task="Reservierung vereinbaren"]');
  const target = column('In Arbeit');
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('board not laid out');
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
  await page.mouse.up();
  await expect(target.locator('li[data-task="Reservierung vereinbaren"]')).toBeVisible();
  await page.reload();
  await expect(column('In Arbeit').locator('li[data-task="Reservierung vereinbaren"]')).toBeVisible();

  // 3. In the Gantt chart, move "Notarentwurf an den Käufer" two days later: the notary date follows.
  const board = async () =>
    (await (await page.request.get(`/api/projects/${projectId}/board`)).json()) as {
      tasks: { id: string; title: string; startDate: string }[];
    };
  const before = await board();
  const draft = before.tasks.find((x) => x.title === 'Notarentwurf an den Käufer');
  const notary = before.tasks.find((x) => x.title === 'Beurkundung beim Notar');
  await page.getByRole('tab', { name: 'Gantt' }).click();
  const bar = page.locator(`.bar-wrapper[data-id="${draft?.id}"] .bar`);
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  if (!box) throw new Error('no Gantt bar');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 50, box.y + box.height / 2, { steps: 10 });
  await page.mouse.move(box.x + box.width / 2 + 90, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByText(/abhängige Aufgaben? wurden? mitverschoben/)).toBeVisible();
  const after = await board();
  const movedDraft = after.tasks.find((x) => x.id === draft?.id);
  const movedNotary = after.tasks.find((x) => x.id === notary?.id);
  expect((movedDraft?.startDate ?? '') > (draft?.startDate ?? '')).toBe(true);
  expect((movedNotary?.startDate ?? '') > (notary?.startDate ?? '')).toBe(true);

  // 4. @mention Lena Mayer in a comment; she sees it in her bell.
  await page.getByRole('tab', { name: 'Kanban' }).click();
  const taskDialog = await openCard(page, 'Finanzierungsbestätigung einholen');
  const comment = taskDialog.getByLabel(/Kommentar schreiben/);
  await comment.click();
  await comment.pressSequentially('Bitte nachfassen @Len');
  await taskDialog.getByRole('button', { name: 'Lena Mayer' }).click();
  await taskDialog.getByRole('button', { name: 'Kommentieren' }).click();
  await expect(taskDialog.getByText('Bitte nachfassen @Lena Mayer')).toBeVisible();
  await taskDialog.getByRole('button', { name: 'Abbrechen' }).click();

  const agentContext = await browser.newContext({ locale: 'de-DE' });
  const agentPage = await agentContext.newPage();
  await signedIn(agentPage, AGENT_EMAIL);
  const bell = agentPage.getByTestId('notification-bell');
  // The agent may hold other unread notices (tasks due today, by the hour the suite runs): the
  // mention is looked for by its text below, not by the count.
  await expect(bell).toContainText(/[1-9]/);
  await bell.click();
  await agentPage
    .getByRole('button', { name: /hat Sie bei „Finanzierungsbestätigung einholen“ erwähnt/ })
    // A retry of this test finds the first try's mention as well.
    .first()
    .click();
  await expect(agentPage.getByRole('heading', { name: 'Aufgabe bearbeiten' })).toBeVisible();
  await expect(agentPage.getByRole('dialog').getByText('Bitte nachfassen @Lena Mayer')).toBeVisible();
  await agentContext.close();

  // 5. A rule "Dokument Energieausweis abgelegt → Aufgabe erledigt" fires on upload.
  await page.getByRole('button', { name: 'Neue Aufgabe' }).click();
  const newTask = page.getByRole('dialog', { name: 'Neue Aufgabe' });
  await newTask.getByLabel('Titel').fill('Energieausweis an Käufer übergeben');
  await newTask.getByRole('button', { name: 'Anlegen' }).click();
  await expect(
    column('Zu erledigen').locator('li[data-task="Energieausweis an Käufer übergeben"]').first(),
  ).toBeVisible();

  await page.goto('/projekte/automationen');
  await page.getByRole('button', { name: 'Neue Regel' }).click();
  const rule = page.getByRole('dialog', { name: 'Neue Regel' });
  await rule.getByLabel('Name').fill('Energieausweis abgelegt → Aufgabe erledigt');
  await rule.getByLabel('Wenn').selectOption('document.filed');
  await rule.getByRole('button', { name: 'Bedingung hinzufügen' }).click();
  await rule.getByLabel('Feld').selectOption('category');
  await rule.getByLabel('Wert').fill('energieausweis');
  await rule.getByLabel('Aktion').selectOption('complete_tasks');
  await rule.getByLabel('Titel enthält').fill('Energieausweis');
  await rule.getByRole('button', { name: 'Speichern' }).click();
  await expect(
    page.getByRole('button', { name: 'Energieausweis abgelegt → Aufgabe erledigt' }),
  ).toBeVisible();

  await page.goto(`/objekte/${property.id}?tab=documents`);
  await page.getByTestId('document-file-input').setInputFiles({
    name: 'energieausweis.pdf',
    mimeType: 'application/pdf',
    buffer: await energyCertificatePdf(),
  });
  await expect(page.getByText('1 Dokument(e) hochgeladen.')).toBeVisible();

  await page.goto('/projekte/automationen');
  await expect(page.getByText(/\d Aufgabe\(n\) mit „Energieausweis“ erledigt/).first()).toBeVisible({
    timeout: 60_000,
  });
  await page.goto(`/projekte/${projectId}`);
  await expect(
    column('Erledigt').locator('li[data-task="Energieausweis an Käufer übergeben"]').first(),
  ).toBeVisible();
});
