import { describe, expect, it } from 'vitest';
import { siblingModule } from './module-url.js';

describe('siblingModule', () => {
  it('names the TypeScript source under tsx and the compiled file in the build', () => {
    expect(siblingModule('file:///app/src/modules/ai/server/reel-job.ts', './render/reel').href).toBe(
      'file:///app/src/modules/ai/server/render/reel.ts',
    );
    expect(siblingModule('file:///app/build/modules/ai/server/reel-job.js', './render/reel').href).toBe(
      'file:///app/build/modules/ai/server/render/reel.js',
    );
  });
});
