import type { ProviderConnection } from './connection.js';
import { fetchWithRetry, type RetryPolicy } from './http-with-retry.js';
import { AiProviderError } from './provider-error.js';

export interface StabilityImage {
  bytes: Buffer;
  contentType: string;
  seed: string | null;
}

/** `core` and `ultra` have their own endpoints; the SD 3.5 models share `sd3` with a model field. */
const endpointOf = (model: string) => (model === 'core' || model === 'ultra' ? model : 'sd3');

/**
 * Stability AI Stable Image (`POST {base}/v2beta/stable-image/generate/{core|ultra|sd3}`):
 * multipart form, bearer key, `Accept: image/*` for the raw image; a filtered result comes
 * back as 200 with `finish-reason: CONTENT_FILTERED` and is refused here.
 */
export async function stabilityGenerate(
  c: ProviderConnection,
  input: { prompt: string; aspectRatio: '1:1' | '9:16' | '16:9'; negativePrompt?: string },
  policy: RetryPolicy,
): Promise<StabilityImage> {
  const form = new FormData();
  form.set('prompt', input.prompt);
  form.set('aspect_ratio', input.aspectRatio);
  form.set('output_format', 'png');
  if (input.negativePrompt) form.set('negative_prompt', input.negativePrompt);
  if (endpointOf(c.model) === 'sd3') form.set('model', c.model);
  const response = await fetchWithRetry(
    'stability',
    `${c.baseUrl.replace(/\/$/, '')}/v2beta/stable-image/generate/${endpointOf(c.model)}`,
    { method: 'POST', headers: { authorization: `Bearer ${c.apiKey ?? ''}`, accept: 'image/*' }, body: form },
    policy,
  );
  if (response.headers.get('finish-reason') === 'CONTENT_FILTERED')
    throw new AiProviderError(
      'stability',
      200,
      'stability: Das Bild wurde vom Inhaltsfilter des Anbieters zurückgehalten.',
      false,
    );
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? 'image/png',
    seed: response.headers.get('seed'),
  };
}
