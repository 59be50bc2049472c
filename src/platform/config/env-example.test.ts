import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from './env.js';

describe('.env.example', () => {
  it('documents every variable the server reads, each with a comment', () => {
    const lines = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8').split('\n');
    for (const variable of Object.keys(envSchema.shape)) {
      const index = lines.findIndex((line) => line.startsWith(`${variable}=`));
      expect(index, `${variable} missing in .env.example`).toBeGreaterThan(0);
      expect(lines[index - 1]?.startsWith('#'), `${variable} needs a comment line above it`).toBe(true);
    }
  });
});
