import { z } from 'zod';
import { pageQuery } from '../../platform/http/page-schema.js';
import {
  ACTIVITY_KINDS,
  CONTACT_KINDS,
  CONTACT_ROLES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  SALUTATIONS,
  VIEWING_STATUSES,
} from './domain/contact-enums.js';
import {
  CONDITIONS,
  ENERGY_CARRIERS,
  ENERGY_CERTIFICATE_TYPES,
  ENERGY_CLASSES,
  FEATURES,
  FEDERAL_STATES,
  MARKETING_TYPES,
  OBJECT_SUBTYPES,
  OBJECT_TYPES,
  PROPERTY_STATUSES,
} from './domain/property-enums.js';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const area = z.number().positive({ message: 'muss größer als 0 sein' }).max(1_000_000);
const euros = z.number().min(0, { message: 'darf nicht negativ sein' }).max(1_000_000_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Datum als JJJJ-MM-TT' });
const year = z.number().int().min(1000).max(2100);

/** Prices travel as euros (decimals) in the API and are stored as integer cents. */
const propertyFields = {
  externalId: text(40).min(1).optional(),
  title: text(200).min(3, { message: 'Mindestens 3 Zeichen' }),
  description: text(20_000).optional(),
  locationDescription: text(10_000).optional(),
  equipmentDescription: text(10_000).optional(),
  marketingType: z.enum(MARKETING_TYPES),
  objectType: z.enum(OBJECT_TYPES),
  objectSubtype: z.string().max(40).nullable().optional(),
  street: optionalText(120),
  houseNumber: optionalText(20),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'Postleitzahl mit 5 Ziffern' }),
  city: text(80).min(2),
  district: optionalText(80),
  federalState: z.enum(FEDERAL_STATES).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  showAddress: z.boolean().optional(),
  livingArea: area.nullable().optional(),
  usableArea: area.nullable().optional(),
  plotArea: area.nullable().optional(),
  rooms: z.number().min(0.5).max(100).multipleOf(0.5).nullable().optional(),
  bedrooms: z.number().int().min(0).max(50).nullable().optional(),
  bathrooms: z.number().int().min(0).max(50).nullable().optional(),
  floor: z.number().int().min(-5).max(200).nullable().optional(),
  totalFloors: z.number().int().min(1).max(200).nullable().optional(),
  yearBuilt: year.nullable().optional(),
  condition: z.enum(CONDITIONS).nullable().optional(),
  features: z.array(z.enum(FEATURES)).max(FEATURES.length).optional(),
  purchasePrice: euros.nullable().optional(),
  coldRent: euros.nullable().optional(),
  warmRent: euros.nullable().optional(),
  additionalCosts: euros.nullable().optional(),
  hausgeld: euros.nullable().optional(),
  depositText: optionalText(200),
  commissionText: optionalText(500),
  energyCertificateType: z.enum(ENERGY_CERTIFICATE_TYPES).nullable().optional(),
  energyValue: z.number().min(0).max(2000).nullable().optional(),
  energyCarrier: z.enum(ENERGY_CARRIERS).nullable().optional(),
  energyYearBuilt: year.nullable().optional(),
  energyClass: z.enum(ENERGY_CLASSES).nullable().optional(),
  energyIssuedAt: isoDate.nullable().optional(),
  energyValidUntil: isoDate.nullable().optional(),
  energyIncludesHotWater: z.boolean().nullable().optional(),
  internalNotes: text(20_000).optional(),
  assignedAgentId: z.string().max(100).nullable().optional(),
};

const subtypeMatchesType = (v: { objectType?: string; objectSubtype?: string | null }) =>
  !v.objectType ||
  !v.objectSubtype ||
  (OBJECT_SUBTYPES[v.objectType as keyof typeof OBJECT_SUBTYPES] as readonly string[]).includes(
    v.objectSubtype,
  );

export const createPropertyBody = z
  .object(propertyFields)
  .strict()
  .refine(subtypeMatchesType, { message: 'Unterart passt nicht zur Objektart', path: ['objectSubtype'] });
