import { z } from 'zod';
import type { ProviderConnection } from './connection.js';
import { fetchWithRetry, type RetryPolicy } from './http-with-retry.js';
import { AiProviderError } from './provider-error.js';

export const RUNWAY_API_VERSION = '2024-11-06';

const taskSchema = z.object({
  id: z.string(),
  status: z.enum(['PENDING', 'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  progress: z.number().optional(),
  output: z.array(z.string()).optional(),
  failure: z.string().optional(),
  failureCode: z.string().optional(),
});
export type RunwayTask = z.infer<typeof taskSchema>;

const headers = (c: ProviderConnection) => ({
  authorization: `Bearer ${c.apiKey ?? ''}`,
  'x-runway-version': RUNWAY_API_VERSION,
  'content-type': 'application/json',
});
const base = (c: ProviderConnection) => c.baseUrl.replace(/\/$/, '');

/** Starts an image-to-video task (`POST /v1/image_to_video`) and returns its id. */
export async function runwayStart(
  c: ProviderConnection,
  input: { promptImage: string; promptText?: string; duration: 5 | 10; ratio: '720:1280' | '1280:720' },
  policy: RetryPolicy,
): Promise<string> {
  const response = await fetchWithRetry(
    'runway',
    `${base(c)}/v1/image_to_video`,
    { method: 'POST', headers: headers(c), body: JSON.stringify({ model: c.model, ...input }) },
    policy,
  );
  const body = z.object({ id: z.string() }).safeParse(await response.json());
  if (!body.success)
    throw new AiProviderError('runway', response.status, 'runway: Antwort ohne Task-ID', true);
  return body.data.id;
}

/** Reads a task (`GET /v1/tasks/{id}`); the caller polls until SUCCEEDED, FAILED or CANCELLED. */
export async function runwayTask(
  c: ProviderConnection,
  id: string,
  policy: RetryPolicy,
): Promise<RunwayTask> {
  const response = await fetchWithRetry(
    'runway',
    `${base(c)}/v1/tasks/${encodeURIComponent(id)}`,
    { headers: headers(c) },
    policy,
  );
  const task = taskSchema.safeParse(await response.json());
  if (!task.success)
    throw new AiProviderError('runway', response.status, 'runway: unerwartete Task-Antwort', true);
  return task.data;
}

/** Downloads the finished video from the (short-lived) output URL. */
export async function runwayDownload(url: string, policy: RetryPolicy): Promise<Buffer> {
  const response = await fetchWithRetry('runway', url, {}, policy);
  return Buffer.from(await response.arrayBuffer());
}
