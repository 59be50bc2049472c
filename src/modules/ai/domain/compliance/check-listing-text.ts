import { ENERGY_CARRIER_LABELS_DE } from '../../../crm/domain/labels-de.js';
import type { ComplianceResult, Finding, Language } from '../../contract.js';
import { type EnergyFacts, needsEnergyCertificate } from '../listing-facts.js';
import { ENERGY_CARRIER_WORDS_EN, energyItemsDe, energyItemsEn } from '../offline/energy-text.js';
import { formatNumber } from '../offline/phrasing.js';
import { AGG_RULES_DE, AGG_RULES_EN } from './agg-rules.js';

/** What the check compares a text with: the listing it advertises. */
export interface ListingContext {
  marketingType: 'kauf' | 'miete';
  objectType: string;
  energy: EnergyFacts | null;
  commissionText: string | null;
  livingArea: number | null;
  rooms: number | null;
  yearBuilt: number | null;
  features: string[];
  /** Passed in so the check stays pure (a "Neubau" claim depends on today's year). */
  currentYear: number;
}

const span = (text: string, start: number, end: number) => ({ start, end, excerpt: text.slice(start, end) });

function* matches(text: string, pattern: RegExp) {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const m of text.matchAll(global)) yield { index: m.index ?? 0, value: m[0], groups: m };
}

