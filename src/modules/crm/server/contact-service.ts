import { and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { JsonList } from '../../../platform/db/json-rows.js';
import type { ListTotal, SortKey } from '../../../platform/db/list-page.js';
import { pageBody } from '../../../platform/db/list-page.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contactListFilter, contactListSort } from '../../../platform/modules/contact-list-extensions.js';
import type { ContactListQuery, ContactView, createContactBody, updateContactBody } from '../contract.js';
import '../events.js';
import { activity, contact, searchRequest, viewing, viewingContact } from '../schema.js';
import { assertAgentInTenant } from './assert-agent.js';
import { type ContactRow, contactView } from './contact-view.js';
import { prefixTsQuery } from './property-queries.js';

type CreateInput = ReturnType<typeof createContactBody.parse>;
type UpdateInput = ReturnType<typeof updateContactBody.parse>;

const SORTS = {
  createdAt: contact.createdAt,
  updatedAt: contact.updatedAt,
  lastName: sql`coalesce(${contact.lastName}, ${contact.companyName})`,
  leadStatus: contact.leadStatus,
} as const;

const { searchVector: _searchVector, ...contactColumns } = getTableColumns(contact);
const contactList = new JsonList(contact, contactColumns);

export async function findContactByEmail(tx: Tx, email: string): Promise<ContactRow | undefined> {
  const [row] = await tx
    .select()
    .from(contact)
    .where(sql`lower(${contact.email}) = lower(${email})`)
    .limit(1);
  return row;
}

/**
 * One page of contacts in one statement, off the (tenant, status, created) index, with one row
 * more than the page to tell whether there is a next one; the total is counted apart (issue 19).
 */
export async function listContacts(
  tx: Tx,
  query: ContactListQuery,
  countTotal: (where: SQL | undefined) => Promise<ListTotal>,
  /** Conditions and a sort key of other modules (segment, score), already resolved. */
  extension: { filters: SQL[]; sortKey: SQL | null } = { filters: [], sortKey: null },
) {
  const filters: SQL[] = [...extension.filters];
  if (query.leadStatus) filters.push(eq(contact.leadStatus, query.leadStatus));
  if (query.source) filters.push(eq(contact.source, query.source));
  if (query.agentId) filters.push(eq(contact.assignedAgentId, query.agentId));
  if (query.role) filters.push(sql`${contact.roles} @> ${JSON.stringify([query.role])}::jsonb`);
  const tsQuery = query.q && !query.q.includes('@') ? prefixTsQuery(query.q) : null;
  if (query.q?.includes('@')) {
    // E-mail addresses are one token; match them as a prefix instead of word by word.
    filters.push(sql`lower(${contact.email}) like ${`${query.q.toLowerCase().replace(/[%_\\]/g, '')}%`}`);
  } else if (tsQuery) {
    filters.push(
      sql`(${contact.searchVector} @@ to_tsquery('german', ${tsQuery}) or ${contact.searchVector} @@ to_tsquery('simple', ${tsQuery}))`,
    );
  }
  const where = and(...filters);
  const sort: SortKey = {
    key: query.sort === 'score' ? (extension.sortKey ?? SORTS.createdAt) : SORTS[query.sort],
    id: contact.id,
    direction: query.order,
    // The name can be empty, and a contact not scored yet has no score; the others follow the indexes.
    nullable: query.sort === 'lastName' || query.sort === 'score',
  };
  const page = await contactList.seek(tx, sort, where, query);
  return { page, total: await countTotal(where) };
}

export class ContactService {
  constructor(private readonly platform: Platform) {}

  async list(ctx: TenantRequestContext, query: ContactListQuery) {
    const extension = this.listExtension(query);
    return ctx.db(async (tx) => {
      const { page, total } = await listContacts(
        tx,
        query,
        (where) =>
          this.platform.listTotals.count(tx, ctx.tenantId, contact, where, { exact: query.exactTotal }),
        extension,
      );
      return pageBody(page.items.map(contactView), page, total, query);
    });
  }

  /** Segment filter and score sort, from the lead-scoring module when it is on. */
  private listExtension(query: ContactListQuery): { filters: SQL[]; sortKey: SQL | null } {
    const filters: SQL[] = [];
    if (query.segment) {
      const filter = contactListFilter(this.platform, 'segment');
      if (!filter) throw badRequest('module_disabled', 'Segmente gibt es nur mit dem Modul Lead-Scoring.');
      filters.push(filter(contact.id, query.segment));
    }
    let sortKey: SQL | null = null;
    if (query.sort === 'score') {
      const sort = contactListSort(this.platform, 'score');
      if (!sort)
        throw badRequest('module_disabled', 'Nach Score sortieren geht nur mit dem Modul Lead-Scoring.');
      sortKey = sort(contact.id);
    }
    return { filters, sortKey };
  }

  async get(ctx: TenantRequestContext, id: string): Promise<ContactView> {
    const [row] = await ctx.db((tx) => tx.select().from(contact).where(eq(contact.id, id)));
    if (!row) throw notFound('Kontakt');
    return contactView(row);
  }

  async create(ctx: TenantRequestContext, input: CreateInput): Promise<ContactView> {
    await assertAgentInTenant(this.platform, ctx.tenantId, input.assignedAgentId);
    const row = await ctx.db(async (tx) => {
      if (input.email) {
        const duplicate = await findContactByEmail(tx, input.email);
        if (duplicate) {
          throw conflict('duplicate_contact', `Es gibt bereits einen Kontakt mit ${input.email}.`, {
            contactId: duplicate.id,
          });
        }
      }
      const [created] = await tx
        .insert(contact)
        .values({
          ...input,
          tenantId: ctx.tenantId,
          consentAt: input.consentGiven ? new Date() : null,
          assignedAgentId: input.assignedAgentId ?? ctx.auth.user.id,
          createdBy: ctx.auth.user.id,
        })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx.actor, { entity: 'contact', entityId: created.id, action: 'created' });
      return created;
    });
    this.platform.events.emit('contact.created', ctx.tenantId, { contactId: row.id }, ctx.auth.user.id);
    return contactView(row);
  }

  async update(ctx: TenantRequestContext, id: string, input: UpdateInput): Promise<ContactView> {
    await assertAgentInTenant(this.platform, ctx.tenantId, input.assignedAgentId);
    const view = await ctx.db(async (tx) => {
      const [before] = await tx.select().from(contact).where(eq(contact.id, id));
      if (!before) throw notFound('Kontakt');
      if (input.email && input.email.toLowerCase() !== before.email?.toLowerCase()) {
        const duplicate = await findContactByEmail(tx, input.email);
        if (duplicate)
          throw conflict('duplicate_contact', `Es gibt bereits einen Kontakt mit ${input.email}.`, {
            contactId: duplicate.id,
          });
      }
      const consentChanged = input.consentGiven !== undefined && input.consentGiven !== before.consentGiven;
      const [after] = await tx
        .update(contact)
        .set({
          ...input,
          ...(consentChanged ? { consentAt: input.consentGiven ? new Date() : null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(contact.id, id))
        .returning();
      if (!after) throw notFound('Kontakt');
      if (input.leadStatus && input.leadStatus !== before.leadStatus) {
        await tx.insert(activity).values({
          tenantId: ctx.tenantId,
          contactId: id,
          kind: 'status',
          subject: `Lead-Status: ${before.leadStatus} → ${input.leadStatus}`,
          userId: ctx.auth.user.id,
          userName: ctx.auth.user.name,
        });
      }
      // Personal data stays out of the audit trail; field names and statuses are enough.
      await recordAudit(tx, ctx.actor, {
        entity: 'contact',
        entityId: id,
        action: 'updated',
        before: {
          fields: Object.keys(input).sort(),
          leadStatus: before.leadStatus,
          consentGiven: before.consentGiven,
        },
        after: {
          fields: Object.keys(input).sort(),
          leadStatus: after.leadStatus,
          consentGiven: after.consentGiven,
        },
      });
      return contactView(after);
    });
    const fields = Object.keys(input).sort();
    this.platform.events.emit('contact.updated', ctx.tenantId, { contactId: id, fields }, ctx.auth.user.id);
    return view;
  }

  /** GDPR Art. 17: removes the contact with search requests, timeline and viewing links. */
  async erase(ctx: TenantRequestContext, id: string): Promise<void> {
    await ctx.db(async (tx) => {
      const [row] = await tx.delete(contact).where(eq(contact.id, id)).returning({ id: contact.id });
      if (!row) throw notFound('Kontakt');
      await recordAudit(tx, ctx.actor, { entity: 'contact', entityId: id, action: 'erased' });
    });
    this.platform.events.emit('contact.erased', ctx.tenantId, { contactId: id }, ctx.auth.user.id);
  }

  /** GDPR Art. 15/20: everything stored about one contact, machine-readable. */
  async export(ctx: TenantRequestContext, id: string) {
    return ctx.db(async (tx) => {
      const [row] = await tx.select().from(contact).where(eq(contact.id, id));
      if (!row) throw notFound('Kontakt');
      const [requests, activities, viewings] = await Promise.all([
        tx.select().from(searchRequest).where(eq(searchRequest.contactId, id)),
        tx.select().from(activity).where(eq(activity.contactId, id)).orderBy(asc(activity.occurredAt)),
        tx
          .select({ viewing })
          .from(viewingContact)
          .innerJoin(viewing, eq(viewing.id, viewingContact.viewingId))
          .where(eq(viewingContact.contactId, id)),
      ]);
      await recordAudit(tx, ctx.actor, { entity: 'contact', entityId: id, action: 'exported' });
      const { searchVector: _s, ...data } = row;
      // Other modules' data about the person (lead scoring's tracked visits, for one).
      const modules: Record<string, Record<string, unknown>> = {};
      for (const [id, server] of this.platform.moduleServers)
        if (server.contactExport) modules[id] = await server.contactExport(tx, row.id);
      return {
        exportedAt: new Date().toISOString(),
        contact: data,
        searchRequests: requests,
        activities: activities.map(({ tenantId: _t, ...a }) => a),
        viewings: viewings.map(({ viewing: v }) => ({
          id: v.id,
          propertyId: v.propertyId,
          startsAt: v.startsAt,
          endsAt: v.endsAt,
          status: v.status,
        })),
        modules,
      };
    });
  }
}
