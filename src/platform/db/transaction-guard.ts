import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The embedded database has one lock. Code inside `withTenant` that queries through the owner
 * handle (`database.db`, `executeSql`, a job queue) waits for the lock its own open transaction
 * holds, and the whole server freezes without an error (issue 20: a webhook body read an
 * address that way). The guard marks the code running inside a transaction and turns such a
 * query into an immediate, explained error.
 */
interface OpenTransaction {
  open: boolean;
}

const openTransaction = new AsyncLocalStorage<OpenTransaction>();

export class QueryOutsideOpenTransactionError extends Error {
  constructor() {
    super(
      'A query on the owner connection ran while this code holds an open withTenant transaction; ' +
        'on the embedded database it would wait for that transaction forever. Use the transaction ' +
        'handle, or run the query after the transaction has closed.',
    );
    this.name = 'QueryOutsideOpenTransactionError';
  }
}

/** Runs `fn` as the body of an open transaction; the mark ends when the body does. */
export async function asTransactionBody<T>(fn: () => Promise<T>): Promise<T> {
  const marker: OpenTransaction = { open: true };
  try {
    return await openTransaction.run(marker, fn);
  } finally {
    // Work the body started without awaiting it runs on after the commit and may query freely.
    marker.open = false;
  }
}

/** Runs `fn` detached from the caller's transaction: event handlers start after the commit. */
export function detachedFromTransaction<T>(fn: () => T): T {
  return openTransaction.exit(fn);
}

export function assertNoOpenTransaction(): void {
  if (openTransaction.getStore()?.open) throw new QueryOutsideOpenTransactionError();
}

type ClientMethod = 'query' | 'exec' | 'transaction';
const GUARDED: ReadonlySet<PropertyKey> = new Set<ClientMethod>(['query', 'exec', 'transaction']);

/**
 * The same client, whose own query, exec and transaction refuse to run inside an open
 * transaction. Other methods are bound to the client itself (PGlite keeps private fields that a
 * proxy as `this` cannot reach).
 */
export function guardedClient<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!GUARDED.has(property)) return method.bind(target);
      return (...args: unknown[]) => {
        assertNoOpenTransaction();
        return method.apply(target, args);
      };
    },
  });
}
