import type { Platform } from '../../../platform/kernel.js';
import type { TestApp, TestUser } from '../../../platform/testing/test-app.js';
import { aiGeneration } from '../../ai/schema.js';
import { makeJpeg, seeblickWohnung } from '../../crm/test/fixtures.js';

/** A listing photo, uploaded as a broker does; posts name it `{ source: 'crm.property-media', id }`. */
export async function propertyPhoto(t: TestApp, user: TestUser, jpeg?: Buffer): Promise<string> {
  const created = await t.as(user, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
  const upload = await t.as(user, {
    method: 'POST',
    url: `/api/crm/properties/${created.json().id}/media`,
    payload: jpeg ?? (await makeJpeg(1080, 1080)),
    headers: { 'content-type': 'image/jpeg' },
  });
  if (upload.statusCode !== 201) throw new Error(`photo upload failed: ${upload.body}`);
  return upload.json().id;
}

/**
 * A reel as the AI studio stores it (the render itself is tested in the AI module); posts name
 * it `{ source: 'ai.generation-file', id }` with the id returned here.
 */
export async function storedReel(
  platform: Platform,
  tenantId: string,
  data: Buffer = Buffer.concat([Buffer.from([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]), Buffer.alloc(4096, 3)]),
  durationSeconds = 21,
): Promise<string> {
  const key = `ai/${tenantId}/test-${Math.random().toString(36).slice(2)}.mp4`;
  await platform.files.put(key, data);
  const [row] = await platform.database.db
    .insert(aiGeneration)
    .values({
      tenantId,
      kind: 'video',
      type: 'reel',
      provider: 'offline',
      model: 'ffmpeg',
      status: 'fertig',
      input: { type: 'reel' },
      outputFiles: [
        {
          key,
          contentType: 'video/mp4',
          label: 'Reel 1080 × 1920',
          sizeBytes: data.length,
          width: 1080,
          height: 1920,
          durationSeconds,
        },
      ],
    })
    .returning({ id: aiGeneration.id });
  return `${row?.id}:0`;
}

/** Lets the Graph fake fetch media the way Meta's servers do: by URL, without our cookies. */
export const fetchThroughApp = (t: TestApp) => async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    bytes: response.rawPayload.length,
  };
};
