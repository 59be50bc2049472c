import { FEATURE_LABELS_DE, OBJECT_TYPE_LABELS_DE, SUBTYPE_LABELS_DE } from '../../crm/domain/labels-de.js';
import { energyStatementOf, type ListingFacts, needsEnergyCertificate, placeOf } from './listing-facts.js';
import { countDe, formatArea, formatEuros } from './offline/phrasing.js';

/** The words a social graphic or a reel shows about a listing, all in German. */
export interface GraphicLines {
  /** "Wohnung zum Kauf · Konstanz-Altstadt" */
  kicker: string;
  headline: string;
  /** "Kaufpreis 849.000 €" or "Kaltmiete 1.250 €". */
  price: string;
  /** Up to four short facts: "3 Zimmer", "85 m² Wohnfläche", "Balkon", "Baujahr 1998". */
  keyFacts: string[];
  /** The GEG § 87 items in the short form ads use, or a note that none is needed; null when missing. */
  energy: string | null;
  /** Efficiency class for the coloured badge (A+ … H). */
  energyClass: string | null;
}

export function priceLine(f: ListingFacts): string {
  if (f.marketingType === 'kauf')
    return f.purchasePriceCents !== null
      ? `Kaufpreis ${formatEuros(f.purchasePriceCents, 'de')}`
      : 'Preis auf Anfrage';
  return f.coldRentCents !== null ? `Kaltmiete ${formatEuros(f.coldRentCents, 'de')}` : 'Miete auf Anfrage';
}

/** Short GEG § 87 form: "Bedarfsausweis · 72 kWh/(m²·a) · Gas · Bj. 1998 · Klasse B". */
export function energyLine(f: ListingFacts): string | null {
  return energyStatementOf(f).short;
}

export function graphicLines(f: ListingFacts): GraphicLines {
  const type = (f.objectSubtype && SUBTYPE_LABELS_DE[f.objectSubtype]) ?? OBJECT_TYPE_LABELS_DE[f.objectType];
  const area = f.livingArea ?? f.usableArea;
  const keyFacts = [
    f.rooms !== null ? countDe(f.rooms, 'Zimmer') : null,
    area !== null ? `${formatArea(area, 'de')} ${f.livingArea !== null ? 'Wohnfläche' : 'Nutzfläche'}` : null,
    f.plotArea !== null && f.objectType !== 'wohnung' ? `${formatArea(f.plotArea, 'de')} Grundstück` : null,
    ...f.features.map((feature) => FEATURE_LABELS_DE[feature]).filter((w): w is string => Boolean(w)),
    f.yearBuilt ? `Baujahr ${f.yearBuilt}` : null,
  ].filter((x): x is string => Boolean(x));
  return {
    kicker: `${type ?? 'Immobilie'} ${f.marketingType === 'kauf' ? 'zum Kauf' : 'zur Miete'} · ${placeOf(f)}`,
    headline: f.title,
    price: priceLine(f),
    keyFacts: keyFacts.slice(0, 4),
    energy: energyLine(f),
    energyClass: needsEnergyCertificate(f.objectType) ? (f.energy?.efficiencyClass ?? null) : null,
  };
}

/**
 * One caption per reel slide: the first names the place and price, later ones walk through the
 * facts; every caption is short enough for two lines on a phone.
 */
export function reelCaptions(f: ListingFacts, slides: number): string[] {
  const lines = graphicLines(f);
  const pool = [
    `${lines.kicker}`,
    lines.price,
    ...lines.keyFacts,
    ...f.features.map((feature) => FEATURE_LABELS_DE[feature]).filter((w): w is string => Boolean(w)),
  ];
  const unique = [...new Set(pool)];
  return Array.from({ length: slides }, (_, i) => unique[i] ?? lines.headline);
}

/**
 * The outro lines: office, agent, phone, e-mail, the listing's address on the web and, since a
 * reel is an advert too, the listing's § 87 energy statement.
 */
export function outroLines(
  office: { name: string; phone: string | null; email: string | null; agentName: string | null },
  publicUrl: string,
  energy: string | null = null,
): string[] {
  return [
    'Jetzt Besichtigung vereinbaren',
    office.name,
    office.agentName ?? null,
    office.phone ? `Tel. ${office.phone}` : null,
    office.email,
    publicUrl.replace(/^https?:\/\//, ''),
    energy,
  ].filter((x): x is string => Boolean(x));
}
