import type { Language } from '../../contract.js';

/** A small seeded generator, so the same property and variant always read the same. */
export class Phrasing {
  private state: number;
  constructor(seed: string) {
    let h = 2166136261;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    this.state = h >>> 0;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick<T>(options: readonly T[]): T {
    const chosen = options[Math.floor(this.next() * options.length)];
    if (chosen === undefined) throw new Error('pick from an empty list');
    return chosen;
  }
}

const formats = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};
const euros = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
};

type TextLanguage = Extract<Language, 'de' | 'en'>;

export const formatNumber = (value: number, lang: TextLanguage) => formats[lang].format(value);
export const formatEuros = (cents: number, lang: TextLanguage) => euros[lang].format(cents / 100);
const exactEuros = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }),
};
/** "12,50 €": for amounts where the cents matter, such as rent per square metre. */
export const formatEurosCents = (cents: number, lang: TextLanguage) => exactEuros[lang].format(cents / 100);
export const formatArea = (value: number, lang: TextLanguage) => `${formatNumber(value, lang)} m²`;

/** "1 bedroom", "2 bedrooms", "1.5 rooms": English plural unless the count is exactly one. */
export function countEn(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(value, 'en')} ${value === 1 ? singular : plural}`;
}

/** German counts: "ein Stellplatz"/"2 Stellplätze"; many nouns (Zimmer) share both forms. */
export function countDe(value: number, singular: string, plural = singular): string {
  return `${formatNumber(value, 'de')} ${value === 1 ? singular : plural}`;
}

/** "im Erdgeschoss", "im 2. Obergeschoss", "im Souterrain". */
export function floorDe(floor: number): string {
  if (floor === 0) return 'im Erdgeschoss';
  if (floor < 0) return 'im Souterrain';
  return `im ${floor}. Obergeschoss`;
}

export function ordinalEn(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "on the ground floor", "on the 2nd floor", "in the lower ground floor". */
export function floorEn(floor: number): string {
  if (floor === 0) return 'on the ground floor';
  if (floor < 0) return 'on the lower ground floor';
  return `on the ${ordinalEn(floor)} floor`;
}

/** "A, B und C" / "A, B and C". */
export function joinList(items: string[], lang: TextLanguage): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1];
  return `${items.slice(0, -1).join(', ')} ${lang === 'de' ? 'und' : 'and'} ${last}`;
}

export const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
