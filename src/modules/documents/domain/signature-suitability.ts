import type { DocumentCategory } from './categories.js';

/**
 * Whether a simple electronic signature (SES) fits a document. A property purchase contract and
 * a declaration of division need a notary (§ 311b Abs. 1 BGB, § 8 WEG with § 29 GBO); registers,
 * maps and certificates are not signed at all. Reservation agreements, broker contracts (text
 * form, § 656a BGB), hand-over protocols and the like may be signed with an SES.
 */
export type SignatureSuitability =
  | { allowed: true; note: string | null }
  | { allowed: false; code: 'notary_required' | 'not_signed'; reason: string };

const NOTARIAL: Partial<Record<DocumentCategory, string>> = {
  kaufvertrag:
    'Ein Kaufvertrag über ein Grundstück oder eine Wohnung muss notariell beurkundet werden (§ 311b Abs. 1 BGB); eine elektronische Unterschrift reicht dafür nicht. Den Entwurf schickt das Notariat; zur Unterschrift treffen sich die Parteien beim Notartermin.',
  teilungserklaerung:
    'Eine Teilungserklärung wird notariell beglaubigt oder beurkundet (§ 8 WEG, § 29 GBO); eine elektronische Unterschrift reicht dafür nicht.',
};

const NOT_SIGNED = new Set<DocumentCategory>([
  'energieausweis',
  'grundriss',
  'grundbuchauszug',
  'flurkarte',
  'fotos',
]);

export function signatureSuitability(category: DocumentCategory): SignatureSuitability {
  const notarial = NOTARIAL[category];
  if (notarial) return { allowed: false, code: 'notary_required', reason: notarial };
  if (NOT_SIGNED.has(category))
    return {
      allowed: false,
      code: 'not_signed',
      reason: 'Unterlagen dieser Art (Ausweise, Pläne, Registerauszüge, Fotos) werden nicht unterschrieben.',
    };
  if (category === 'mietvertrag')
    return {
      allowed: true,
      note: 'Ein Mietvertrag über mehr als ein Jahr braucht die Schriftform (§ 550 BGB); mit einfacher elektronischer Unterschrift gilt er als auf unbestimmte Zeit geschlossen. Für eine feste Laufzeit bitte auf Papier oder qualifiziert elektronisch unterschreiben.',
    };
  return { allowed: true, note: null };
}
