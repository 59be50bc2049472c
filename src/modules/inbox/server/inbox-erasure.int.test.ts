import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { inboxMailbox, inboxMessage } from '../schema.js';

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant();
});
afterAll(async () => {
  await t?.close();
});

// Regression: the contact row was deleted first (its messages' link set to null), so the erasure
// handler that deleted "messages of this contact" afterwards found none, and the mails stayed.
it('erasing a contact (GDPR Art. 17) deletes the mails it sent to the inbox', async () => {
  const created = await t.as(owner, {
    method: 'POST',
    url: '/api/crm/contacts',
    payload: { kind: 'person', firstName: 'Ina', lastName: 'Anfrage', email: 'ina@example.de' },
  });
  const contactId = created.json().id as string;
  await t.platform.database.withTenant(owner.tenantId, async (tx) => {
    const [box] = await tx
      .insert(inboxMailbox)
      .values({
        tenantId: owner.tenantId,
        label: 'Anfragen',
        imapHost: 'imap.example.de',
        username: 'anfragen',
        secretSealed: 'x',
      })
      .returning();
    await tx.insert(inboxMessage).values({
      tenantId: owner.tenantId,
      mailboxId: box!.id,
      uid: 1,
      fromAddress: 'ina@example.de',
      subject: 'Anfrage zu Ihrem Objekt',
      text: 'Meine Telefonnummer ist 0151 2345678.',
      receivedAt: new Date(),
      outcome: 'mail',
      contactId,
    });
  });
  expect((await t.as(owner, { method: 'DELETE', url: `/api/crm/contacts/${contactId}` })).statusCode).toBe(
    204,
  );
  await t.platform.events.drain();
  const left = await t.platform.database.withTenant(owner.tenantId, (tx) =>
    tx.select().from(inboxMessage).where(eq(inboxMessage.fromAddress, 'ina@example.de')),
  );
  expect(left).toEqual([]);
});
