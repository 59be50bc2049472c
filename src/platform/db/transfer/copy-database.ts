import type { Database } from '../database.js';
import {
  insertRows,
  listTables,
  nonEmptyTables,
  normaliseSession,
  openSession,
  readPages,
  resetSequences,
  type SqlSession,
  type TableInfo,
  tableSum,
} from './table-copy.js';

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
  /** Count and checksum read back from the target equal the source's. */
  verified: boolean;
}

export interface CopyReport {
  tables: TableReport[];
  rows: number;
  /** `off`: constraint checks and triggers were paused for the copy (superuser); `ordered`: tables went parents first. */
  constraints: 'off' | 'ordered';
}

export class TargetNotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(
      `the target database already holds data (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ' …' : ''}); copy into an empty database only`,
    );
    this.name = 'TargetNotEmptyError';
  }
}

/** Tries to pause foreign-key checks and triggers for this session (needs superuser rights). */
async function pauseConstraints(session: SqlSession): Promise<boolean> {
  try {
    await session.query(`set session_replication_role = replica`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies every row of the application's tables from one database into an empty one of the same
 * schema, in one transaction on the target, then reads both back and compares each table's row
 * count and checksum. Any difference rolls the copy back.
 */
export async function copyDatabase(
  source: Database,
  target: Database,
  onTable?: (table: string, rows: number, index: number, total: number) => void,
): Promise<CopyReport> {
  const from = await openSession(source);
  const to = await openSession(target);
  try {
    await normaliseSession(from);
    await normaliseSession(to);
    const tables = await listTables(from);
    const targetTables = new Set((await listTables(to)).map((t) => t.name));
    const missing = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
    if (missing.length > 0)
      throw new Error(`the target lacks tables ${missing.join(', ')}: is it migrated to the same version?`);
    const filled = await nonEmptyTables(to, tables);
    if (filled.length > 0) throw new TargetNotEmptyError(filled);

    await to.query('begin');
    try {
      const paused = await pauseConstraints(to);
      let total = 0;
      for (const [index, table] of tables.entries()) {
        let copied = 0;
        for await (const page of readPages(from, table)) {
          await insertRows(to, table, page);
          copied += page.length;
        }
        total += copied;
        onTable?.(table.name, copied, index + 1, tables.length);
      }
      if (paused) await to.query('set session_replication_role = origin');
      await resetSequences(to);
      const report = await verify(from, to, tables);
      const wrong = report.filter((t) => !t.verified).map((t) => t.table);
      if (wrong.length > 0) throw new Error(`read back differently: ${wrong.join(', ')}; nothing was kept`);
      await to.query('commit');
      return { tables: report, rows: total, constraints: paused ? 'off' : 'ordered' };
    } catch (error) {
      await to.query('rollback').catch(() => undefined);
      throw error;
    }
  } finally {
    from.release();
    to.release();
  }
}

async function verify(from: SqlSession, to: SqlSession, tables: TableInfo[]): Promise<TableReport[]> {
  const report: TableReport[] = [];
  for (const table of tables) {
    const [a, b] = [await tableSum(from, table), await tableSum(to, table)];
    report.push({
      table: table.name,
      rows: a.rows,
      checksum: a.checksum,
      verified: a.rows === b.rows && a.checksum === b.checksum,
    });
  }
  return report;
}
