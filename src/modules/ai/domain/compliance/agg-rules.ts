/**
 * Phrases in property adverts that exclude people for a reason the General Equal Treatment
 * Act (AGG §§ 1, 19) protects: ethnic origin, religion, gender, disability, age, sexual
 * identity — and exclusions of children or families, which courts treat as indirect
 * discrimination by age or gender. Each rule names its ground so the finding can explain it.
 */
export interface AggRule {
  code: string;
  ground: string;
  pattern: RegExp;
  suggestion: string;
}

const de = (strings: TemplateStringsArray) => new RegExp(strings.raw[0] ?? '', 'giu');

export const AGG_RULES_DE: AggRule[] = [
  {
    code: 'agg_origin',
    ground: 'ethnische Herkunft',
    pattern: de`\b(?:nur|ausschließlich)\s+(?:an\s+|für\s+)?(?:deutsche|einheimische|inländer)(?:\s+(?:mieter(?:innen)?|käufer(?:innen)?|paare|familien|staatsbürger))?\b`,
    suggestion: 'Streichen – Herkunft und Staatsangehörigkeit dürfen bei der Auswahl keine Rolle spielen.',
  },
  {
    code: 'agg_origin',
    ground: 'ethnische Herkunft',
    pattern: de`\bkeine\s+(?:ausländer(?:innen)?|migranten|flüchtlinge|asylbewerber|südländer|türken|araber|roma|sinti)\b`,
    suggestion:
      'Streichen – ein Ausschluss nach Herkunft ist nach § 19 Abs. 2 AGG bei jeder Vermietung unzulässig.',
  },
  {
    code: 'agg_origin',
    ground: 'ethnische Herkunft',
    pattern: de`\b(?:deutsche\s+staatsangehörigkeit|deutsch\s+als\s+muttersprache|deutsche[rn]?\s+muttersprachler(?:in)?|muttersprachler(?:in)?)\b(?:\s+(?:erforderlich|erwünscht|bevorzugt|vorausgesetzt))?`,
    suggestion:
      'Streichen; falls eine Verständigung wichtig ist, sachlich beschreiben, wie der Kontakt abläuft.',
  },
  {
    code: 'agg_religion',
    ground: 'Religion oder Weltanschauung',
    pattern: de`\b(?:nur|keine)\s+(?:an\s+|für\s+)?(?:christen|muslime|moslems|juden|katholiken|protestanten|atheisten)\b`,
    suggestion: 'Streichen – die Religion der Mieter oder Käufer darf keine Rolle spielen.',
  },
  {
    code: 'agg_age',
    ground: 'Alter',
    pattern: de`\b(?:nur|ausschließlich)\s+(?:an\s+|für\s+)?(?:junge|jüngere|ältere)\s+\p{L}+`,
    suggestion: 'Streichen und stattdessen die Wohnung beschreiben (z. B. „ruhige Lage“, „mit Aufzug“).',
  },
  {
    code: 'agg_age',
    ground: 'Alter',
    pattern: de`\b(?:keine\s+(?:rentner(?:innen)?|senioren)|(?:bis|höchstens|maximal)\s+\d{2}\s+jahre(?:\s+alt)?)\b`,
    suggestion: 'Streichen – ein Ausschluss nach Alter ist nach § 19 AGG unzulässig.',
  },
  {
    code: 'agg_family',
    ground: 'Familienstand/Kinder (mittelbar Alter und Geschlecht)',
    pattern: de`\b(?:keine\s+(?:kinder|kleinkinder|familien(?:\s+mit\s+kindern)?|alleinerziehende[n]?)|nur\s+(?:an\s+|für\s+)?(?:kinderlose\s+)?(?:paare|ehepaare|singles|kinderlose)|kinderlose[sn]?\s+(?:ehe)?paar)\b`,
    suggestion: 'Streichen und die Größe sachlich beschreiben, z. B. „ideal für 1–2 Personen“.',
  },
  {
    code: 'agg_gender',
    ground: 'Geschlecht',
    pattern: de`\bnur\s+(?:an\s+|für\s+)?(?:frauen|männer|damen|herren|studentinnen|studenten)\b`,
    suggestion:
      'Streichen – nur bei gemeinsam genutztem Wohnraum (WG, Einliegerwohnung) erlaubt § 19 Abs. 5 AGG eine Auswahl.',
  },
  {
    code: 'agg_identity',
    ground: 'sexuelle Identität',
    pattern: de`\b(?:keine\s+(?:homosexuellen|schwulen|lesben|gleichgeschlechtlichen\s+paare)|nur\s+heterosexuelle)\b`,
    suggestion: 'Streichen – die sexuelle Identität darf keine Rolle spielen.',
  },
  {
    code: 'agg_disability',
    ground: 'Behinderung',
    pattern: de`\b(?:keine\s+(?:behinderten|rollstuhlfahrer(?:innen)?|menschen\s+mit\s+behinderung)|nicht\s+für\s+(?:behinderte|rollstuhlfahrer))\b`,
    suggestion: 'Streichen; bauliche Gegebenheiten sachlich nennen (z. B. „kein Aufzug, 3. OG“).',
  },
];

export const AGG_RULES_EN: AggRule[] = [
  {
    code: 'agg_origin',
    ground: 'ethnic origin',
    pattern:
      /\b(?:no\s+(?:foreigners|immigrants|refugees)|(?:germans|natives|locals)\s+only|only\s+(?:for\s+)?(?:germans|natives)|native\s+(?:german\s+)?speakers?\s+only)\b/giu,
    suggestion: 'Remove – origin and nationality must not play a part in choosing tenants or buyers.',
  },
  {
    code: 'agg_religion',
    ground: 'religion or belief',
    pattern: /\b(?:(?:christians|muslims|jews)\s+only|no\s+(?:christians|muslims|jews))\b/giu,
    suggestion: 'Remove – religion must not play a part.',
  },
  {
    code: 'agg_age',
    ground: 'age',
    pattern:
      /\b(?:young\s+professionals\s+only|no\s+(?:pensioners|retirees|seniors)|only\s+(?:for\s+)?young\s+\p{L}+)\b/giu,
    suggestion: 'Remove and describe the property instead.',
  },
  {
    code: 'agg_family',
    ground: 'family status (indirectly age and gender)',
    pattern:
      /\b(?:no\s+(?:children|kids|families)|(?:couples|singles)\s+only|only\s+(?:for\s+)?(?:couples|singles))\b/giu,
    suggestion: 'Remove and state the size instead, e.g. "ideal for one or two people".',
  },
  {
    code: 'agg_gender',
    ground: 'gender',
    pattern: /\b(?:(?:men|women|males|females)\s+only|only\s+(?:for\s+)?(?:men|women))\b/giu,
    suggestion: 'Remove – only shared living space allows a choice (§ 19 (5) AGG).',
  },
  {
    code: 'agg_disability',
    ground: 'disability',
    pattern: /\b(?:no\s+(?:disabled|wheelchair\s+users)|not\s+suitable\s+for\s+disabled\s+people)\b/giu,
    suggestion: 'Remove; state the building facts instead (e.g. "no lift, 3rd floor").',
  },
];
