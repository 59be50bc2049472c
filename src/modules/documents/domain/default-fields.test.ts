import { describe, expect, it } from 'vitest';
import { defaultFields } from './default-fields.js';

describe('default signature fields', () => {
  it('puts each signer on the last page, inside the page, without overlapping another signer', () => {
    const all = Array.from({ length: 10 }, (_, i) => defaultFields(i, 3)).flat();
    for (const f of all) {
      expect(f.page).toBe(3);
      expect(f.x + f.width).toBeLessThanOrEqual(1);
      expect(f.y + f.height).toBeLessThanOrEqual(1);
      expect(f.y).toBeGreaterThanOrEqual(0);
    }
    const overlaps = (a: (typeof all)[number], b: (typeof all)[number]) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i] as never, all[j] as never)).toBe(false);
  });
});
