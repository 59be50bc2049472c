// A second server for the sign-up flow: a platform for many offices (MODULE_MULTI_TENANT) on an
// empty database, whose mails go over real SMTP to a sink that files each one as JSON, so the
// test reads the confirmation link the way the broker would, from the mail.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const dataDir = process.env.DATA_DIR ?? './data-e2e-signup';
rmSync(dataDir, { recursive: true, force: true });
const mailDir = join(dataDir, 'e2e-mails');
mkdirSync(mailDir, { recursive: true });
let received = 0;
const sink = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received += 1;
        const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
        writeFileSync(
          join(mailDir, `${String(received).padStart(4, '0')}.json`),
          JSON.stringify({ to, subject: mail.subject, text: mail.text }),
        );
        callback();
      })
      .catch(callback);
  },
});
const smtpPort = Number(new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:2526').port);
await new Promise((resolve) => sink.listen(smtpPort, '127.0.0.1', resolve));
// Stripe, when the test pays: the strict API fake with its hosted Checkout page, which delivers
// the signed events to this server's webhook as Stripe would (run with `node --import tsx`).
if (process.env.E2E_STRIPE_PORT) {
  const { startStripeFake } = await import('../src/modules/billing/test/stripe-fake.ts');
  const { PLANS } = await import('../src/platform/plans/plan-catalogue.ts');
  await startStripeFake({
    secretKey: process.env.STRIPE_SECRET_KEY,
    prices: {
      [process.env.STRIPE_PRICE_PROFESSIONAL]: 'prod_immoxx',
      [process.env.STRIPE_PRICE_ENTERPRISE]: 'prod_immoxx',
    },
    hostedCheckout: {
      port: Number(process.env.E2E_STRIPE_PORT),
      webhookUrl: `http://127.0.0.1:${process.env.PORT}/api/billing/webhook`,
      webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
      priceAmounts: {
        [process.env.STRIPE_PRICE_PROFESSIONAL]: PLANS.professional.monthlyPriceCents,
        [process.env.STRIPE_PRICE_ENTERPRISE]: PLANS.enterprise.monthlyPriceCents,
      },
    },
  });
}
await import('../scripts/start.mjs');
