// The embedded database on its own thread (issue 19): PGlite's WebAssembly PostgreSQL and its
// wire-protocol parsing ran on the thread that also serves every HTTP request, so one list query
// held up all others. Here it runs in a worker thread; `pglite-remote.ts` is the other end.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { TransactionStart, WorkerReply, WorkerRequest } from './pglite-protocol.js';
import { serializeError } from './pglite-protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-worker runs only as a worker thread');

const { dataDir, postgresqlconf } = workerData as { dataDir: string; postgresqlconf: string };
const db = await PGlite.create({ dataDir, postgresqlconf, extensions: { pg_trgm } });

/** Drizzle reads dates and intervals as the text PostgreSQL prints (its own mapping follows). */
const RAW_TEXT = (value: string) => value;
const DRIZZLE_PARSERS = {
  [types.TIMESTAMP]: RAW_TEXT,
  [types.TIMESTAMPTZ]: RAW_TEXT,
  [types.INTERVAL]: RAW_TEXT,
  [types.DATE]: RAW_TEXT,
  1231: RAW_TEXT, // numeric[]
  1115: RAW_TEXT, // timestamp[]
  1185: RAW_TEXT, // timestamptz[]
  1187: RAW_TEXT, // interval[]
  1182: RAW_TEXT, // date[]
};

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<unknown>;
}
const transactions = new Map<number, OpenTransaction>();
let nextTx = 1;

const reply = (message: WorkerReply) => port.postMessage(message);

class Rollback extends Error {}

/** Opens a transaction that stays open until an `end` message settles it. */
async function begin(start: TransactionStart): Promise<number> {
  const txId = nextTx++;
  let opened!: () => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  const done: Promise<unknown> = db.transaction(async (tx) => {
    for (const step of start.setup) await tx.query(step.sql, step.params);
    return new Promise<void>((resolve, reject) => {
      transactions.set(txId, { tx, finish: (commit) => (commit ? resolve() : reject(new Rollback())), done });
      opened();
    });
  });
  // A failing setup rejects `done` before the transaction was ever handed out.
  done.catch((error: unknown) => failed(error));
  await ready;
  return txId;
}

/** Ends a transaction: COMMIT, or ROLLBACK (then the Rollback rejection is expected). */
async function end(txId: number, commit: boolean): Promise<void> {
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaktion ist bereits beendet');
  transactions.delete(txId);
  open.finish(commit);
  try {
    await open.done;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

function target(txId: number | undefined): Transaction | PGlite {
  if (!txId) return db;
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaktion ist bereits beendet');
  return open.tx;
}

async function handle(request: WorkerRequest): Promise<void> {
  let opened: number | undefined;
  try {
    switch (request.op) {
      case 'query':
      case 'exec': {
        if (request.begin) opened = await begin(request.begin);
        const on = target(opened ?? request.tx);
        const value =
          request.op === 'query'
            ? await on.query(request.sql, request.params, {
                rowMode: request.rowMode,
                ...(request.drizzleParsers ? { parsers: DRIZZLE_PARSERS } : {}),
              })
            : await on.exec(request.sql);
        reply({ id: request.id, ok: true, value, ...(opened ? { tx: opened } : {}) });
        return;
      }
      case 'end': {
        await end(request.tx, request.commit);
        reply({ id: request.id, ok: true, value: null });
        return;
      }
      case 'listen': {
        await db.listen(request.channel, (payload) =>
          port?.postMessage({ notify: request.channel, payload } satisfies WorkerReply),
        );
        reply({ id: request.id, ok: true, value: null });
        return;
      }
      case 'close': {
        await db.close();
        reply({ id: request.id, ok: true, value: null });
        return;
      }
    }
  } catch (error) {
    // A transaction whose first statement failed is aborted; it is rolled back here, as the
    // caller never learnt its id.
    if (opened) await end(opened, false).catch(() => undefined);
    reply({ id: request.id, ok: false, error: serializeError(error) });
  }
}

port.on('message', (request: WorkerRequest) => void handle(request));
reply({ ready: true });
