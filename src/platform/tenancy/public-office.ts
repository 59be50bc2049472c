import { z } from 'zod';
import { imprintUrl, privacyUrl } from './legal-notice.js';
import type { OfficeSettings } from './tenant-settings-service.js';

/** What a page for customers shows of the office: contact, and the Impressum and privacy links. */
export const publicOfficeSchema = z.object({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  imprintUrl: z.string().nullable(),
  privacyUrl: z.string().nullable(),
});
export type PublicOffice = z.infer<typeof publicOfficeSchema>;

export function publicOffice(settings: OfficeSettings | null, publicUrl: string): PublicOffice {
  return {
    name: settings?.displayName ?? 'Maklerbüro',
    email: settings?.contactEmail ?? null,
    phone: settings?.contactPhone ?? null,
    imprintUrl: settings ? imprintUrl(publicUrl, settings.tenantSlug) : null,
    privacyUrl: settings ? privacyUrl(publicUrl, settings.tenantSlug) : null,
  };
}
