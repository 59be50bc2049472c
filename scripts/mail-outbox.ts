// `npm run mail:outbox`: prints the newest e-mails of the outbox — how an operator without
// SMTP reads invitation and password-reset links. Usage: npm run mail:outbox [-- --limit 20]
import { desc } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config/load-config.js';
import { DataDirLockedError } from '../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { mailOutbox } from '../src/platform/mail/mail.schema.js';

const limitArg = process.argv.indexOf('--limit');
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) || 10 : 10;
const config = loadConfig();
const database = await openDatabase(config).catch((error: unknown) => {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`${error.message}\nStop the server (Ctrl+C), then run npm run mail:outbox again.`);
  process.exit(1);
});
const mails = await database.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
if (mails.length === 0) console.log('The outbox is empty.');
for (const mail of mails.reverse()) {
  console.log(`\n── ${mail.createdAt.toISOString()} · ${mail.status} · ${mail.purpose}`);
  console.log(`To: ${mail.toAddress}\nSubject: ${mail.subject}\n\n${mail.textBody}`);
  for (const a of mail.attachments) console.log(`\n[Anhang ${a.filename}, ${a.contentType}]\n${a.content}`);
}
await database.close();
