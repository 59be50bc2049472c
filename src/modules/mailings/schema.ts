import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';
import type {
  CampaignState,
  ConsentSource,
  OwnerReportTrigger,
  RecipientState,
} from './domain/mailing-enums.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });

/** An e-mail template with placeholders ({{anrede}}, {{objekt_titel}} …), checked when saved. */
export const mailingTemplate = pgTable(
  'mailings_template',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * A contact's express consent to advertising e-mail (UWG § 7 Abs. 2 Nr. 2), with the evidence the
 * office must be able to show. Separate from the CRM's consent to process an inquiry: a portal
 * inquirer agreed to be answered, not to receive offers.
 */
export const mailingConsent = pgTable(
  'mailings_consent',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    grantedAt: timestamp({ withTimezone: true }).notNull(),
    source: text().$type<ConsentSource>().notNull(),
    evidence: text().notNull(),
    recordedBy: text(),
    revokedAt: timestamp({ withTimezone: true }),
    /** `abmeldelink` (the link in every mailing) or `manuell` (recorded by the office). */
    revokedVia: text(),
  },
  (t) => [unique('mailings_consent_contact').on(t.tenantId, t.contactId), tenantIsolationPolicy()],
);

/** One "Angebotsversand": a listing offered to the contacts whose search profile matches it. */
export const mailingCampaign = pgTable(
  'mailings_campaign',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    propertyTitle: text().notNull(),
    /** The template's text as it was at the start: editing the template later changes nothing here. */
    subject: text().notNull(),
    body: text().notNull(),
    state: text().$type<CampaignState>().notNull().default('laeuft'),
    perMinute: integer().notNull(),
    createdBy: text(),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('mailings_campaign_created').on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);

export const mailingRecipient = pgTable(
  'mailings_recipient',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    campaignId: uuid()
      .notNull()
      .references(() => mailingCampaign.id, { onDelete: 'cascade' }),
    /** Cascade: erasing a contact (GDPR Art. 17) takes its name and address out of every mailing. */
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    email: text(),
    score: integer().notNull(),
    state: text().$type<RecipientState>().notNull().default('wartet'),
    /** Why it was skipped or failed, in words for the broker. */
    reason: text(),
    /** sha256 of the unsubscribe token in this recipient's mail. */
    unsubscribeTokenHash: text(),
    mailId: uuid(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('mailings_recipient_contact').on(t.campaignId, t.contactId),
    index('mailings_recipient_state').on(t.campaignId, t.state),
    index('mailings_recipient_token').on(t.unsubscribeTokenHash),
    index('mailings_recipient_contact_idx').on(t.tenantId, t.contactId),
    tenantIsolationPolicy(),
  ],
);

/**
 * Who gets a listing's owner report (Eigentümerbericht), whether it goes out every Monday, and the
 * broker's assessment and price advice printed in it.
 */
export const ownerReportSetting = pgTable(
  'mailings_owner_report_setting',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    /** Set null when the owner's contact is erased: the weekly report then stops by itself. */
    ownerContactId: uuid().references(() => contact.id, { onDelete: 'set null' }),
    weekly: boolean().notNull().default(false),
    /** When the weekly report was switched on: the first goes out the Monday after, not at once. */
    weeklySince: timestamp({ withTimezone: true }),
    assessment: text().notNull().default(''),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('mailings_owner_report_setting_property').on(t.propertyId),
    index('mailings_owner_report_setting_weekly').on(t.weekly),
    tenantIsolationPolicy(),
  ],
);

/** One owner report as it was sent: the period it covered, to whom, and the outbox mail. */
export const ownerReport = pgTable(
  'mailings_owner_report',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    /** Cascade: an erased owner's reports (with the address they went to) go with the contact. */
    ownerContactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    toAddress: text().notNull(),
    periodFrom: timestamp({ withTimezone: true }).notNull(),
    periodTo: timestamp({ withTimezone: true }).notNull(),
    trigger: text().$type<OwnerReportTrigger>().notNull(),
    /** `propertyId:2026-W49` for the weekly run: a second server or a retry cannot send the week twice. */
    weekKey: text(),
    mailId: uuid(),
    sentBy: text(),
    sentByName: text(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mailings_owner_report_property').on(t.propertyId, t.sentAt),
    unique('mailings_owner_report_week').on(t.weekKey),
    tenantIsolationPolicy(),
  ],
);
