import type { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import { siblingModule } from '../threads/module-url.js';
import { startWorker } from '../threads/start-worker.js';
import {
  deserializeError,
  type TransactionStart,
  type WorkerReply,
  type WorkerRequest,
} from './pglite-protocol.js';

function queryRequest(
  sql: string,
  params: unknown[],
  options: { rowMode?: 'array' | 'object'; parsers?: object },
): Request {
  return {
    op: 'query',
    sql,
    params,
    rowMode: options.rowMode ?? 'object',
    // Drizzle always passes the same parsers (dates as text); functions cannot cross threads.
    drizzleParsers: options.parsers !== undefined,
  };
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** What drizzle's PGlite driver and ImmoXX call on a PGlite client, over the worker boundary. */
export interface RemoteQueryable {
  query<T>(
    sql: string,
    params?: unknown[],
    options?: { rowMode?: 'array' | 'object'; parsers?: object },
  ): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

/**
 * The server thread's end of the PGlite worker: the subset of PGlite's client API that drizzle
 * uses (query, exec, transaction), plus LISTEN. A transaction is one BEGIN … COMMIT in the
 * worker, which holds PGlite's lock meanwhile, exactly as an in-thread PGlite transaction does.
 */
export class RemotePglite implements RemoteQueryable {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private exited: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerReply) => {
      if ('notify' in message) {
        for (const listener of this.listeners.get(message.notify) ?? []) listener(message.payload);
        return;
      }
      if (!('id' in message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve({ value: message.value, tx: message.tx });
      else waiting.reject(deserializeError(message.error));
    });
    const fail = (error: Error) => {
      this.exited = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Die eingebettete Datenbank wurde beendet (Code ${code}).`)));
  }

  static async start(dataDir: string, postgresqlconf: string): Promise<RemotePglite> {
    const worker = startWorker(siblingModule(import.meta.url, './pglite-worker'), {
      dataDir,
      postgresqlconf,
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerReply) => {
        if ('ready' in message) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new RemotePglite(worker);
  }

  private call<T>(request: Request): Promise<T> {
    return this.callWithTx<T>(request).then((reply) => reply.value);
  }

  /** Sends a request; the reply's value, and the id of the transaction it opened, if it did. */
  private callWithTx<T>(request: Request): Promise<{ value: T; tx?: number }> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  query<T>(
    sql: string,
    params: unknown[] = [],
    options: { rowMode?: 'array' | 'object'; parsers?: object } = {},
  ): Promise<Results<T>> {
    return this.call<Results<T>>(queryRequest(sql, params, options));
  }

  exec(sql: string): Promise<Results[]> {
    return this.call<Results[]>({ op: 'exec', sql });
  }

  /**
   * BEGIN goes out with the first statement (and `start.setup` before it), so a request's
   * transaction holds the embedded database's lock for as few trips between threads as
   * possible: a list request is two, its query and the COMMIT. A transaction that issues no
   * statement never begins.
   */
  async transaction<T>(
    fn: (tx: RemoteQueryable) => Promise<T>,
    start: TransactionStart = { setup: [] },
  ): Promise<T> {
    let txId: number | null = null;
    let opening: Promise<unknown> | null = null;
    let failedToOpen = false;
    const send = async <R>(request: Request): Promise<R> => {
      if (txId === null && opening) await opening.catch(() => undefined);
      if (failedToOpen) throw new Error('Die Transaktion wurde nach einem Fehler abgebrochen.');
      if (txId !== null) return this.call<R>({ ...request, tx: txId } as Request);
      const first = this.callWithTx<R>({ ...request, begin: start } as Request);
      opening = first;
      try {
        const { value, tx } = await first;
        txId = tx ?? null;
        return value;
      } catch (error) {
        failedToOpen = true;
        throw error;
      }
    };
    const tx: RemoteQueryable = {
      query: (sql, params, options) => send(queryRequest(sql, params ?? [], options ?? {})),
      exec: (sql) => send({ op: 'exec', sql }),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      if (opening) await (opening as Promise<unknown>).catch(() => undefined);
      if (txId !== null) await this.call({ op: 'end', tx: txId, commit: false }).catch(() => undefined);
      throw error;
    }
    if (opening) await (opening as Promise<unknown>).catch(() => undefined);
    if (txId !== null) await this.call({ op: 'end', tx: txId, commit: true });
    return result;
  }

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.call({ op: 'listen', channel });
    }
    set.add(callback);
    return async () => {
      set.delete(callback);
    };
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}
