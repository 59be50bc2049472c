import { OBJECT_TYPE_LABELS_DE, SUBTYPE_LABELS_DE } from '../../../crm/domain/labels-de.js';
import type { Length, Tone } from '../../contract.js';
import { energyStatementOf, type ListingFacts, placeOf } from '../listing-facts.js';
import {
  countDe,
  floorDe,
  formatArea,
  formatEuros,
  formatEurosCents,
  formatNumber,
  joinList,
  Phrasing,
} from './phrasing.js';

type Gender = 'm' | 'f' | 'n';

/** Grammatical gender of the listing nouns, for the articles in front of them. */
const GENDER: Record<string, Gender> = {
  Wohnung: 'f',
  Etagenwohnung: 'f',
  Dachgeschosswohnung: 'f',
  Maisonette: 'f',
  Penthouse: 'n',
  Erdgeschosswohnung: 'f',
  Souterrainwohnung: 'f',
  Loft: 'n',
  Apartment: 'n',
  Terrassenwohnung: 'f',
  Haus: 'n',
  Einfamilienhaus: 'n',
  Doppelhaushälfte: 'f',
  Reihenhaus: 'n',
  Reihenendhaus: 'n',
  Reihenmittelhaus: 'n',
  Mehrfamilienhaus: 'n',
  Villa: 'f',
  Bungalow: 'm',
  Bauernhaus: 'n',
  Stadthaus: 'n',
  Ferienhaus: 'n',
  Grundstück: 'n',
  Wohnbaugrundstück: 'n',
  Baugrundstück: 'n',
  Bürofläche: 'f',
  Praxisfläche: 'f',
  'Büro/Praxis': 'f',
};

const ARTICLES = {
  indefinite: { m: 'ein', f: 'eine', n: 'ein' },
  indefiniteAccusative: { m: 'einen', f: 'eine', n: 'ein' },
  relativeAccusative: { m: 'den', f: 'die', n: 'das' },
  demonstrative: { m: 'dieser', f: 'diese', n: 'dieses' },
  demonstrativeAccusative: { m: 'diesen', f: 'diese', n: 'dieses' },
  definite: { m: 'der', f: 'die', n: 'das' },
} as const;

/** Nominative and accusative, because "zur Ausstattung gehören" and "bietet" take different cases. */
const FEATURE_PHRASES: Record<string, { nom: string; acc: string }> = {
  balkon: { nom: 'ein Balkon', acc: 'einen Balkon' },
  terrasse: { nom: 'eine Terrasse', acc: 'eine Terrasse' },
  garten: { nom: 'ein Garten', acc: 'einen Garten' },
  aufzug: { nom: 'ein Aufzug', acc: 'einen Aufzug' },
  garage: { nom: 'eine Garage', acc: 'eine Garage' },
  stellplatz: { nom: 'ein Stellplatz', acc: 'einen Stellplatz' },
  keller: { nom: 'ein Keller', acc: 'einen Keller' },
  einbaukueche: { nom: 'eine Einbauküche', acc: 'eine Einbauküche' },
  gaeste_wc: { nom: 'ein Gäste-WC', acc: 'ein Gäste-WC' },
  kamin: { nom: 'ein Kamin', acc: 'einen Kamin' },
  klimaanlage: { nom: 'eine Klimaanlage', acc: 'eine Klimaanlage' },
  fussbodenheizung: { nom: 'eine Fußbodenheizung', acc: 'eine Fußbodenheizung' },
};

/** Features that read better as a sentence of their own than in a list. */
const FEATURE_SENTENCES: Record<string, string[]> = {
  seeblick: ['Von hier aus geht der Blick auf den See.', 'Ein besonderes Plus ist der Seeblick.'],
  bergblick: ['Bei klarer Sicht reicht der Blick bis zu den Bergen.', 'Der Bergblick rundet das Angebot ab.'],
  barrierefrei: ['Der Zugang ist barrierefrei.', 'Die Räume sind barrierefrei erreichbar.'],
  denkmalschutz: ['Das Gebäude steht unter Denkmalschutz.'],
  moebliert: ['Die Räume werden möbliert übergeben.'],
  haustiere_erlaubt: ['Haustiere sind erlaubt.'],
};

