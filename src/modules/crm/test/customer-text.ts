import {
  ENERGY_CARRIER_LABELS_DE,
  FEATURE_LABELS_DE,
  OBJECT_TYPE_LABELS_DE,
  SUBTYPE_LABELS_DE,
} from '../domain/labels-de.js';

/**
 * What a German customer must never read on a page, in a PDF or an e-mail of ours: ISO dates
 * ("2034-03-14"), decimal points in amounts ("12.4 m²") and vocabulary keys ("gaeste_wc",
 * "einbaukueche"). Tests run every customer-facing page and document through this.
 */
const KEYS = [FEATURE_LABELS_DE, OBJECT_TYPE_LABELS_DE, SUBTYPE_LABELS_DE, ENERGY_CARRIER_LABELS_DE].flatMap(
  (labels) =>
    Object.entries(labels)
      .filter(([key, label]) => key !== label.toLowerCase())
      .map(([key]) => key),
);

/** Words that are keys and also ordinary German ("garten", "keller") are only flagged when written as keys. */
const keyPattern = new RegExp(
  `(?<![\\p{L}/._-])(${KEYS.filter((k) => /_|ae|oe|ue|ss/.test(k))
    .flatMap((k) => [k, k.replaceAll('_', ' ')])
    .join('|')})(?![\\p{L}_-])`,
  'u',
);

export function customerTextProblems(text: string): string[] {
  // URLs, slugs and file names may hold anything.
  const visible = text.replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]+\.(pdf|jpg|png|webp)\b/g, ' ');
  const problems: string[] = [];
  for (const match of visible.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) problems.push(`ISO date "${match[0]}"`);
  for (const match of visible.matchAll(/\b\d+\.\d{1,2}\s?(m²|m2|%|€|kWh|qm)/g))
    problems.push(`decimal point "${match[0]}"`);
  const key = keyPattern.exec(visible);
  if (key) problems.push(`raw key "${key[0]}"`);
  return problems;
}

/** The text of an HTML page as a reader sees it: no tags, no styles, no scripts. */
export function visibleHtmlText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
