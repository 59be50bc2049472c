import { z } from 'zod';
import { ROLES } from '../../platform/rbac/roles.js';
import { isoDate } from '../../platform/validation/iso-date.js';

export const roleSchema = z.enum(ROLES);

export const memberSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  acceptUrl: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const createInvitationBody = z.object({
  email: z.string().trim().toLowerCase().email({ message: 'Ungültige E-Mail-Adresse' }).max(254),
  role: roleSchema,
});

export const auditEntrySchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  ipAddress: z.string().nullable(),
  createdAt: z.string(),
  /** The record's name and app link, when its module can still find it. */
  subject: z.object({ label: z.string(), path: z.string().nullable() }).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const jobRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'retrying', 'completed', 'dead', 'cancelled']),
  attempts: z.number(),
  maxAttempts: z.number(),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type JobRunView = z.infer<typeof jobRunSchema>;

/** Empty text clears the field. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable();

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'Farbe als #RRGGBB' });

export const tenantSettingsSchema = z.object({
  displayName: z.string(),
  primaryColor: z.string(),
  accentColor: z.string(),
  defaultLocale: z.enum(['de', 'en']),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  hasLogo: z.boolean(),
  legalName: z.string().nullable(),
  representative: z.string().nullable(),
  registerEntry: z.string().nullable(),
  vatId: z.string().nullable(),
  licence34c: z.string().nullable(),
  supervisoryAuthority: z.string().nullable(),
  chamber: z.string().nullable(),
  privacyPolicy: z.string().nullable(),
  /** Impressum items § 5 DDG / § 34c GewO still wants, in German; public pages say they are incomplete. */
  legalMissing: z.array(z.string()),
  imprintUrl: z.string(),
  privacyUrl: z.string(),
});
export type TenantSettingsView = z.infer<typeof tenantSettingsSchema>;

export const updateTenantSettingsBody = z
  .object({
    displayName: z.string().trim().min(2).max(120),
    primaryColor: hexColor,
    accentColor: hexColor,
    defaultLocale: z.enum(['de', 'en']),
    contactEmail: z.string().trim().email().max(254).nullable(),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()/-]{5,30}$/, { message: 'Ungültige Telefonnummer' })
      .nullable(),
    address: z.string().trim().max(300).nullable(),
    legalName: optionalText(200),
    representative: optionalText(300),
    registerEntry: optionalText(200),
    vatId: z
      .string()
      .trim()
      .regex(/^(DE\d{9})?$/, { message: 'USt-IdNr. wie DE123456789' })
      .transform((v) => v || null)
      .nullable(),
    licence34c: optionalText(400),
    supervisoryAuthority: optionalText(300),
    chamber: optionalText(200),
    privacyPolicy: optionalText(20_000),
  })
  .partial()
  .strict();

export const apiKeySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** The key's first characters (`ixk_Ab12Cd`), to tell keys apart; the key itself is never shown again. */
  tokenHint: z.string(),
  scopes: z.array(z.string()),
  createdByName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyItem = z.infer<typeof apiKeySchema>;

export const apiKeyScopeSchema = z.object({
  id: z.string(),
  module: z.string(),
  moduleTitle: z.object({ de: z.string(), en: z.string() }),
  label: z.object({ de: z.string(), en: z.string() }),
});
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const apiKeyListSchema = z.object({
  items: z.array(apiKeySchema),
  /** The permissions the caller may hand to a key: those of their own role. */
  scopes: z.array(apiKeyScopeSchema),
});
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

export const createApiKeyBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Bitte einen Namen angeben, z. B. die angebundene Anwendung.')
    .max(80, 'Höchstens 80 Zeichen.'),
  scopes: z.array(z.string().max(100)).min(1, 'Bitte mindestens ein Recht wählen.').max(200),
  /** Last day the key works (it stops at the end of that day, Berlin time); none: until revoked. */
  expiresOn: isoDate.nullable().default(null),
});
export type CreateApiKeyBody = z.input<typeof createApiKeyBody>;

export const issuedApiKeySchema = z.object({
  key: apiKeySchema,
  /** The key itself, shown this once. */
  token: z.string(),
});
