import type { TFunction } from 'i18next';

const number = (n: number, lang: string, digits = 1) =>
  n.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: digits });

export function figuresLine(
  t: TFunction,
  f: { floors: number; rooms: number; livingArea: number; width: number; depth: number },
  lang: string,
): string {
  return t('models3d:figures', {
    floors: f.floors,
    rooms: f.rooms,
    living: number(f.livingArea, lang),
    width: number(f.width, lang),
    depth: number(f.depth, lang),
  });
}

export function sizeLabel(bytes: number, lang: string): string {
  return bytes >= 1024 * 1024
    ? `${number(bytes / 1024 / 1024, lang)} MB`
    : `${number(bytes / 1024, lang, 0)} KB`;
}
