import { OBJECT_TYPE_LABELS_DE, SUBTYPE_LABELS_DE } from '../../../crm/domain/labels-de.js';
import type { SocialTarget, Tone } from '../../contract.js';
import { energyStatementOf, type ListingFacts, placeOf } from '../listing-facts.js';
import { countDe, countEn, formatArea, formatEuros, Phrasing } from './phrasing.js';

function hashtags(f: ListingFacts, lang: 'de' | 'en'): string[] {
  const place = f.city.replace(/\s+am\s+Bodensee$/, '').replace(/[^\p{L}\p{N}]/gu, '');
  const type = (OBJECT_TYPE_LABELS_DE[f.objectType] ?? 'Immobilie').replace(/[^\p{L}]/gu, '');
  return lang === 'de'
    ? [
        `#${place}`,
        '#Bodensee',
        `#${type}`,
        f.marketingType === 'kauf' ? '#Immobilienkauf' : '#Mietwohnung',
        '#Immobilien',
      ]
    : [
        `#${place}`,
        '#LakeConstance',
        '#RealEstate',
        f.marketingType === 'kauf' ? '#PropertyForSale' : '#ToLet',
      ];
}

/**
 * A social post per platform from the listing: LinkedIn reads like a short announcement,
 * Instagram and TikTok lead with emoji lines and point to the bio, Facebook sits in between.
 * The GEG energy items go into every post, since a social post is an advert too.
 */
export function socialPostOffline(
  f: ListingFacts,
  opts: { platform: SocialTarget; tone: Tone; variant: number; language: 'de' | 'en' },
): string {
  const r = new Phrasing(`${f.id}:social:${opts.platform}:${opts.tone}:${opts.variant}:${opts.language}`);
  const de = opts.language === 'de';
  const place = placeOf(f);
  const label = de
    ? ((f.objectSubtype && SUBTYPE_LABELS_DE[f.objectSubtype]) ??
      OBJECT_TYPE_LABELS_DE[f.objectType] ??
      'Immobilie')
    : 'property';
  const area = f.livingArea ?? f.usableArea ?? (f.objectType === 'grundstueck' ? f.plotArea : null);
  const figures = [
    f.rooms !== null ? (de ? countDe(f.rooms, 'Zimmer') : countEn(f.rooms, 'room')) : null,
    area !== null ? formatArea(area, de ? 'de' : 'en') : null,
  ].filter(Boolean);
  const price =
    f.marketingType === 'kauf'
      ? f.purchasePriceCents !== null
        ? `${de ? 'Kaufpreis' : 'Price'} ${formatEuros(f.purchasePriceCents, de ? 'de' : 'en')}`
        : de
          ? 'Preis auf Anfrage'
          : 'Price on request'
      : f.coldRentCents !== null
        ? `${de ? 'Kaltmiete' : 'Net rent'} ${formatEuros(f.coldRentCents, de ? 'de' : 'en')}`
        : de
          ? 'Miete auf Anfrage'
          : 'Rent on request';
  const energy = energyStatementOf(f, de ? 'de' : 'en').line;
  const headline = de
    ? r.pick(
        opts.tone === 'luxury'
          ? [`Exklusiv in ${place}: ${f.title}`, `Besonderes Angebot in ${place}`]
          : opts.tone === 'casual'
            ? [`Neu bei uns: ${f.title}`, `Frisch im Angebot in ${place}!`]
            : [`Neu im Angebot: ${f.title}`, `${label} in ${place}`],
      )
    : r.pick([`New listing: ${f.title}`, `Now available in ${place}`]);
  const tags = hashtags(f, opts.language);
  const cta = de
    ? opts.platform === 'instagram' || opts.platform === 'tiktok'
      ? 'Link zum Exposé in der Bio.'
      : `Alle Details: ${f.publicUrl}`
    : opts.platform === 'instagram' || opts.platform === 'tiktok'
      ? 'Link in bio.'
      : `Details: ${f.publicUrl}`;
  const lines =
    opts.platform === 'linkedin'
      ? [
          headline,
          '',
          `${figures.join(' · ')}${figures.length ? ' – ' : ''}${place}.`,
          `${price}.`,
          energy ? `${energy}.` : '',
          '',
          cta,
          '',
          tags.slice(0, 3).join(' '),
        ]
      : opts.platform === 'facebook'
        ? [
            headline,
            '',
            `📍 ${place}`,
            figures.length ? `📐 ${figures.join(' · ')}` : '',
            `💶 ${price}`,
            energy ? `⚡ ${energy}` : '',
            '',
            cta,
            '',
            tags.slice(0, 4).join(' '),
          ]
        : [
            `🏡 ${headline}`,
            '',
            `📍 ${place}`,
            figures.length ? `📐 ${figures.join(' · ')}` : '',
            `💶 ${price}`,
            energy ? `⚡ ${energy}` : '',
            '',
            cta,
            '',
            tags.join(' '),
          ];
  const text = lines
    .filter((line, i, all) => line !== '' || (all[i - 1] !== '' && i > 0))
    .join('\n')
    .trim();
  return text;
}
