/**
 * LinkedIn's `commentary` is "little text": these characters are markup and must be escaped,
 * or the post is cut off or rejected. Hashtags become the hashtag template so they link.
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export function toLittleText(text: string): string {
  return text
    .split(/(#[\p{L}\p{N}_]+)/u)
    .map((part) =>
      /^#[\p{L}\p{N}_]+$/u.test(part)
        ? `{hashtag|\\#|${part.slice(1)}}`
        : part.replace(RESERVED, (c) => `\\${c}`),
    )
    .join('');
}
