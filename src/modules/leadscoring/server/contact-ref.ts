import type { Platform } from '../../../platform/kernel.js';

/**
 * A contact named on a page opened through that contact's own link, signed so that the
 * tracking endpoint can trust it: `<contactId>.<tag>`. Nobody can tie their visits to
 * somebody else by editing the page.
 */
const PURPOSE = 'leadscoring.contact-ref';

export const signContactRef = (platform: Platform, tenantId: string, contactId: string) =>
  `${contactId}.${platform.secretBox.sign(PURPOSE, `${tenantId}:${contactId}`)}`;

export function verifyContactRef(
  platform: Platform,
  tenantId: string,
  ref: string | undefined,
): string | null {
  if (!ref) return null;
  const [contactId, tag] = ref.split('.');
  if (!contactId || !tag || !/^[0-9a-f-]{36}$/.test(contactId)) return null;
  return platform.secretBox.verify(PURPOSE, `${tenantId}:${contactId}`, tag) ? contactId : null;
}

/** Cookie names per office: a visitor's consent to one office's tracking is not consent to another's. */
export const cookieSuffix = (tenantId: string) =>
  tenantId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'office';
