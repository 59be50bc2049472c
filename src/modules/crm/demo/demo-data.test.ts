import { describe, expect, it } from 'vitest';
import { demoImages, exteriorSvg } from './demo-photos.js';
import { demoProperties } from './demo-properties.js';
import { createRandom } from './random.js';

/** Issue 18.16: demo data that survives a broker's eye. */
describe('demo data', () => {
  const listings = demoProperties(createRandom(20261124), 'tenant', ['agent'], 200);

  it('puts attic flats and penthouses on the top floor and ground-floor flats on floor 0', () => {
    const flats = listings.filter((p) => p.objectType === 'wohnung');
    for (const flat of flats) {
      expect(flat.floor).not.toBeNull();
      expect(flat.floor as number).toBeLessThan(flat.totalFloors as number);
      if (flat.objectSubtype === 'dachgeschoss' || flat.objectSubtype === 'penthouse')
        expect(flat.floor).toBe((flat.totalFloors as number) - 1);
      if (flat.objectSubtype === 'erdgeschoss') expect(flat.floor).toBe(0);
    }
    expect(flats.some((f) => f.objectSubtype === 'dachgeschoss')).toBe(true);
  });

  it('shows a plot as a plot: meadow with survey stakes, no house; one picture only', async () => {
    const plot = exteriorSvg(createRandom(7), 'plot', true);
    const house = exteriorSvg(createRandom(7), 'haus', true);
    // The house's roof polygon starts at (470,490); the plot has stakes and a fence instead.
    expect(house).toContain('points="470,490');
    expect(plot).not.toContain('points="470,490');
    expect(plot).toContain('fill="#dc2626"');
    expect((await demoImages(createRandom(7), 'grundstueck', null, true)).map((i) => i.kind)).toEqual([
      'photo',
    ]);
  });
});