const parseNumber = (raw: string) => Number(raw.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'));

function aggFindings(text: string, language: Language): Finding[] {
  const rules =
    language === 'de' ? AGG_RULES_DE : language === 'en' ? AGG_RULES_EN : [...AGG_RULES_DE, ...AGG_RULES_EN];
  const findings: Finding[] = [];
  for (const rule of rules)
    for (const m of matches(text, rule.pattern))
      findings.push({
        code: rule.code,
        category: 'agg',
        severity: 'verstoss',
        message: `Benachteiligung wegen ${rule.ground} (AGG): „${m.value}“ schließt Menschen aus.`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: rule.suggestion,
        replacement: '',
      });
  return findings;
}

function gegFindings(text: string, language: Language, ctx: ListingContext): Finding[] {
  if (!needsEnergyCertificate(ctx.objectType)) return [];
  const e = ctx.energy;
  if (!e)
    return [
      {
        code: 'geg_no_certificate_data',
        category: 'geg',
        severity: 'hinweis',
        message:
          'Für das Objekt sind keine Energieausweis-Daten hinterlegt. Liegt ein Ausweis vor, gehören seine Angaben in jede Anzeige (§ 87 GEG).',
        start: null,
        end: null,
        excerpt: null,
        suggestion: 'Energieausweis-Daten im Objekt ergänzen; dann prüft die Anzeige sie automatisch.',
        replacement: null,
      },
    ];
  const english = language === 'en';
  const findings: Finding[] = [];
  const missing: string[] = [];
  const typeWords =
    e.certificateType === 'bedarf'
      ? /bedarfsausweis|endenergiebedarf|energiebedarf|demand certificate|energy demand/i
      : /verbrauchsausweis|endenergieverbrauch|energieverbrauch|consumption certificate|energy consumption/i;
  if (!typeWords.test(text)) missing.push(english ? 'certificate type' : 'Art des Energieausweises');

  if (e.value !== null) {
    const values = [...matches(text, /(\d{1,3}(?:[.,]\d{1,2})?)\s*kWh/giu)];
    const right = values.find((m) => Math.abs(parseNumber(m.groups[1] ?? '') - e.value!) < 0.051);
    if (!right && values.length) {
      const wrong = values[0]!;
      findings.push({
        code: 'geg_value_mismatch',
        category: 'geg',
        severity: 'verstoss',
        message: `Der Energiekennwert im Text weicht vom Energieausweis ab (dort ${formatNumber(e.value, 'de')} kWh/(m²·a)).`,
        ...span(text, wrong.index, wrong.index + wrong.value.length),
        suggestion: 'Den Wert aus dem Energieausweis übernehmen.',
        replacement: `${formatNumber(e.value, english ? 'en' : 'de')} kWh`,
      });
    } else if (!right) missing.push(english ? 'energy value' : 'Energiekennwert');
  }
  if (e.carrier) {
    const words = [ENERGY_CARRIER_LABELS_DE[e.carrier], ENERGY_CARRIER_WORDS_EN[e.carrier], e.carrier].filter(
      (w): w is string => Boolean(w),
    );
    if (!words.some((w) => text.toLowerCase().includes(w.toLowerCase())))
      missing.push(english ? 'main energy source' : 'wesentlicher Energieträger');
  }
  if (e.yearBuilt && !text.includes(String(e.yearBuilt)))
    missing.push(english ? 'year of construction' : 'Baujahr');
  if (e.efficiencyClass) {
    const stated = [...matches(text, /(?:klasse|class)\s+([A-H]\+{0,2})(?![\p{L}+])/giu)];
    const wrong = stated.find((m) => (m.groups[1] ?? '').toUpperCase() !== e.efficiencyClass!.toUpperCase());
    if (wrong)
      findings.push({
        code: 'geg_class_mismatch',
        category: 'geg',
        severity: 'verstoss',
        message: `Die Effizienzklasse im Text stimmt nicht mit dem Energieausweis überein (dort ${e.efficiencyClass}).`,
        ...span(text, wrong.index, wrong.index + wrong.value.length),
        suggestion: `Klasse ${e.efficiencyClass} angeben.`,
        replacement: wrong.value.replace(/[A-H]\+{0,2}$/i, e.efficiencyClass),
      });
    else if (!stated.length) missing.push(english ? 'efficiency class' : 'Energieeffizienzklasse');
  }
  if (missing.length)
    findings.push({
      code: 'geg_missing',
      category: 'geg',
      severity: 'verstoss',
      message: `Pflichtangaben nach § 87 GEG fehlen: ${missing.join(', ')}.`,
      start: null,
      end: null,
      excerpt: null,
      suggestion: 'Die Angaben aus dem Energieausweis anfügen.',
      replacement: english
        ? `\n\nEnergy performance certificate: ${energyItemsEn(e)}.`
        : `\n\nAngaben zum Energieausweis: ${energyItemsDe(e)}.`,
    });
  return findings;
}

const NO_COMMISSION =
  /\b(?:provisionsfrei|courtagefrei|maklerfrei|ohne\s+(?:käufer)?provision|keine\s+(?:käufer)?provision|commission[- ]free|no\s+(?:buyer'?s\s+)?commission)\b/giu;
const GUARANTEES =
  /\b(?:garantierte[rn]?\s+(?:wertsteigerung|rendite|mieteinnahmen)|(?:wertsteigerung|rendite)\s+garantiert|sichere\s+rendite|guaranteed\s+(?:returns?|appreciation))\b/giu;

function claimFindings(text: string, ctx: ListingContext): Finding[] {
  const findings: Finding[] = [];
  const charged = ctx.commissionText && !/^\s*(?:0|keine|provisionsfrei|entfällt)/i.test(ctx.commissionText);
  if (charged)
    for (const m of matches(text, NO_COMMISSION))
      findings.push({
        code: 'claim_commission',
        category: 'claim',
        severity: 'verstoss',
        message: `„${m.value}“ stimmt nicht: im Objekt ist eine Provision hinterlegt (${ctx.commissionText}). Irreführende Werbung (§ 5 UWG).`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: `Die Provision angeben: ${ctx.commissionText}.`,
        replacement: `Provision: ${ctx.commissionText}`,
      });
  for (const m of matches(text, GUARANTEES))
    findings.push({
      code: 'claim_guarantee',
      category: 'claim',
      severity: 'verstoss',
      message: `„${m.value}“ ist ein Versprechen, das niemand halten kann (§ 5 UWG).`,
      ...span(text, m.index, m.index + m.value.length),
      suggestion: 'Streichen oder belegbare Zahlen nennen (z. B. aktuelle Mieteinnahmen).',
      replacement: '',
    });
  if (ctx.yearBuilt !== null && ctx.yearBuilt < ctx.currentYear - 3)
    for (const m of matches(text, /\b(?:neubau|new[- ]build)\b/giu))
      findings.push({
        code: 'claim_new_build',
        category: 'claim',
        severity: 'verstoss',
        message: `„${m.value}“ passt nicht zum Baujahr ${ctx.yearBuilt}.`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: `Das Baujahr nennen: ${ctx.yearBuilt}.`,
        replacement: `Baujahr ${ctx.yearBuilt}`,
      });
  if (ctx.livingArea !== null)
    for (const m of matches(text, /(\d{1,4}(?:[.,]\d{1,2})?)\s*m²\s*(?:wohnfläche|of living space)/giu)) {
      if (Math.abs(parseNumber(m.groups[1] ?? '') - ctx.livingArea) < 0.51) continue;
      findings.push({
        code: 'claim_area',
        category: 'claim',
        severity: 'verstoss',
        message: `Die Wohnfläche im Text weicht vom Objekt ab (dort ${formatNumber(ctx.livingArea, 'de')} m²).`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: 'Die Wohnfläche aus dem Objekt übernehmen.',
        replacement: m.value.replace(m.groups[1] ?? '', formatNumber(ctx.livingArea, 'de')),
      });
    }
  if (ctx.rooms !== null)
    for (const m of matches(text, /\b(\d{1,2}(?:[.,]5)?)[- ]Zimmer\b/gu)) {
      if (parseNumber(m.groups[1] ?? '') === ctx.rooms) continue;
      findings.push({
        code: 'claim_rooms',
        category: 'claim',
        severity: 'verstoss',
        message: `Die Zimmerzahl im Text weicht vom Objekt ab (dort ${formatNumber(ctx.rooms, 'de')}).`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: 'Die Zimmerzahl aus dem Objekt übernehmen.',
        replacement: m.value.replace(m.groups[1] ?? '', formatNumber(ctx.rooms, 'de')),
      });
    }
  if (!ctx.features.includes('seeblick'))
    for (const m of matches(text, /\b(?:seeblick|blick auf den (?:see|bodensee)|lake view)\b/giu))
      findings.push({
        code: 'claim_lake_view',
        category: 'claim',
        severity: 'hinweis',
        message: `„${m.value}“ ist im Objekt nicht als Merkmal erfasst – bitte prüfen.`,
        ...span(text, m.index, m.index + m.value.length),
        suggestion: 'Streichen oder im Objekt das Merkmal „Seeblick“ setzen.',
        replacement: null,
      });
  return findings;
}

/**
 * Checks a listing text against the listing before it is used: AGG discrimination,
 * the GEG § 87 energy items, and claims the listing's data contradicts. Passed means no
 * violation; hints are shown but do not block.
 */
export function checkListingText(text: string, language: Language, ctx: ListingContext): ComplianceResult {
  const findings = [
    ...aggFindings(text, language),
    ...gegFindings(text, language, ctx),
    ...claimFindings(text, ctx),
  ].sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER));
  return { passed: !findings.some((f) => f.severity === 'verstoss'), findings };
}

/** Applies one finding's fix: replaces its span, or appends when it has none. */
export function applyFix(text: string, finding: Finding): string {
  if (finding.replacement === null) return text;
  if (finding.start === null || finding.end === null) return `${text.trimEnd()}${finding.replacement}`;
  const before = text.slice(0, finding.start);
  const after = text.slice(finding.end);
  const replaced = `${before}${finding.replacement}${after}`;
  return finding.replacement === ''
    ? replaced.replace(/ {2,}/g, ' ').replace(/ ([.,;:!?])/g, '$1')
    : replaced;
}
