import type { RoomType } from '../domain/building-model.js';

export interface MaterialSpec {
  /** Linear RGB, 0–1. */
  color: [number, number, number];
  roughness: number;
  /** Below 1 for glass. */
  opacity: number;
}

/** Simple, recognisable materials: light walls, oak floors in living rooms, tiles in wet rooms. */
export const MATERIALS = {
  fassade: { color: [0.92, 0.9, 0.86], roughness: 0.95, opacity: 1 },
  innenwand: { color: [0.97, 0.97, 0.95], roughness: 0.9, opacity: 1 },
  parkett: { color: [0.62, 0.45, 0.28], roughness: 0.6, opacity: 1 },
  fliesen: { color: [0.78, 0.8, 0.82], roughness: 0.35, opacity: 1 },
  estrich: { color: [0.68, 0.68, 0.66], roughness: 0.9, opacity: 1 },
  holzdeck: { color: [0.55, 0.4, 0.27], roughness: 0.8, opacity: 1 },
  decke: { color: [0.98, 0.98, 0.98], roughness: 0.95, opacity: 1 },
  glas: { color: [0.6, 0.8, 0.95], roughness: 0.05, opacity: 0.35 },
  treppe: { color: [0.5, 0.36, 0.22], roughness: 0.6, opacity: 1 },
} as const satisfies Record<string, MaterialSpec>;
export type MaterialName = keyof typeof MATERIALS;

export function floorMaterial(type: RoomType): MaterialName {
  switch (type) {
    case 'bad':
    case 'wc':
    case 'kochen':
    case 'hauswirtschaft':
      return 'fliesen';
    case 'abstellraum':
      return 'estrich';
    case 'balkon':
    case 'terrasse':
      return 'holzdeck';
    case 'treppe':
      return 'treppe';
    default:
      return 'parkett';
  }
}