export const updatePropertyBody = z
  .object(propertyFields)
  .partial()
  .strict()
  .refine(subtypeMatchesType, { message: 'Unterart passt nicht zur Objektart', path: ['objectSubtype'] });
export type CreatePropertyInput = z.infer<typeof createPropertyBody>;
export type UpdatePropertyInput = z.infer<typeof updatePropertyBody>;

export const mediaSchema = z.object({
  id: z.string(),
  kind: z.enum(['photo', 'floorplan']),
  position: z.number(),
  isTitle: z.boolean(),
  altText: z.string(),
  width: z.number(),
  height: z.number(),
  sizeBytes: z.number(),
  urls: z.object({ thumb: z.string(), web: z.string(), original: z.string() }),
});
export type MediaView = z.infer<typeof mediaSchema>;

export const propertyWarningSchema = z.object({ code: z.string(), message: z.string() });

export const propertySchema = z.object({
  id: z.string(),
  slug: z.string(),
  externalId: z.string(),
  title: z.string(),
  description: z.string(),
  locationDescription: z.string(),
  equipmentDescription: z.string(),
  marketingType: z.enum(MARKETING_TYPES),
  objectType: z.string(),
  objectSubtype: z.string().nullable(),
  status: z.enum(PROPERTY_STATUSES),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  federalState: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  showAddress: z.boolean(),
  livingArea: z.number().nullable(),
  usableArea: z.number().nullable(),
  plotArea: z.number().nullable(),
  rooms: z.number().nullable(),
  bedrooms: z.number().nullable(),
  bathrooms: z.number().nullable(),
  floor: z.number().nullable(),
  totalFloors: z.number().nullable(),
  yearBuilt: z.number().nullable(),
  condition: z.string().nullable(),
  features: z.array(z.string()),
  purchasePrice: z.number().nullable(),
  coldRent: z.number().nullable(),
  warmRent: z.number().nullable(),
  additionalCosts: z.number().nullable(),
  hausgeld: z.number().nullable(),
  depositText: z.string().nullable(),
  commissionText: z.string().nullable(),
  energyCertificateType: z.string().nullable(),
  energyValue: z.number().nullable(),
  energyCarrier: z.string().nullable(),
  energyYearBuilt: z.number().nullable(),
  energyClass: z.string().nullable(),
  energyIssuedAt: z.string().nullable(),
  energyValidUntil: z.string().nullable(),
  energyIncludesHotWater: z.boolean().nullable(),
  internalNotes: z.string(),
  assignedAgentId: z.string().nullable(),
  isDemo: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedTransitions: z.array(z.enum(PROPERTY_STATUSES)),
  warnings: z.array(propertyWarningSchema),
  titleImage: mediaSchema.nullable(),
  publicUrl: z.string(),
});
export type PropertyView = z.infer<typeof propertySchema>;

/** A property in lists: without the long texts, which only the detail page shows. */
export const propertyListItemSchema = propertySchema.omit({
  description: true,
  locationDescription: true,
  equipmentDescription: true,
  internalNotes: true,
});
export type PropertyListItem = z.infer<typeof propertyListItemSchema>;

export const propertyDetailSchema = propertySchema.extend({ media: z.array(mediaSchema) });
export type PropertyDetail = z.infer<typeof propertyDetailSchema>;

export const PROPERTY_SORTS = [
  'createdAt',
  'updatedAt',
  'price',
  'livingArea',
  'rooms',
  'city',
  'title',
] as const;

export const propertyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(PROPERTY_STATUSES).optional(),
  marketingType: z.enum(MARKETING_TYPES).optional(),
  objectType: z.enum(OBJECT_TYPES).optional(),
  city: z.string().trim().max(80).optional(),
  minPrice: z.coerce.number().min(0).optional(),
  maxPrice: z.coerce.number().min(0).optional(),
  minArea: z.coerce.number().min(0).optional(),
  minRooms: z.coerce.number().min(0).optional(),
  agentId: z.string().max(100).optional(),
  sort: z.enum(PROPERTY_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery().shape,
});
export type PropertyListQuery = z.infer<typeof propertyListQuery>;

export const statusChangeBody = z.object({ status: z.enum(PROPERTY_STATUSES) });

