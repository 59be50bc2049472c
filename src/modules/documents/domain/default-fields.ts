import type { SignatureField } from '../schema.js';

/**
 * Where signatures go when the sender placed none: at the foot of the last page, two
 * signers per row (signature line and date), rows stacked upwards.
 */
export function defaultFields(signerIndex: number, lastPage: number): SignatureField[] {
  const column = signerIndex % 2;
  const row = Math.floor(signerIndex / 2);
  const x = 0.07 + column * 0.45;
  const y = 0.86 - row * 0.09;
  return [
    { kind: 'signatur', page: lastPage, x, y, width: 0.27, height: 0.07 },
    { kind: 'datum', page: lastPage, x: x + 0.28, y: y + 0.035, width: 0.13, height: 0.035 },
  ];
}