const CONDITIONS: Record<string, string> = {
  erstbezug: 'Erstbezug',
  neuwertig: 'neuwertig',
  teil_vollsaniert: 'teil- bzw. vollsaniert',
  vollstaendig_renoviert: 'vollständig renoviert',
  modernisiert: 'modernisiert',
  gepflegt: 'gepflegt',
  renovierungsbeduerftig: 'renovierungsbedürftig',
  nach_vereinbarung: 'nach Vereinbarung',
  projektiert: 'projektiert',
  rohbau: 'im Rohbau',
  abrissobjekt: 'abrissreif',
};

function noun(f: ListingFacts): { word: string; gender: Gender } {
  const subtype = f.objectSubtype ? SUBTYPE_LABELS_DE[f.objectSubtype] : undefined;
  const base = subtype && GENDER[subtype] ? subtype : (OBJECT_TYPE_LABELS_DE[f.objectType] ?? 'Immobilie');
  const gender = GENDER[base] ?? 'f';
  if (f.objectType === 'wohnung' && f.rooms !== null)
    return { word: `${formatNumber(f.rooms, 'de')}-Zimmer-${base}`, gender };
  return { word: base, gender };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Price per square metre in cents, rounded to whole euros; null without both figures. */
function pricePerSqm(cents: number | null, area: number | null): number | null {
  if (cents === null || area === null || area <= 0) return null;
  return Math.round(cents / area / 100) * 100;
}

function rentPerSqm(cents: number | null, area: number | null): number | null {
  if (cents === null || area === null || area <= 0) return null;
  return Math.round(cents / area);
}

/** What the space offers in use: drawn from the room counts, never from invented details. */
function usage(f: ListingFacts, r: Phrasing): string[] {
  if (f.objectType === 'grundstueck')
    return [
      r.pick([
        'Das Grundstück bietet Raum, um ein eigenes Bauvorhaben nach Ihren Vorstellungen zu planen.',
        'Hier lässt sich ein eigenes Zuhause nach Ihren Vorstellungen planen.',
      ]),
      'Gern stellen wir Ihnen die vorhandenen Unterlagen zur Verfügung und beantworten Ihre Fragen zur Erschließung.',
    ];
  if (['buero_praxen', 'einzelhandel', 'gastgewerbe', 'hallen_lager_prod'].includes(f.objectType))
    return [
      r.pick([
        'Die Aufteilung der Fläche zeigen wir Ihnen gern bei einer Besichtigung; Fragen zur Nutzung klären wir vorab mit Ihnen.',
        'Wie sich die Fläche für Ihr Unternehmen einrichten lässt, besprechen wir gern bei einem Termin vor Ort.',
      ]),
    ];
  if (f.bedrooms !== null && f.bedrooms >= 2)
    return [
      r.pick([
        `Mit ${countDe(f.bedrooms, 'Schlafzimmer', 'Schlafzimmern')} ist Platz für mehrere Personen – oder für ein Arbeits- und ein Gästezimmer.`,
        'Die Schlafzimmer lassen sich je nach Bedarf auch als Arbeits- oder Gästezimmer nutzen.',
      ]),
    ];
  return [
    r.pick([
      'Der Grundriss ist kompakt und gut nutzbar.',
      'Die Räume sind überschaubar geschnitten und leicht zu möblieren.',
    ]),
  ];
}

/**
 * A German listing description from the property's facts. Phrasing varies with the variant
 * number and the tone; every figure comes from the listing, none is invented.
 */
export function describeListingDe(
  f: ListingFacts,
  opts: { tone: Tone; length: Length; variant: number },
): string {
  const r = new Phrasing(`${f.id}:de:${opts.tone}:${opts.variant}`);
  const { word, gender } = noun(f);
  const a = ARTICLES.indefinite[gender];
  const aAcc = ARTICLES.indefiniteAccusative[gender];
  const this_ = ARTICLES.demonstrative[gender];
  const the = ARTICLES.definite[gender];
  const place = placeOf(f);
  const forSale = f.marketingType === 'kauf';
  const deal = forSale ? 'zum Kauf' : 'zur Miete';
  const isPlot = f.objectType === 'grundstueck';
  const isCommercial = ['buero_praxen', 'einzelhandel', 'gastgewerbe', 'hallen_lager_prod'].includes(
    f.objectType,
  );
  const lake = f.features.includes('seeblick') || /bodensee/i.test(`${f.city} ${f.locationDescription}`);

  const opening: Record<Tone, string[]> = {
    professional: [
      `In ${place} bieten wir ${aAcc} ${word} ${deal} an.`,
      `${capitalize(a)} ${word} in ${place} steht ${deal}.`,
      `${capitalize(this_)} ${word} in ${place} wird ${deal} angeboten.`,
    ],
    casual: [
      `Lust auf einen Neuanfang in ${place}? ${capitalize(this_)} ${word} ist ${deal} zu haben.`,
      `${place} ruft: ${a} ${word} ${deal}, ${ARTICLES.relativeAccusative[gender]} Sie sich genauer ansehen sollten.`,
    ],
    luxury: [
      `Exklusiv in ${place}: ${a} ${word} ${deal}, ${lake ? 'in besonderer Lage am Bodensee' : 'in ausgesuchter Lage'}.`,
      `Wohnen mit Anspruch in ${place} – ${this_} ${word} steht ${deal}.`,
    ],
    friendly: [
      `Sie suchen ein neues Zuhause in ${place}? Dann lernen Sie ${ARTICLES.demonstrativeAccusative[gender]} ${word} kennen, ${the} ${deal} angeboten wird.`,
      `Herzlich willkommen in ${place}: Wir freuen uns, Ihnen ${aAcc} ${word} ${deal} vorzustellen.`,
    ],
  };
  const paragraphs: string[][] = [[r.pick(opening[opts.tone])]];

  const space: string[] = [];
  if (isPlot && f.plotArea !== null) {
    space.push(
      r.pick([
        `Das Grundstück umfasst ${formatArea(f.plotArea, 'de')}.`,
        `Die Grundstücksfläche beträgt ${formatArea(f.plotArea, 'de')}.`,
      ]),
    );
  } else {
    const area = f.livingArea ?? f.usableArea;
    const areaKind = f.livingArea !== null ? 'Wohnfläche' : 'Nutzfläche';
    if (area !== null && f.rooms !== null) {
      space.push(
        r.pick([
          `Auf ${formatArea(area, 'de')} ${areaKind} verteilen sich ${countDe(f.rooms, 'Zimmer')}.`,
          `${capitalize(the)} ${noun({ ...f, rooms: null }).word} bietet ${formatArea(area, 'de')} ${areaKind} mit ${countDe(f.rooms, 'Zimmer', 'Zimmern')}.`,
        ]),
      );
    } else if (area !== null) {
      space.push(`Die ${areaKind} beträgt ${formatArea(area, 'de')}.`);
    }
    const rooms: string[] = [];
    if (f.bedrooms !== null) rooms.push(countDe(f.bedrooms, 'Schlafzimmer'));
    if (f.bathrooms !== null) rooms.push(countDe(f.bathrooms, 'Badezimmer'));
    if (rooms.length)
      space.push(
        r.pick([`Dazu gehören ${joinList(rooms, 'de')}.`, `Darunter sind ${joinList(rooms, 'de')}.`]),
      );
    if (f.floor !== null && f.objectType === 'wohnung') {
      const house =
        f.totalFloors !== null ? ` eines Hauses mit ${countDe(f.totalFloors, 'Geschoss', 'Geschossen')}` : '';
      space.push(`Die Wohnung liegt ${floorDe(f.floor)}${house}.`);
    }
    if (f.plotArea !== null)
      space.push(
        r.pick([
          `Das Grundstück ist ${formatArea(f.plotArea, 'de')} groß.`,
          `Dazu kommt ein Grundstück von ${formatArea(f.plotArea, 'de')}.`,
        ]),
      );
  }
  if (opts.length !== 'short') space.push(...usage(f, r));
  if (space.length) paragraphs.push(space);

  const detail: string[] = [];
  const listed = f.features.filter((x) => FEATURE_PHRASES[x]);
  if (listed.length) {
    detail.push(
      r.pick([
        `Zur Ausstattung gehören ${joinList(
          listed.map((x) => FEATURE_PHRASES[x]?.nom ?? x),
          'de',
        )}.`,
        `Die Ausstattung umfasst ${joinList(
          listed.map((x) => FEATURE_PHRASES[x]?.acc ?? x),
          'de',
        )}.`,
      ]),
    );
  }
  for (const x of f.features) {
    const sentences = FEATURE_SENTENCES[x];
    if (sentences) detail.push(r.pick(sentences));
  }
  if (f.yearBuilt !== null || f.condition) {
    const condition = f.condition ? CONDITIONS[f.condition] : null;
    if (f.condition === 'erstbezug')
      detail.push(`Es handelt sich um einen Erstbezug${f.yearBuilt ? ` (Baujahr ${f.yearBuilt})` : ''}.`);
    else if (f.yearBuilt && condition)
      detail.push(
        r.pick([
          `Das Gebäude wurde ${f.yearBuilt} errichtet und ist ${condition}.`,
          `Baujahr ${f.yearBuilt}, Zustand: ${condition}.`,
        ]),
      );
    else if (f.yearBuilt) detail.push(`Das Gebäude stammt aus dem Jahr ${f.yearBuilt}.`);
    else if (condition) detail.push(`Der Zustand ist ${condition}.`);
  }
  if (opts.length !== 'short' && detail.length) paragraphs.push(detail);

  const location: string[] = [];
  if (opts.length !== 'short') {
    location.push(
      r.pick([
        `Die Lage in ${place} verbindet ${lake ? 'die Nähe zum Bodensee' : 'ruhiges Wohnen'} mit kurzen Wegen in den Alltag.`,
        `${place} ist ${lake ? 'eine gefragte Adresse am Bodensee' : 'eine gefragte Wohnadresse in der Region'}.`,
      ]),
    );
    if (f.locationDescription.trim()) location.push(f.locationDescription.trim());
    location.push(
      lake
        ? r.pick([
            'Das milde Klima, die Uferwege und die Freizeitmöglichkeiten rund um den See machen die Region zu einer der beliebtesten Wohngegenden Süddeutschlands.',
            'Wassersport, Radwege am Ufer und die Nähe zu Österreich und der Schweiz prägen das Leben am Bodensee.',
          ])
        : 'Die Umgebung und ihre Anbindung zeigen wir Ihnen gern bei einem gemeinsamen Termin vor Ort.',
    );
    if (opts.length === 'long')
      location.push(
        isCommercial
          ? 'Kunden und Mitarbeitende erreichen den Standort gut; Details zur Anbindung erläutern wir Ihnen gern.'
          : 'Einkaufsmöglichkeiten, Schulen und Freizeitangebote der Umgebung stellen wir Ihnen bei der Besichtigung gern vor.',
      );
    paragraphs.push(location);
  }

  const costs: string[] = [];
  if (forSale) {
    costs.push(
      f.purchasePriceCents !== null
        ? r.pick([
            `Der Kaufpreis beträgt ${formatEuros(f.purchasePriceCents, 'de')}.`,
            `Der Kaufpreis liegt bei ${formatEuros(f.purchasePriceCents, 'de')}.`,
          ])
        : 'Den Kaufpreis nennen wir Ihnen auf Anfrage.',
    );
    if (f.hausgeldCents !== null)
      costs.push(`Das monatliche Hausgeld beträgt ${formatEuros(f.hausgeldCents, 'de')}.`);
    const perSqm = pricePerSqm(f.purchasePriceCents, isPlot ? f.plotArea : (f.livingArea ?? f.usableArea));
    if (perSqm !== null && opts.length !== 'short')
      costs.push(
        `Das entspricht rund ${formatEuros(perSqm, 'de')} je Quadratmeter ${isPlot ? 'Grundstücksfläche' : f.livingArea !== null ? 'Wohnfläche' : 'Nutzfläche'}.`,
      );
    if (opts.length !== 'short')
      costs.push(
        'Hinzu kommen die üblichen Erwerbsnebenkosten wie Grunderwerbsteuer sowie Notar- und Grundbuchkosten.',
        'Bei Fragen zur Finanzierung unterstützen wir Sie gern.',
      );
  } else {
    if (f.coldRentCents !== null) {
      const extras =
        f.additionalCostsCents !== null
          ? ` zuzüglich ${formatEuros(f.additionalCostsCents, 'de')} Nebenkosten`
          : '';
      const warm = f.warmRentCents !== null ? ` (Warmmiete ${formatEuros(f.warmRentCents, 'de')})` : '';
      costs.push(`Die Kaltmiete beträgt ${formatEuros(f.coldRentCents, 'de')} im Monat${extras}${warm}.`);
    } else costs.push('Die Miete nennen wir Ihnen auf Anfrage.');
    const perSqm = rentPerSqm(f.coldRentCents, f.livingArea ?? f.usableArea);
    if (perSqm !== null && opts.length !== 'short')
      costs.push(`Das sind rund ${formatEurosCents(perSqm, 'de')} je Quadratmeter.`);
    if (f.depositText) costs.push(`Kaution: ${f.depositText}.`);
    if (opts.length !== 'short')
      costs.push(
        isCommercial
          ? 'Laufzeit und Konditionen des Mietvertrags besprechen wir gern persönlich mit Ihnen.'
          : 'Für Ihre Bewerbung benötigen wir die üblichen Unterlagen, etwa Einkommensnachweise und eine Mietschuldenfreiheitsbescheinigung.',
      );
  }
  if (f.commissionText) costs.push(`${forSale ? 'Käuferprovision' : 'Provision'}: ${f.commissionText}.`);
  paragraphs.push(costs);

  const energy = energyStatementOf(f);
  if (energy.sentence) {
    paragraphs.push([energy.sentence]);
  } else if (isPlot && opts.length !== 'short') {
    paragraphs.push([
      `Die Möglichkeiten der Bebauung stimmen wir vor einem Kauf gern gemeinsam mit Ihnen und dem Bauamt in ${f.city} ab.`,
    ]);
  }

  const close: Record<Tone, string[]> = {
    professional: [
      'Für weitere Informationen und einen Besichtigungstermin stehen wir Ihnen gern zur Verfügung.',
      'Gern senden wir Ihnen weitere Unterlagen und vereinbaren einen Besichtigungstermin.',
    ],
    casual: ['Neugierig geworden? Melden Sie sich einfach für einen Besichtigungstermin.'],
    luxury: [
      'Gern präsentieren wir Ihnen diese Immobilie in einem persönlichen Termin.',
      'Für eine diskrete, persönliche Besichtigung stehen wir Ihnen gern zur Verfügung.',
    ],
    friendly: [
      'Wir freuen uns auf Ihre Anfrage und zeigen Ihnen alles gern persönlich.',
      'Schreiben Sie uns gern – wir nehmen uns Zeit für Ihre Fragen und einen Besichtigungstermin.',
    ],
  };
  paragraphs.push(
    opts.length === 'short'
      ? [r.pick(close[opts.tone])]
      : [
          'Vorab senden wir Ihnen gern das ausführliche Exposé, damit Sie sich in Ruhe ein Bild machen können.',
          r.pick(close[opts.tone]),
        ],
  );

  return paragraphs.map((p) => p.join(' ')).join('\n\n');
}