export const contactFields = {
  kind: z.enum(CONTACT_KINDS).optional(),
  salutation: z.enum(SALUTATIONS).nullable().optional(),
  firstName: optionalText(80),
  lastName: optionalText(80),
  companyName: optionalText(160),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email({ message: 'Ungültige E-Mail-Adresse' })
    .max(254)
    .nullable()
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()/-]{5,30}$/, { message: 'Ungültige Telefonnummer' })
    .nullable()
    .optional(),
  mobile: z
    .string()
    .trim()
    .regex(/^[+0-9 ()/-]{5,30}$/, { message: 'Ungültige Telefonnummer' })
    .nullable()
    .optional(),
  street: optionalText(160),
  postalCode: optionalText(10),
  city: optionalText(80),
  roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).optional(),
  leadStatus: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).nullable().optional(),
  assignedAgentId: z.string().max(100).nullable().optional(),
  notes: text(20_000).optional(),
  consentGiven: z.boolean().optional(),
  consentPurpose: optionalText(300),
};

const hasName = (v: { kind?: string; lastName?: string | null; companyName?: string | null }) =>
  v.kind === 'firma' ? Boolean(v.companyName) : Boolean(v.lastName || v.companyName);

export const createContactBody = z
  .object(contactFields)
  .strict()
  .refine(hasName, {
    message: 'Nachname (Person) oder Firmenname (Firma) ist erforderlich',
    path: ['lastName'],
  })
  .refine((v) => !v.consentGiven || Boolean(v.consentPurpose), {
    message: 'Zweck der Einwilligung angeben',
    path: ['consentPurpose'],
  });
export const updateContactBody = z.object(contactFields).partial().strict();

export const contactSchema = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  salutation: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  roles: z.array(z.string()),
  leadStatus: z.enum(LEAD_STATUSES),
  source: z.string().nullable(),
  assignedAgentId: z.string().nullable(),
  notes: z.string(),
  consentGiven: z.boolean(),
  consentAt: z.string().nullable(),
  consentPurpose: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactView = z.infer<typeof contactSchema>;

/** `score` comes from the lead-scoring module and is refused without it. */
export const CONTACT_SORTS = ['createdAt', 'updatedAt', 'lastName', 'leadStatus', 'score'] as const;
export const contactListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  leadStatus: z.enum(LEAD_STATUSES).optional(),
  role: z.enum(CONTACT_ROLES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  agentId: z.string().max(100).optional(),
  /** A lead-scoring segment's id; refused without that module. */
  segment: z.string().uuid('Ungültige Segment-ID.').optional(),
  sort: z.enum(CONTACT_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery().shape,
});
export type ContactListQuery = z.infer<typeof contactListQuery>;

export const searchRequestFields = {
  marketingType: z.enum(MARKETING_TYPES),
  objectTypes: z.array(z.enum(OBJECT_TYPES)).max(OBJECT_TYPES.length).default([]),
  cities: z.array(text(80).min(2)).max(30).default([]),
  minLivingArea: area.nullable().optional(),
  minRooms: z.number().min(0.5).max(100).nullable().optional(),
  maxPrice: euros.nullable().optional(),
  requiredFeatures: z.array(z.enum(FEATURES)).max(FEATURES.length).default([]),
  active: z.boolean().default(true),
};
export const createSearchRequestBody = z.object(searchRequestFields).strict();
export const updateSearchRequestBody = z.object(searchRequestFields).partial().strict();
export const searchRequestSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  marketingType: z.enum(MARKETING_TYPES),
  objectTypes: z.array(z.string()),
  cities: z.array(z.string()),
  minLivingArea: z.number().nullable(),
  minRooms: z.number().nullable(),
  maxPrice: z.number().nullable(),
  requiredFeatures: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type SearchRequestView = z.infer<typeof searchRequestSchema>;

export const matchSchema = z.object({
  score: z.number(),
  reasons: z.array(z.string()),
  searchRequestId: z.string(),
  contact: z
    .object({ id: z.string(), displayName: z.string(), email: z.string().nullable(), leadStatus: z.string() })
    .optional(),
  property: z
    .object({
      id: z.string(),
      title: z.string(),
      city: z.string(),
      status: z.string(),
      price: z.number().nullable(),
    })
    .optional(),
});
export type MatchView = z.infer<typeof matchSchema>;

