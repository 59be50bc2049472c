/**
 * Scores how well a property fits a search request (0–100) and says why. Hard misses
 * (wrong marketing or object type, wrong place, far over budget, far too small) score 0.
 */
export interface MatchableProperty {
  marketingType: string;
  objectType: string;
  city: string;
  postalCode: string;
  livingArea: number | null;
  rooms: number | null;
  priceCents: number | null;
  features: readonly string[];
}

export interface MatchableRequest {
  marketingType: string;
  objectTypes: readonly string[];
  cities: readonly string[];
  minLivingArea: number | null;
  minRooms: number | null;
  maxPriceCents: number | null;
  requiredFeatures: readonly string[];
}

export interface MatchResult {
  score: number;
  reasons: string[];
}

const TOLERANCE = 0.1;
const normalise = (s: string) => s.trim().toLowerCase().replace(/ß/g, 'ss');

export function matchScore(p: MatchableProperty, r: MatchableRequest): MatchResult {
  const none = { score: 0, reasons: [] };
  if (p.marketingType !== r.marketingType) return none;
  if (r.objectTypes.length > 0 && !r.objectTypes.includes(p.objectType)) return none;
  const reasons: string[] = [];
  let score = 0;
  let weight = 0;

  if (r.cities.length > 0) {
    weight += 25;
    const wanted = r.cities.map(normalise);
    if (!wanted.includes(normalise(p.city)) && !wanted.includes(p.postalCode)) return none;
    score += 25;
    reasons.push(`Ort ${p.city}`);
  }
  if (r.maxPriceCents !== null) {
    weight += 30;
    if (p.priceCents === null) return none;
    if (p.priceCents > r.maxPriceCents * (1 + TOLERANCE)) return none;
    if (p.priceCents <= r.maxPriceCents) {
      score += 30;
      reasons.push('Preis im Budget');
    } else {
      score += 15;
      reasons.push('Preis knapp über Budget');
    }
  }
  if (r.minLivingArea !== null) {
    weight += 20;
    if (p.livingArea === null || p.livingArea < r.minLivingArea * (1 - TOLERANCE)) return none;
    if (p.livingArea >= r.minLivingArea) {
      score += 20;
      reasons.push(`${p.livingArea} m² Wohnfläche`);
    } else {
      score += 10;
      reasons.push('Wohnfläche knapp unter Wunsch');
    }
  }
  if (r.minRooms !== null) {
    weight += 15;
    if (p.rooms === null || p.rooms < r.minRooms - 0.5) return none;
    score += p.rooms >= r.minRooms ? 15 : 8;
    reasons.push(`${p.rooms} Zimmer`);
  }
  if (r.requiredFeatures.length > 0) {
    weight += 10;
    const present = r.requiredFeatures.filter((f) => p.features.includes(f));
    score += Math.round((10 * present.length) / r.requiredFeatures.length);
    if (present.length > 0) reasons.push(`Ausstattung: ${present.join(', ')}`);
  }
  // A request with no criteria beyond type still matches, with a neutral score.
  if (weight === 0) return { score: 50, reasons: ['Objektart passt'] };
  return { score: Math.round((100 * score) / weight), reasons };
}
