import { type SealedPdf, type SealInput, sealSignedPdf } from './signature-seal.js';

/**
 * How signatures become a delivered PDF. The built-in provider gives simple electronic
 * signatures: the signer draws or types in the browser, we stamp and seal. A provider for
 * qualified signatures (a trust service such as sign-me or Skribble) implements the same
 * interface and adds `signingUrl`, so the signer page hands the signer to the trust service
 * instead of the drawing pad; its `seal` then fetches the provider's signed PDF.
 */
export interface SignatureProvider {
  readonly id: string;
  readonly level: 'einfach' | 'fortgeschritten' | 'qualifiziert';
  readonly label: string;
  seal(input: Omit<SealInput, 'providerLabel'>): Promise<SealedPdf>;
  signingUrl?(requestId: string, signerId: string): Promise<string>;
}

export const simpleSignatures: SignatureProvider = {
  id: 'einfach',
  level: 'einfach',
  label: 'Einfache elektronische Signatur',
  seal: (input) => sealSignedPdf({ ...input, providerLabel: 'Einfache elektronische Signatur' }),
};

export const SIGNATURE_PROVIDERS: ReadonlyMap<string, SignatureProvider> = new Map([
  [simpleSignatures.id, simpleSignatures],
]);