export const activitySchema = z.object({
  id: z.string(),
  propertyId: z.string().nullable(),
  contactId: z.string().nullable(),
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string(),
  body: z.string(),
  occurredAt: z.string(),
  userName: z.string().nullable(),
});
export type ActivityView = z.infer<typeof activitySchema>;
export const createActivityBody = z
  .object({
    propertyId: z.string().uuid().nullable().optional(),
    contactId: z.string().uuid().nullable().optional(),
    kind: z.enum(['notiz', 'anruf', 'email']),
    subject: text(200).min(1),
    body: text(20_000).optional(),
    occurredAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((v) => v.propertyId || v.contactId, {
    message: 'Objekt oder Kontakt angeben',
    path: ['propertyId'],
  });

export const viewingSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  propertyTitle: z.string(),
  agentId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(VIEWING_STATUSES),
  notes: z.string(),
  contacts: z.array(z.object({ id: z.string(), displayName: z.string() })),
});
export type ViewingView = z.infer<typeof viewingSchema>;
const viewingFields = {
  propertyId: z.string().uuid(),
  contactIds: z.array(z.string().uuid()).max(20).default([]),
  agentId: z.string().max(100).nullable().optional(),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  status: z.enum(VIEWING_STATUSES).optional(),
  notes: text(5000).optional(),
};
const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) =>
  !v.startsAt || !v.endsAt || new Date(v.endsAt).getTime() > new Date(v.startsAt).getTime();
export const createViewingBody = z
  .object(viewingFields)
  .strict()
  .refine(endsAfterStart, { message: 'muss nach dem Beginn liegen', path: ['endsAt'] });
// No default for the visitors here: a PATCH that moves the time (a calendar drag) keeps them.
export const updateViewingBody = z
  .object({ ...viewingFields, contactIds: z.array(z.string().uuid()).max(20) })
  .partial()
  .strict()
  .refine(endsAfterStart, { message: 'muss nach dem Beginn liegen', path: ['endsAt'] });
export const viewingClashQuery = z.object({
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  agentId: z.string().max(100).optional(),
  propertyId: z.string().uuid().optional(),
  excludeId: z.string().uuid().optional(),
});
export const viewingClashSchema = z.object({
  id: z.string(),
  propertyTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Which of the two is double-booked. */
  reason: z.enum(['agent', 'property']),
});
export type ViewingClash = z.infer<typeof viewingClashSchema>;
export const viewingListQuery = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  propertyId: z.string().uuid().optional(),
});

export const savedFilterSchema = z.object({
  id: z.string(),
  entity: z.enum(['property', 'contact']),
  name: z.string(),
  query: z.record(z.string(), z.string()),
});
export const createSavedFilterBody = z
  .object({
    entity: z.enum(['property', 'contact']),
    name: text(80).min(1),
    query: z.record(z.string().max(40), z.string().max(200)),
  })
  .strict();

export { pageOf } from '../../platform/http/page-schema.js';

/** Contact fields a CSV column can be mapped to. */
export const IMPORT_FIELDS = [
  'salutation',
  'firstName',
  'lastName',
  'companyName',
  'email',
  'phone',
  'mobile',
  'street',
  'postalCode',
  'city',
  'roles',
  'leadStatus',
  'source',
  'notes',
  'consentGiven',
  'consentPurpose',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const contactImportBody = z
  .object({
    csv: z.string().min(1, { message: 'Die Datei ist leer.' }).max(10_000_000),
    mapping: z.record(z.string().max(200), z.enum([...IMPORT_FIELDS, 'ignore'])),
    dryRun: z.boolean().default(true),
    onDuplicate: z.enum(['skip', 'update']).default('skip'),
  })
  .strict();

export const contactImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  skippedDuplicates: z.number(),
  errors: z.array(z.object({ line: z.number(), messages: z.array(z.string()) })),
  columns: z.array(z.string()),
});
export type ContactImportReport = z.infer<typeof contactImportReport>;
