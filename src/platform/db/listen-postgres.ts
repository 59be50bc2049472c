import pg from 'pg';

const RETRY_MS = [250, 1000, 5000, 15_000];

/**
 * LISTEN on its own connection (a pooled one would be handed to other queries). When that
 * connection drops, notifications sent meanwhile are lost: `onGap` tells the caller so, on
 * every reconnect, and the connection is retried with growing pauses until `stop`.
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onGap: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    const lost = () => {
      if (stopped || client !== next) return;
      client = null;
      onGap();
      schedule();
    };
    next.on('error', lost);
    next.on('end', lost);
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
    attempt = 0;
  };
  const schedule = () => {
    if (stopped || timer) return;
    const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 15_000;
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      connect()
        .then(onGap)
        .catch(() => schedule());
    }, wait);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
