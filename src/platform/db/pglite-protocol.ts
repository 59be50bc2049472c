/** Messages between the server thread and the PGlite worker thread (see pglite-worker.ts). */
export type WorkerRequest =
  | {
      id: number;
      op: 'query';
      sql: string;
      params: unknown[];
      rowMode: 'array' | 'object';
      drizzleParsers: boolean;
      tx?: number;
      begin?: TransactionStart;
    }
  | { id: number; op: 'exec'; sql: string; tx?: number; begin?: TransactionStart }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'close' };

/**
 * Sent along with a transaction's first statement, so BEGIN, the setup (role and tenant) and
 * that statement cost one trip between the threads instead of three.
 */
export interface TransactionStart {
  setup: { sql: string; params: unknown[] }[];
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown; tx?: number }
  | { id: number; ok: false; error: SerializedError }
  | { notify: string; payload: string }
  | { ready: true };

/** The fields of a PostgreSQL error worth keeping across the thread boundary. */
const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, unknown> = {};
  for (const key of ERROR_FIELDS) {
    const value = (e as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), fields };
}

/** An Error with the PostgreSQL fields (code, constraint …) as node-postgres' DatabaseError has them. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  return Object.assign(error, serialized.fields);
}
