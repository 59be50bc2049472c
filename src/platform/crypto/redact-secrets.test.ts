import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets (issue 17.2)', () => {
  it('removes keys that provider error texts echo back', () => {
    // OpenAI's documented 401 text: "Incorrect API key provided: sk-…. You can find your API key at …"
    const openai =
      'Incorrect API key provided: sk-proj-abcDEF1234567890xyz. You can find your API key at https://platform.openai.com/account/api-keys.';
    expect(redactSecrets(openai)).toBe(
      'Incorrect API key provided: [entfernt]. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [entfernt]');
    expect(redactSecrets('API key not valid: AIzaSyA1234567890abcdefghijklmnop')).toBe(
      'API key not valid: [entfernt]',
    );
    expect(redactSecrets('token x-geheim-1 leaked', ['x-geheim-1'])).toBe('token [entfernt] leaked');
  });

  it('leaves ordinary text alone', () => {
    expect(
      redactSecrets('Rate limit reached for gpt-4o-mini in organization org-1 on tokens per min.'),
    ).toContain('gpt-4o-mini');
  });
});
