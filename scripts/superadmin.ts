// `npm run superadmin -- grant <email> | revoke <email> | list`: who operates the platform (the
// /superadmin panel). Deliberately on the command line only: no route can make a super-admin.
import { loadConfig } from '../src/platform/config/load-config.js';
import { DataDirLockedError } from '../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import {
  listSuperadmins,
  setSuperadmin,
  UnknownAccountError,
} from '../src/platform/superadmin/grant-superadmin.js';

const [command, email] = process.argv.slice(2);
if (!(command === 'list' || ((command === 'grant' || command === 'revoke') && email))) {
  console.error('Usage: npm run superadmin -- grant <email> | revoke <email> | list');
  process.exit(2);
}
const database = await openDatabase(loadConfig()).catch((error: unknown) => {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`${error.message}\nStop the server (Ctrl+C), then run npm run superadmin again.`);
  process.exit(1);
});
try {
  if (command === 'list') {
    const rows = await listSuperadmins(database);
    if (rows.length === 0) console.log('No super-admins.');
    for (const row of rows) console.log(`${row.email}  (since ${row.grantedAt.toISOString()})`);
  } else {
    const changed = await setSuperadmin(database, email!, command === 'grant', 'npm run superadmin');
    console.log(
      `${email}: ${command === 'grant' ? 'super-admin' : 'no longer super-admin'}${changed ? '' : ' (unchanged)'}`,
    );
    // A running server keeps its answer for at most 30 seconds (cache).
  }
} catch (error) {
  if (!(error instanceof UnknownAccountError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
