import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsync } from 'fastify';
import type { Tx } from '../db/database.js';
import type { RequestAuth } from '../http/request-auth.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import type { Platform } from '../kernel.js';
import type { LocalizedText, PermissionDefinition } from '../rbac/permissions.js';
import type { ModuleId } from './module-ids.js';
import type { MediaSource } from './shared-media.js';
import type { StructuredOutput } from './structured-output.js';

/** One entry in the app navigation; shown to users who hold `permission`. */
export interface NavEntry {
  path: string;
  label: LocalizedText;
  /** A lucide icon name, resolved by the web shell. */
  icon: string;
  permission: string;
  order: number;
}

/** What a module contributes at run time; imported only when the module is enabled. */
export interface ListingEmbed {
  title: string;
  /** An address on this server that may be framed by the listing page. */
  url: string;
}

/** A public page being rendered: whose it is, about which listing, and for whom when the link is personal. */
export interface PublicPageContext {
  tenantId: string;
  kind: 'listing' | 'expose' | 'booking' | 'visitor';
  propertyId: string | null;
  /** Set only on a page opened through a contact's own link (personal exposé, viewing link). */
  contactId: string | null;
}

/**
 * A section another module adds to a property's exposé (the market analysis page): plain
 * labelled values, an optional table and notes, so the exposé renders it without knowing the module.
 */
export interface ExposeSection {
  title: string;
  intro: string | null;
  facts: [label: string, value: string][];
  /** `widths` in points for every column but the first, which takes the rest of the line. */
  table: { header: string[]; rows: string[][]; widths: number[] } | null;
  notes: string[];
}

/** Display names and app paths of audited records, by id. */
export type AuditSubjects = (
  tx: Tx,
  ids: string[],
) => Promise<Map<string, { label: string; path: string | null }>>;

export interface ModuleServer {
  /** Registered under `/api/<apiPrefix or module id>`. */
  routes?: FastifyPluginAsync<{ platform: Platform }>;
  /**
   * The operators' part of the module, under `/api/superadmin/<module id>`; every route in it
   * must be `access: 'superadmin'` (so it is kept in the operators' log).
   */
  operatorRoutes?: FastifyPluginAsync<{ platform: Platform }>;
  /** Pages outside /api without login (public listing pages); registered at the root. */
  publicRoutes?: FastifyPluginAsync<{ platform: Platform }>;
  jobs?: (platform: Platform) => JobDefinition<never>[];
  subscribe?: (platform: Platform) => void;
  /** Fills a freshly created demo office with this module's sample data. */
  seedDemo?: (platform: Platform, tenantId: string) => Promise<void>;
  /**
   * Embeds for a public listing page (a 3D tour, say), asked of every enabled module when the
   * page is rendered; the listing module stays unaware of who contributes them.
   */
  publicListingEmbeds?: (platform: Platform, tenantId: string, propertyId: string) => Promise<ListingEmbed[]>;
  /**
   * HTML a module adds at the end of a public page (the lead-scoring consent banner and its
   * first-party tracker), asked of every enabled module when such a page is rendered.
   */
  publicPageAddons?: (platform: Platform, page: PublicPageContext) => Promise<string>;
  /** Sections for a property's exposé PDF, asked of every enabled module when one is rendered. */
  exposeSections?: (platform: Platform, tenantId: string, propertyId: string) => Promise<ExposeSection[]>;
  /**
   * Filters and sort keys other modules add to the CRM's contact list, by query parameter name
   * (lead scoring: `segment`, sort `score`). Each builds SQL on the list's contact id column.
   */
  contactList?: {
    filters?: Record<string, (contactId: AnyPgColumn, value: string) => SQL>;
    sorts?: Record<string, (contactId: AnyPgColumn) => SQL>;
  };
  /**
   * What this module stores about a contact, for the contact's data export (GDPR Art. 15/20).
   * Runs in the office's transaction; keys are the module's own.
   */
  contactExport?: (tx: Tx, contactId: string) => Promise<Record<string, unknown>>;
  /** Answers prompts with schema-checked objects (the AI module); see structured-output.ts. */
  structuredOutput?: StructuredOutput;
  /** Photos and videos this module owns that other modules may use, by source name (shared-media.ts). */
  mediaSources?: Record<string, MediaSource>;
  /**
   * Names and app links of the records this module writes to the audit log, per entity, so the
   * log shows "Villa am See" with a link instead of an id. Runs in the reader's tenant.
   */
  auditSubjects?: Record<string, AuditSubjects>;
  /**
   * The navigation of one user beyond what office roles give: entries reached by something else
   * (administering a broker network), and this module's paths hidden while they lead nowhere.
   */
  navFor?: (
    platform: Platform,
    auth: RequestAuth,
  ) => Promise<{ add: Omit<NavEntry, 'permission'>[]; hide: string[] }>;
  /** Runs in every process (API and worker) once the platform starts: wiring, warm-up. */
  onStart?: (platform: Platform) => Promise<void>;
  /**
   * Periodic ticks; only in processes that run jobs (ROLE=worker|all). Several workers each tick,
   * so a tick must be idempotent across them (an enqueue key per slot, a claimed row).
   */
  schedules?: (platform: Platform) => Promise<void>;
  onStop?: (platform: Platform) => Promise<void>;
}

/** Reading a manifest tells you the whole module: what it needs, defines and shows. */
export interface ModuleManifest {
  id: ModuleId;
  /** Path under /api when it differs from the id (`social` serves `/api/social-media`). */
  apiPrefix?: string;
  title: LocalizedText;
  description: LocalizedText;
  dependsOn: readonly ModuleId[];
  /** Core modules cannot be switched off. */
  core: boolean;
  defaultEnabled: boolean;
  permissions: readonly PermissionDefinition[];
  nav: readonly NavEntry[];
  /** Entries only operators of the platform (super-admins) see, whatever their office role. */
  operatorNav?: readonly Omit<NavEntry, 'permission'>[];
  server: () => Promise<ModuleServer>;
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
