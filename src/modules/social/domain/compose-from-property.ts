import { energyStatement } from '../../crm/domain/energy-statement.js';
import { FEATURE_LABELS_DE, OBJECT_TYPE_LABELS_DE } from '../../crm/domain/labels-de.js';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { priceLine } from '../../crm/server/public-listing-html.js';
import type { SocialPlatform } from './platforms.js';
import { LIMITS } from './post-rules.js';

export interface ComposedVariant {
  platform: SocialPlatform;
  text: string;
  link: string;
  hashtags: string[];
}

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

/** The listing link with UTM tags, so the office sees which channel brought the visitor. */
export function trackedLink(publicUrl: string, slug: string, platform: SocialPlatform): string {
  const url = new URL(`/p/${slug}`, publicUrl);
  url.searchParams.set('utm_source', platform);
  url.searchParams.set('utm_medium', 'social');
  url.searchParams.set('utm_campaign', 'objekt');
  return url.toString();
}

function hashtagsFor(p: PropertyRow): string[] {
  const place = p.city.replace(/\s+am\s+Bodensee$/, '').replace(/[^\p{L}\p{N}]/gu, '');
  const type = (OBJECT_TYPE_LABELS_DE[p.objectType] ?? 'Immobilie').replace(/[^\p{L}]/gu, '');
  return [
    `#${place}`,
    '#Bodensee',
    `#${type}`,
    p.marketingType === 'kauf' ? '#Immobilienkauf' : '#Mietwohnung',
    '#Immobilien',
  ];
}

/**
 * A first draft per channel from the listing's facts: title, key figures, price, the public
 * page with UTM tags, and the GEG §87 energy details that every property advert must carry.
 */
export function composeFromProperty(p: PropertyRow, publicUrl: string): ComposedVariant[] {
  const figures = [
    p.rooms !== null ? `${number.format(p.rooms)} Zimmer` : null,
    p.livingArea !== null ? `${number.format(p.livingArea)} m² Wohnfläche` : null,
    p.livingArea === null && p.usableArea !== null ? `${number.format(p.usableArea)} m² Nutzfläche` : null,
    p.plotArea !== null && p.objectType !== 'wohnung' ? `${number.format(p.plotArea)} m² Grundstück` : null,
  ].filter(Boolean);
  const highlights = p.features.slice(0, 4).map((f) => FEATURE_LABELS_DE[f] ?? f);
  // The one § 87 line for this listing ("Energieausweis: …"), never prefixed again here.
  const energy = energyStatement(p).line;
  const tags = hashtagsFor(p);
  const place = `${p.city}${p.district ? `-${p.district}` : ''}`;
  const build = (platform: SocialPlatform): ComposedVariant => {
    const link = trackedLink(publicUrl, p.slug, platform);
    const lines =
      platform === 'linkedin'
        ? [
            `Neu im Angebot: ${p.title}`,
            '',
            figures.length ? `${figures.join(' · ')} in ${place}.` : `Lage: ${place}.`,
            highlights.length ? `Ausstattung: ${highlights.join(', ')}.` : '',
            priceLine(p),
            '',
            energy ?? '',
            '',
            `Alle Details: ${link}`,
            '',
            tags.slice(0, 3).join(' '),
          ]
        : platform === 'instagram'
          ? [
              `🏡 ${p.title}`,
              '',
              `📍 ${place}`,
              figures.length ? `📐 ${figures.join(' · ')}` : '',
              highlights.length ? `✨ ${highlights.join(' · ')}` : '',
              `💶 ${priceLine(p)}`,
              '',
              energy ? `⚡ ${energy}` : '',
              '',
              'Link zum Exposé in der Bio.',
              '',
              tags.join(' '),
            ]
          : platform === 'tiktok'
            ? [
                figures.length ? `${p.title} – ${figures.join(', ')}` : p.title,
                priceLine(p),
                energy ?? '',
                tags.slice(0, 4).join(' '),
              ]
            : [
                `${p.title}`,
                '',
                figures.length ? `${figures.join(' · ')} in ${place}` : `Lage: ${place}`,
                highlights.length ? highlights.join(' · ') : '',
                priceLine(p),
                '',
                energy ?? '',
                '',
                `Exposé und Anfrage: ${link}`,
              ];
    let text = lines
      .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
      .join('\n')
      .trim();
    const max = LIMITS[platform].caption;
    if ([...text].length > max) text = `${[...text].slice(0, max - 1).join('')}…`;
    return { platform, text, link, hashtags: tags };
  };
  return (['facebook', 'instagram', 'linkedin', 'tiktok'] as const).map(build);
}
