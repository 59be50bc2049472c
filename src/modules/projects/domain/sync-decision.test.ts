import { describe, expect, it } from 'vitest';
import { decideSync } from './sync-decision.js';

const at = (time: string) => new Date(`2026-12-03T${time}:00Z`);

describe('decideSync', () => {
  it('creates what is unknown', () => {
    expect(decideSync(null, at('10:00'))).toEqual({ kind: 'create' });
  });

  it('takes a newer change of a record nobody touched here since the last sync', () => {
    const state = { updatedAt: at('10:01'), externalUpdatedAt: at('10:00'), syncedAt: at('10:01') };
    expect(decideSync(state, at('10:05'))).toEqual({ kind: 'apply' });
  });

  it('answers the same change sent twice as unchanged, and an older one as stale', () => {
    const state = { updatedAt: at('10:01'), externalUpdatedAt: at('10:00'), syncedAt: at('10:01') };
    expect(decideSync(state, at('10:00'))).toEqual({ kind: 'unchanged' });
    expect(decideSync(state, at('09:59'))).toEqual({ kind: 'conflict', reason: 'stale' });
  });

  it('refuses a change made before an edit here, and takes one made after it', () => {
    const state = { updatedAt: at('10:30'), externalUpdatedAt: at('10:00'), syncedAt: at('10:01') };
    expect(decideSync(state, at('10:20'))).toEqual({ kind: 'conflict', reason: 'edited_here' });
    expect(decideSync(state, at('10:40'))).toEqual({ kind: 'apply' });
  });

  it('treats a record made in ImmoXX and never synced as edited here', () => {
    const state = { updatedAt: at('10:30'), externalUpdatedAt: null, syncedAt: null };
    expect(decideSync(state, at('10:00'))).toEqual({ kind: 'conflict', reason: 'edited_here' });
    expect(decideSync(state, at('11:00'))).toEqual({ kind: 'apply' });
  });
});
