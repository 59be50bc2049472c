import type { Length, Tone } from '../../contract.js';
import { energyStatementOf, type ListingFacts, placeOf } from '../listing-facts.js';
import { countEn, floorEn, formatArea, formatEuros, formatNumber, joinList, Phrasing } from './phrasing.js';

const SUBTYPES_EN: Record<string, string> = {
  etage: 'flat',
  dachgeschoss: 'top-floor flat',
  maisonette: 'maisonette',
  penthouse: 'penthouse',
  erdgeschoss: 'ground-floor flat',
  souterrain: 'lower-ground-floor flat',
  loft: 'loft',
  apartment: 'apartment',
  terrassen: 'terrace flat',
  einfamilienhaus: 'detached house',
  doppelhaushaelfte: 'semi-detached house',
  reihenhaus: 'terraced house',
  reihenend: 'end-of-terrace house',
  reihenmittel: 'mid-terrace house',
  mehrfamilienhaus: 'apartment building',
  villa: 'villa',
  bungalow: 'bungalow',
  bauernhaus: 'farmhouse',
  stadthaus: 'town house',
  ferienhaus: 'holiday home',
  wohnen: 'residential building plot',
  bueroflaeche: 'office space',
  praxisflaeche: 'practice space',
};
const TYPES_EN: Record<string, string> = {
  wohnung: 'flat',
  haus: 'house',
  grundstueck: 'building plot',
  buero_praxen: 'office space',
  einzelhandel: 'retail unit',
  gastgewerbe: 'hospitality property',
  hallen_lager_prod: 'industrial unit',
  zinshaus_renditeobjekt: 'investment property',
  parken: 'parking space',
};
const FEATURES_EN: Record<string, string> = {
  balkon: 'a balcony',
  terrasse: 'a terrace',
  garten: 'a garden',
  aufzug: 'a lift',
  garage: 'a garage',
  stellplatz: 'a parking space',
  keller: 'a cellar',
  einbaukueche: 'a fitted kitchen',
  gaeste_wc: 'a guest WC',
  kamin: 'a fireplace',
  klimaanlage: 'air conditioning',
  fussbodenheizung: 'underfloor heating',
};
const FEATURE_SENTENCES_EN: Record<string, string> = {
  seeblick: 'The lake view is a special highlight.',
  bergblick: 'On clear days the view reaches the mountains.',
  barrierefrei: 'Access is step-free.',
  denkmalschutz: 'The building is listed.',
  moebliert: 'The property is let furnished.',
  haustiere_erlaubt: 'Pets are allowed.',
};
const CONDITIONS_EN: Record<string, string> = {
  erstbezug: 'ready for its first occupants',
  neuwertig: 'as good as new',
  teil_vollsaniert: 'refurbished',
  vollstaendig_renoviert: 'fully renovated',
  modernisiert: 'modernised',
  gepflegt: 'well kept',
  renovierungsbeduerftig: 'in need of renovation',
};

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** An English listing description from the property's facts, in the requested tone and length. */
export function describeListingEn(
  f: ListingFacts,
  opts: { tone: Tone; length: Length; variant: number },
): string {
  const r = new Phrasing(`${f.id}:en:${opts.tone}:${opts.variant}`);
  const base = (f.objectSubtype && SUBTYPES_EN[f.objectSubtype]) ?? TYPES_EN[f.objectType] ?? 'property';
  const word =
    f.rooms !== null && f.objectType === 'wohnung' ? `${formatNumber(f.rooms, 'en')}-room ${base}` : base;
  const place = placeOf(f);
  const forSale = f.marketingType === 'kauf';
  const deal = forSale ? 'for sale' : 'to let';
  const lake = f.features.includes('seeblick') || /bodensee/i.test(`${f.city} ${f.locationDescription}`);
  const isPlot = f.objectType === 'grundstueck';

  const opening: Record<Tone, string[]> = {
    professional: [
      `We are pleased to offer ${article(word)} ${word} ${deal} in ${place}.`,
      `This ${word} in ${place} is ${deal}.`,
    ],
    casual: [`Looking for a fresh start in ${place}? This ${word} is ${deal}.`],
    luxury: [
      `Exceptional living in ${place}: ${article(word)} ${word} ${deal}${lake ? ' on Lake Constance' : ''}.`,
    ],
    friendly: [`Searching for a new home in ${place}? Let us introduce this ${word}, ${deal} now.`],
  };
  const paragraphs: string[][] = [[r.pick(opening[opts.tone])]];

  const space: string[] = [];
  const area = f.livingArea ?? f.usableArea;
  if (isPlot && f.plotArea !== null) space.push(`The plot measures ${formatArea(f.plotArea, 'en')}.`);
  else if (area !== null) {
    const kind = f.livingArea !== null ? 'of living space' : 'of usable space';
    space.push(
      f.rooms !== null
        ? `It offers ${formatArea(area, 'en')} ${kind} across ${countEn(f.rooms, 'room')}.`
        : `It offers ${formatArea(area, 'en')} ${kind}.`,
    );
    const rooms = [
      f.bedrooms !== null ? countEn(f.bedrooms, 'bedroom') : null,
      f.bathrooms !== null ? countEn(f.bathrooms, 'bathroom') : null,
    ].filter((x): x is string => x !== null);
    if (rooms.length) space.push(`These include ${joinList(rooms, 'en')}.`);
    if (f.floor !== null && f.objectType === 'wohnung')
      space.push(
        `The flat is ${floorEn(f.floor)}${f.totalFloors !== null ? ` of a building with ${countEn(f.totalFloors, 'storey', 'storeys')}` : ''}.`,
      );
    if (f.plotArea !== null) space.push(`The plot measures ${formatArea(f.plotArea, 'en')}.`);
  }
  if (space.length) paragraphs.push(space);

  const detail: string[] = [];
  const listed = f.features.map((x) => FEATURES_EN[x]).filter((x): x is string => Boolean(x));
  if (listed.length)
    detail.push(
      r.pick([
        `Features include ${joinList(listed, 'en')}.`,
        `The property comes with ${joinList(listed, 'en')}.`,
      ]),
    );
  for (const x of f.features) if (FEATURE_SENTENCES_EN[x]) detail.push(FEATURE_SENTENCES_EN[x]);
  const condition = f.condition ? CONDITIONS_EN[f.condition] : undefined;
  if (f.yearBuilt && condition) detail.push(`Built in ${f.yearBuilt}, it is ${condition}.`);
  else if (f.yearBuilt) detail.push(`The building dates from ${f.yearBuilt}.`);
  if (opts.length !== 'short' && detail.length) paragraphs.push(detail);

  if (opts.length !== 'short')
    paragraphs.push([
      `${place} is ${lake ? 'a sought-after address on Lake Constance' : 'a sought-after address in the region'}, and we are happy to tell you more about the neighbourhood during a viewing.`,
    ]);

  const costs: string[] = [];
  if (forSale) {
    costs.push(
      f.purchasePriceCents !== null
        ? `The asking price is ${formatEuros(f.purchasePriceCents, 'en')}.`
        : 'The price is available on request.',
    );
    if (f.hausgeldCents !== null)
      costs.push(`The monthly service charge is ${formatEuros(f.hausgeldCents, 'en')}.`);
    if (opts.length !== 'short')
      costs.push(
        'Buyers also pay the usual purchase costs such as land transfer tax, notary and land registry fees.',
      );
  } else if (f.coldRentCents !== null) {
    const extras =
      f.additionalCostsCents !== null
        ? ` plus ${formatEuros(f.additionalCostsCents, 'en')} for utilities`
        : '';
    costs.push(`The net rent is ${formatEuros(f.coldRentCents, 'en')} per month${extras}.`);
    if (f.depositText) costs.push(`Deposit: ${f.depositText}.`);
  } else costs.push('The rent is available on request.');
  if (f.commissionText) costs.push(`${forSale ? "Buyer's commission" : 'Commission'}: ${f.commissionText}.`);
  paragraphs.push(costs);

  const energy = energyStatementOf(f, 'en');
  if (energy.sentence) paragraphs.push([energy.sentence]);

  const close: Record<Tone, string> = {
    professional: 'We are happy to provide further information and arrange a viewing.',
    casual: 'Curious? Get in touch and book a viewing.',
    luxury: 'We would be delighted to present this property to you in a private viewing.',
    friendly: 'We look forward to hearing from you and showing you around in person.',
  };
  paragraphs.push([close[opts.tone]]);
  return paragraphs.map((p) => p.join(' ')).join('\n\n');
}
