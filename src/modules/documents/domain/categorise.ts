import type { DocumentCategory } from './categories.js';

export interface CategoryGuess {
  category: DocumentCategory;
  /** 0–1: how clearly the winning category stands out from the rest. */
  confidence: number;
  /** The words that decided it, for the UI ("erkannt an: Energieausweis, Endenergiebedarf"). */
  reason: string[];
}

/** Words and phrases that mark a category, with a weight; matched case-insensitively in text and file name. */
const RULES: Record<Exclude<DocumentCategory, 'sonstiges' | 'fotos'>, Array<[RegExp, number]>> = {
  energieausweis: [
    [/energie(?:bedarfs|verbrauchs)?ausweis/giu, 3],
    [/endenergie(?:bedarf|verbrauch)/giu, 2],
    [/energieeffizienzklasse/giu, 2],
    [/primärenergie/giu, 1],
    [/gebäudeenergiegesetz|\bGEG\b|\bEnEV\b/gu, 1],
  ],
  grundbuchauszug: [
    [/grundbuch(?:auszug|blatt)?/giu, 3],
    [/bestandsverzeichnis/giu, 2],
    [/abteilung\s+(?:I{1,3}|[123])\b/giu, 1],
    [/amtsgericht/giu, 1],
  ],
  teilungserklaerung: [
    [/teilungserklärung/giu, 3],
    [/gemeinschaftsordnung/giu, 2],
    [/sondereigentum/giu, 1],
    [/miteigentumsanteil/giu, 1],
  ],
  kaufvertrag: [
    [/kaufvertrag/giu, 3],
    [/urkundenrolle|\bUR-?Nr/giu, 2],
    [/auflassung(?:svormerkung)?/giu, 2],
    [/kaufpreis/giu, 1],
    [/notar(?:in)?\b/giu, 1],
  ],
  mietvertrag: [
    [/mietvertrag/giu, 3],
    [/mietsache|mietzins|kaltmiete/giu, 1],
    [/\bvermieter(?:in)?\b/giu, 1],
    [/\bmieter(?:in)?\b/giu, 1],
  ],
  flurkarte: [
    [/flurkarte|liegenschaftskarte/giu, 3],
    [/flurstück/giu, 1],
    [/gemarkung/giu, 1],
  ],
  baubeschreibung: [
    [/baubeschreibung|bau- und leistungsbeschreibung/giu, 3],
    [/rohbau|estrich|dachdeckung|fenster(?:elemente)?/giu, 1],
  ],
  weg_protokoll: [
    [/(?:eigentümer|wohnungseigentümer)versammlung/giu, 3],
    [/versammlungsprotokoll|beschlusssammlung/giu, 3],
    [/tagesordnungspunkt|\bTOP\s+\d/gu, 1],
    [/beschluss(?:fassung|antrag)?\b/giu, 1],
  ],
  nebenkostenabrechnung: [
    [/(?:neben|betriebs)kostenabrechnung/giu, 3],
    [/abrechnungszeitraum/giu, 2],
    [/heizkosten|umlageschlüssel/giu, 1],
  ],
  grundriss: [
    [/grundriss/giu, 3],
    [/(?:erd|ober|dach|unter)geschoss/giu, 1],
    [/\bM\s*1\s*:\s*(?:50|100|200)\b/gu, 2],
  ],
};

const IMAGE_TYPES = /^image\//;

/**
 * Files a document under a category from its text and file name: every matched term adds its
 * weight (file-name hits count double, as the broker chose the name), the best category wins,
 * and the confidence says how far ahead it is. Photos without text are "fotos"; no signal at all
 * is "sonstiges" with confidence 0, so the UI asks the broker.
 */
export function categorise(input: { fileName: string; text: string; contentType: string }): CategoryGuess {
  const scores: Array<{ category: DocumentCategory; score: number; reason: string[] }> = [];
  for (const [category, rules] of Object.entries(RULES) as Array<
    [DocumentCategory, Array<[RegExp, number]>]
  >) {
    let score = 0;
    const reason = new Set<string>();
    for (const [pattern, weight] of rules) {
      const inText = input.text.match(pattern) ?? [];
      const inName = input.fileName.replace(/[_-]+/g, ' ').match(pattern) ?? [];
      // Repetition says little beyond the first few hits.
      score += Math.min(inText.length, 3) * weight + Math.min(inName.length, 1) * weight * 2;
      for (const hit of [...inName, ...inText].slice(0, 2)) reason.add(hit.trim());
    }
    if (score > 0) scores.push({ category, score, reason: [...reason].slice(0, 4) });
  }
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best) {
    if (IMAGE_TYPES.test(input.contentType) && input.text.trim().length < 20)
      return { category: 'fotos', confidence: 0.6, reason: ['Bild ohne Text'] };
    return { category: 'sonstiges', confidence: 0, reason: [] };
  }
  const confidence =
    Math.min(1, (best.score - (second?.score ?? 0) + 1) / (best.score + 1)) * Math.min(1, best.score / 6);
  return { category: best.category, confidence: Math.round(confidence * 100) / 100, reason: best.reason };
}
