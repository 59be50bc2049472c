import { BUILTIN_SEGMENT_NAMES, type SegmentRule } from './segments.js';

const COUNTRY: Record<string, string> = {
  DEU: 'Deutschland',
  CHE: 'Schweiz',
  AUT: 'Österreich',
  LIE: 'Liechtenstein',
};

/** A saved segment's rule in German words, for the overview. */
export function describeRule(rule: SegmentRule): string {
  const parts: string[] = [];
  if (rule.builtin) parts.push(BUILTIN_SEGMENT_NAMES[rule.builtin].rule);
  if (rule.minScore !== undefined && rule.maxScore !== undefined)
    parts.push(`Score ${rule.minScore}–${rule.maxScore}`);
  else if (rule.minScore !== undefined) parts.push(`Score ab ${rule.minScore}`);
  else if (rule.maxScore !== undefined) parts.push(`Score bis ${rule.maxScore}`);
  if (rule.leadStatuses?.length) parts.push(`Lead-Status ${rule.leadStatuses.join(' oder ')}`);
  if (rule.roles?.length) parts.push(`Rolle ${rule.roles.join(' oder ')}`);
  if (rule.marketingTypes?.length)
    parts.push(
      `sucht zur ${rule.marketingTypes.map((m) => (m === 'kauf' ? 'Kauf' : 'Miete')).join(' oder ')}`,
    );
  if (rule.countries?.length)
    parts.push(`wohnt in ${rule.countries.map((c) => COUNTRY[c] ?? c).join(' oder ')}`);
  if (rule.inactiveDays !== undefined) parts.push(`seit ${rule.inactiveDays} Tagen ohne Signal`);
  return parts.join(' · ');
}
