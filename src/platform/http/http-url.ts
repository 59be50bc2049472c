import { z } from 'zod';

/**
 * An address a person or a platform will open: http(s) only, so `javascript:` or `data:`
 * never reaches a link, a button or a post.
 */
export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Nur http- oder https-Adressen sind erlaubt.' })
  .max(2000);
