import { describe, expect, it } from 'vitest';
import type { AccountView } from '../contract.js';
import {
  type ComposerState,
  defaultPhotos,
  emptyVariant,
  issuesOf,
  type PoolMedia,
  poolKey,
  toBody,
} from './composer-state.js';

const photo = (n: number, extra: Partial<PoolMedia> = {}): PoolMedia => ({
  kind: 'image',
  source: 'crm.property-media',
  id: `00000000-0000-4000-8000-00000000000${n}`,
  previewUrl: `/api/crm/media/${n}/web`,
  altText: `Foto ${n}`,
  width: 1200,
  height: 900,
  sizeBytes: 200_000,
  ...extra,
});
const account = (id: string, platform: AccountView['platform']): AccountView => ({
  id,
  platform,
  mode: 'sandbox',
  name: id,
  externalId: id,
  status: 'verbunden',
  statusMessage: null,
  followers: null,
  createdAt: '2026-11-24T10:00:00Z',
});

describe('composer state', () => {
  it('picks photos but never floor plans by default, as many as the platform shows well', () => {
    const pool = [photo(1, { isFloorplan: true }), ...[2, 3, 4, 5, 6, 7, 8].map((n) => photo(n))];
    expect(defaultPhotos('facebook', pool)).toEqual([2, 3, 4, 5].map((n) => poolKey(photo(n))));
    expect(defaultPhotos('instagram', pool)).toHaveLength(6);
    expect(defaultPhotos('tiktok', pool)).toEqual([]);
  });

  it('checks each variant with the platform rules, using the chosen media’s sizes', () => {
    const pool = [photo(1, { width: 1080, height: 2400 })];
    const tall = { ...emptyVariant(), text: 'Hallo', media: pool.map(poolKey) };
    expect(issuesOf('instagram', tall, pool).map((i) => i.code)).toContain('aspect_ratio');
    expect(issuesOf('facebook', tall, pool)).toEqual([]);
    expect(issuesOf('facebook', emptyVariant(), pool).map((i) => i.code)).toEqual(['text_required']);
  });

  it('builds the API body for the chosen channels only, with a link only where the platform uses one', () => {
    const state: ComposerState = {
      title: '  Seeblick  ',
      propertyId: '',
      pool: [photo(1)],
      variants: {
        fb: { ...emptyVariant(), text: 'A', link: 'https://x.example', media: [poolKey(photo(1))] },
        ig: { ...emptyVariant(), text: 'B', link: 'https://x.example', firstComment: ' #tag ' },
      },
    };
    const body = toBody(state, [
      account('fb', 'facebook'),
      account('ig', 'instagram'),
      account('li', 'linkedin'),
    ]);
    expect(body.title).toBe('Seeblick');
    expect(body.propertyId).toBeNull();
    expect(body.targets.map((x) => x.accountId)).toEqual(['fb', 'ig']);
    expect(body.targets[0]).toMatchObject({
      link: 'https://x.example',
      // Media go by reference only: no storage key, no address, no client-claimed size.
      media: [{ source: 'crm.property-media', id: photo(1).id, altText: 'Foto 1' }],
    });
    expect(Object.keys(body.targets[0]?.media[0] ?? {}).sort()).toEqual(['altText', 'id', 'source']);
    expect(body.targets[1]).toMatchObject({ link: undefined, firstComment: '#tag' });
  });
});
