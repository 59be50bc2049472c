/**
 * Segments: groups of contacts by rule, recomputed whenever a contact is scored. Eight come
 * with every office; an office saves its own as a combination of conditions (all must hold).
 */
export const BUILTIN_SEGMENTS = [
  'heiss',
  'warm',
  'kalt',
  'investor',
  'erstkaeufer',
  'mietinteressent',
  'grenzgaenger',
  'schlafend',
] as const;
export type BuiltinSegment = (typeof BUILTIN_SEGMENTS)[number];

export const BUILTIN_SEGMENT_NAMES: Record<BuiltinSegment, { de: string; en: string; rule: string }> = {
  heiss: { de: 'Heiß', en: 'Hot', rule: 'Offener Lead mit Score ab 50' },
  warm: { de: 'Warm', en: 'Warm', rule: 'Offener Lead mit Score 25–49' },
  kalt: { de: 'Kalt', en: 'Cold', rule: 'Offener Lead mit Score unter 25' },
  investor: {
    de: 'Investoren',
    en: 'Investors',
    rule: 'Sucht Zinshaus, Gewerbe oder Büro zum Kauf, oder eine Firma, die kaufen will',
  },
  erstkaeufer: {
    de: 'Erstkäufer',
    en: 'First-time buyers',
    rule: 'Sucht zum Kauf und ist weder Eigentümer, Verkäufer noch Vermieter',
  },
  mietinteressent: {
    de: 'Mietinteressenten',
    en: 'Tenant seekers',
    rule: 'Sucht zur Miete oder hat die Rolle Mieter',
  },
  grenzgaenger: {
    de: 'Käufer aus CH/AT',
    en: 'Buyers from CH/AT',
    rule: 'Sucht zum Kauf und wohnt in der Schweiz oder in Österreich (Land oder Vorwahl +41/+43)',
  },
  schlafend: {
    de: 'Schlafend',
    en: 'Dormant',
    rule: 'Offener Lead ohne Signal seit 90 Tagen, seit mindestens 90 Tagen im Bestand',
  },
};

/** Lines of the score segments; the "heiß" line is also the dashboard's. */
export const HOT_SCORE = 50;
export const WARM_SCORE = 25;
export const DORMANT_DAYS = 90;

/** Lead statuses after which a contact is no longer worked as a lead. */
export const CLOSED_LEAD_STATUSES = ['gewonnen', 'verloren'];
const INVESTMENT_TYPES = [
  'zinshaus_renditeobjekt',
  'buero_praxen',
  'einzelhandel',
  'hallen_lager_prod',
  'gastgewerbe',
];
const OWNER_ROLES = ['eigentuemer', 'verkaeufer', 'vermieter'];
const DAY_MS = 86_400_000;

export interface SegmentFacts {
  total: number;
  leadStatus: string;
  kind: string;
  roles: string[];
  /** ISO 3166-1 alpha-3, as the CRM stores it. */
  country: string;
  phones: string[];
  searches: { marketingType: string; objectTypes: string[] }[];
  lastSignalAt: Date | null;
  createdAt: Date;
}

/** A saved segment's conditions; every one given must hold. */
export interface SegmentRule {
  builtin?: BuiltinSegment;
  minScore?: number;
  maxScore?: number;
  leadStatuses?: string[];
  roles?: string[];
  marketingTypes?: string[];
  countries?: string[];
  /** No signal for at least this many days. */
  inactiveDays?: number;
}

const isOpen = (f: SegmentFacts) => !CLOSED_LEAD_STATUSES.includes(f.leadStatus);
const buys = (f: SegmentFacts) => f.searches.some((s) => s.marketingType === 'kauf');
const daysSince = (at: Date | null, now: Date) =>
  at ? (now.getTime() - at.getTime()) / DAY_MS : Number.POSITIVE_INFINITY;

export function inBuiltin(key: BuiltinSegment, f: SegmentFacts, now: Date): boolean {
  switch (key) {
    case 'heiss':
      return isOpen(f) && f.total >= HOT_SCORE;
    case 'warm':
      return isOpen(f) && f.total >= WARM_SCORE && f.total < HOT_SCORE;
    case 'kalt':
      return isOpen(f) && f.total < WARM_SCORE;
    case 'investor':
      return (
        f.searches.some(
          (s) => s.marketingType === 'kauf' && s.objectTypes.some((t) => INVESTMENT_TYPES.includes(t)),
        ) ||
        (f.kind === 'firma' && buys(f))
      );
    case 'erstkaeufer':
      return buys(f) && f.kind !== 'firma' && !f.roles.some((r) => OWNER_ROLES.includes(r));
    case 'mietinteressent':
      return f.searches.some((s) => s.marketingType === 'miete') || f.roles.includes('mieter');
    case 'grenzgaenger':
      return (
        buys(f) &&
        (['CHE', 'AUT'].includes(f.country) ||
          f.phones.some((p) => /^(\+|00)4[13]/.test(p.replace(/\s/g, ''))))
      );
    case 'schlafend':
      return (
        isOpen(f) &&
        daysSince(f.lastSignalAt, now) >= DORMANT_DAYS &&
        daysSince(f.createdAt, now) >= DORMANT_DAYS
      );
  }
}

export function inSegment(rule: SegmentRule, f: SegmentFacts, now: Date): boolean {
  if (rule.builtin && !inBuiltin(rule.builtin, f, now)) return false;
  if (rule.minScore !== undefined && f.total < rule.minScore) return false;
  if (rule.maxScore !== undefined && f.total > rule.maxScore) return false;
  if (rule.leadStatuses?.length && !rule.leadStatuses.includes(f.leadStatus)) return false;
  if (rule.roles?.length && !rule.roles.some((r) => f.roles.includes(r))) return false;
  if (rule.marketingTypes?.length && !f.searches.some((s) => rule.marketingTypes!.includes(s.marketingType)))
    return false;
  if (rule.countries?.length && !rule.countries.includes(f.country)) return false;
  if (rule.inactiveDays !== undefined && daysSince(f.lastSignalAt, now) < rule.inactiveDays) return false;
  return true;
}
