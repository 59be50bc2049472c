// `npm run plan -- <office> <free|professional|enterprise|none>`: puts an office on a plan (or takes
// it off plans: no limits), as the operator does while payments are not run through a provider.
// The office is named by its address name (slug), as in /impressum/<slug>.
import { loadConfig } from '../src/platform/config/load-config.js';
import { DataDirLockedError } from '../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { assignPlan, UnknownOfficeError } from '../src/platform/plans/plan-assignment.js';
import { PLAN_IDS, type PlanId } from '../src/platform/plans/plan-catalogue.js';

const [slug, planArg] = process.argv.slice(2);
const plan = planArg === 'none' ? null : (planArg as PlanId | undefined);
if (!slug || (plan !== null && !PLAN_IDS.includes(plan as PlanId))) {
  console.error(`Usage: npm run plan -- <office-slug> <${PLAN_IDS.join('|')}|none>`);
  process.exit(2);
}
const database = await openDatabase(loadConfig()).catch((error: unknown) => {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`${error.message}\nStop the server (Ctrl+C), then run npm run plan again.`);
  process.exit(1);
});
try {
  const { before } = await assignPlan(database, slug, plan as PlanId | null, 'Betreiber (npm run plan)');
  console.log(`${slug}: ${before ?? 'none'} → ${plan ?? 'none'}`);
} catch (error) {
  if (!(error instanceof UnknownOfficeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
