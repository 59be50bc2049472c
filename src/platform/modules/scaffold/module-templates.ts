/**
 * The files of a new module, written by `npm run new-module`. The module is small but complete
 * in the ways the tests and a broker expect: a tenant table under row-level security, permission
 * routes with a paged list and audit entries, German and English texts, a page with loading,
 * empty and error states, and an integration test through HTTP. Developers then grow it.
 */
export interface ModuleNames {
  /** `key_facts`: the module id, `MODULE_KEY_FACTS`, the directory and the API prefix. */
  id: string;
  /** `keyFacts`: exported names (`keyFactsModule`). */
  camel: string;
  /** `key-facts`: file names. */
  kebab: string;
  /** `eckdaten`: the page's address in the app. */
  path: string;
  titleDe: string;
  titleEn: string;
}

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export function moduleFiles(n: ModuleNames): Record<string, string> {
  const table = `${n.camel}Entry`;
  const tableName = `${n.id}_entry`;
  return {
    [`src/modules/${n.id}/module.ts`]: `import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** ${n.titleDe}: entries of the office, listed, created, changed and deleted. */
export const ${n.camel}Module = defineModule({
  id: ${quote(n.id)},
  title: { de: ${quote(n.titleDe)}, en: ${quote(n.titleEn)} },
  description: {
    de: ${quote(`${n.titleDe}: Einträge des Büros anlegen, ändern und löschen.`)},
    en: ${quote(`${n.titleEn}: create, change and delete the office's entries.`)},
  },
  dependsOn: ['admin'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: ${quote(`${n.id}.read`)}, label: { de: ${quote(`${n.titleDe} ansehen`)}, en: ${quote(`View ${n.titleEn}`)} }, roles: everyone },
    {
      id: ${quote(`${n.id}.write`)},
      label: { de: ${quote(`${n.titleDe} bearbeiten`)}, en: ${quote(`Edit ${n.titleEn}`)} },
      roles: ['owner', 'admin', 'agent'],
    },
  ],
  nav: [
    {
      path: ${quote(`/${n.path}`)},
      label: { de: ${quote(n.titleDe)}, en: ${quote(n.titleEn)} },
      icon: 'file-text',
      permission: ${quote(`${n.id}.read`)},
      order: 800,
    },
  ],
  server: () => import('./server/${n.kebab}.server.js').then((m) => m.${n.camel}Server),
});
`,

    [`src/modules/${n.id}/schema.ts`]: `import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';

/** An entry of the ${n.titleEn} module; every office sees only its own (row-level security). */
export const ${table} = pgTable(
  ${quote(tableName)},
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);
`,

    [`src/modules/${n.id}/contract.ts`]: `import { z } from 'zod';

export const entryInput = z.object({
  title: z.string().trim().min(3, 'Mindestens 3 Zeichen').max(200, 'Höchstens 200 Zeichen'),
  note: z.string().trim().max(5000, 'Höchstens 5.000 Zeichen').nullable().default(null),
});
export type EntryInput = z.input<typeof entryInput>;

export const entryPatch = entryInput.partial();

export const entrySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Entry = z.infer<typeof entrySchema>;
`,

    [`src/modules/${n.id}/server/${n.kebab}.server.ts`]: `import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { ${n.camel}Routes } from './${n.kebab}.routes.js';

export const ${n.camel}Server: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(${n.camel}Routes, { platform });
  },
};
`,

    [`src/modules/${n.id}/server/${n.kebab}.routes.ts`]: `import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { type Entry, entryInput, entryPatch, entrySchema } from '../contract.js';
import { ${table} } from '../schema.js';

const NEWEST_FIRST: SortKey = { key: ${table}.createdAt, id: ${table}.id, direction: 'desc' };
const idParams = z.object({ entryId: z.string().uuid() });
const read = { access: { permission: ${quote(`${n.id}.read`)} } } as const;
const write = { access: { permission: ${quote(`${n.id}.write`)} } } as const;

const view = (row: typeof ${table}.$inferSelect): Entry => ({
  id: row.id,
  title: row.title,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The office's entries: a paged list, create, change, delete; every change in the audit log. */
export const ${n.camel}Routes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: read,
      schema: {
        tags: [${quote(n.id)}],
        summary: 'The office\\'s entries, newest first',
        querystring: pageQuery(),
        response: { 200: pageOf(entrySchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          { totals: platform.listTotals, tenantId: ctx.tenantId, table: ${table}, sort: NEWEST_FIRST, where: undefined },
          request.query,
        );
        return pageBody(page.items.map(view), page, total, request.query);
      });
    },
  );

  app.post(
    '/',
    {
      config: write,
      schema: { tags: [${quote(n.id)}], summary: 'Create an entry', body: entryInput, response: { 201: entrySchema } },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const row = await ctx.db(async (tx) => {
        const [created] = await tx
          .insert(${table})
          .values({ tenantId: ctx.tenantId, ...request.body })
          .returning();
        if (!created) throw new Error('insert returned nothing');
        await recordAudit(tx, ctx.actor, {
          entity: ${quote(tableName)},
          entityId: created.id,
          action: 'created',
          after: request.body,
        });
        return created;
      });
      return reply.status(201).send(view(row));
    },
  );

  app.patch(
    '/:entryId',
    {
      config: write,
      schema: {
        tags: [${quote(n.id)}],
        summary: 'Change an entry',
        params: idParams,
        body: entryPatch,
        response: { 200: entrySchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const row = await ctx.db(async (tx) => {
        const [before] = await tx.select().from(${table}).where(eq(${table}.id, request.params.entryId));
        if (!before) throw notFound('Eintrag');
        const [after] = await tx
          .update(${table})
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(${table}.id, before.id))
          .returning();
        if (!after) throw notFound('Eintrag');
        await recordAudit(tx, ctx.actor, {
          entity: ${quote(tableName)},
          entityId: after.id,
          action: 'updated',
          before: { title: before.title, note: before.note },
          after: { title: after.title, note: after.note },
        });
        return after;
      });
      return view(row);
    },
  );

  app.delete(
    '/:entryId',
    { config: write, schema: { tags: [${quote(n.id)}], summary: 'Delete an entry', params: idParams } },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [deleted] = await tx.delete(${table}).where(eq(${table}.id, request.params.entryId)).returning();
        if (!deleted) throw notFound('Eintrag');
        await recordAudit(tx, ctx.actor, {
          entity: ${quote(tableName)},
          entityId: deleted.id,
          action: 'deleted',
          before: { title: deleted.title },
        });
      });
      return reply.status(204).send();
    },
  );
};
`,

    [`src/modules/${n.id}/server/${n.kebab}.int.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

let t: TestApp;
let owner: TestUser;
let readonly: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant();
  readonly = await t.createUser(owner.tenantId, 'readonly');
  stranger = await t.createTenant();
});
afterAll(() => t.close());

const url = '/api/${n.id}';

describe('${n.titleEn}', () => {
  it('creates, lists, changes and deletes an entry, each in the audit log', async () => {
    const created = await t.as(owner, { method: 'POST', url, payload: { title: 'Erster Eintrag' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const list = await t.as(owner, { method: 'GET', url });
    expect(list.json()).toMatchObject({ items: [{ id, title: 'Erster Eintrag', note: null }], total: 1 });
    const changed = await t.as(owner, { method: 'PATCH', url: \`\${url}/\${id}\`, payload: { note: 'Mit Notiz' } });
    expect(changed.json()).toMatchObject({ title: 'Erster Eintrag', note: 'Mit Notiz' });
    expect((await t.as(owner, { method: 'DELETE', url: \`\${url}/\${id}\` })).statusCode).toBe(204);
    expect((await t.as(owner, { method: 'GET', url })).json().items).toEqual([]);
    const log = await t.as(owner, { method: 'GET', url: \`/api/admin/audit-log?entity=${tableName}&entityId=\${id}\` });
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual(['deleted', 'updated', 'created']);
  });

  it('refuses bad input with a 400 and stores nothing', async () => {
    const bad = await t.as(owner, { method: 'POST', url, payload: { title: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect((await t.as(owner, { method: 'GET', url })).json().total).toBe(0);
  });

  it('keeps offices apart and read-only members out of writes', async () => {
    const created = await t.as(owner, { method: 'POST', url, payload: { title: 'Nur für uns' } });
    const id = created.json().id;
    expect((await t.as(stranger, { method: 'GET', url })).json().items).toEqual([]);
    expect((await t.as(stranger, { method: 'PATCH', url: \`\${url}/\${id}\`, payload: { title: 'Fremd' } })).statusCode).toBe(404);
    expect((await t.as(readonly, { method: 'GET', url })).json().total).toBe(1);
    expect((await t.as(readonly, { method: 'POST', url, payload: { title: 'Darf nicht' } })).statusCode).toBe(403);
  });
});
`,

    [`src/modules/${n.id}/web/i18n.ts`]: `import { i18n } from '../../../web/i18n/index.js';

const de = {
  title: ${quote(n.titleDe)},
  intro: ${quote(`Die Einträge Ihres Büros für ${n.titleDe}.`)},
  new: 'Neuer Eintrag',
  newTitle: 'Neuer Eintrag',
  editTitle: 'Eintrag bearbeiten',
  entryTitle: 'Titel',
  note: 'Notiz',
  created: 'Eintrag angelegt.',
  saved: 'Eintrag gespeichert.',
  empty: 'Noch keine Einträge',
  emptyText: 'Legen Sie den ersten Eintrag an.',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  deleteTitle: '„{{title}}“ löschen?',
  deleteText: 'Der Eintrag wird endgültig gelöscht.',
  deleted: 'Eintrag gelöscht.',
  changedAt: 'geändert am {{date}}',
};

const en: typeof de = {
  title: ${quote(n.titleEn)},
  intro: ${quote(`Your office's entries for ${n.titleEn}.`)},
  new: 'New entry',
  newTitle: 'New entry',
  editTitle: 'Edit entry',
  entryTitle: 'Title',
  note: 'Note',
  created: 'Entry created.',
  saved: 'Entry saved.',
  empty: 'No entries yet',
  emptyText: 'Create the first entry.',
  edit: 'Edit',
  delete: 'Delete',
  deleteTitle: 'Delete "{{title}}"?',
  deleteText: 'The entry is deleted for good.',
  deleted: 'Entry deleted.',
  changedAt: 'changed on {{date}}',
};

i18n.addResourceBundle('de', ${quote(n.id)}, de, true, true);
i18n.addResourceBundle('en', ${quote(n.id)}, en, true, true);
`,

    [`src/modules/${n.id}/web/routes.tsx`]: `import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { ${pascal(n.camel)}Page } from './${n.kebab}-page.js';

export const routes: ModuleRoute[] = [{ path: ${quote(n.path)}, element: <${pascal(n.camel)}Page /> }];
`,

    [`src/modules/${n.id}/web/${n.kebab}-page.tsx`]: `import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FileText, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { TextAreaField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { Modal } from '../../../web/components/modal.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { Entry } from '../contract.js';

const KEY = [${quote(n.id)}, 'entries'];

/** The module's page: the office's entries, newest first, with create, edit and delete. */
export function ${pascal(n.camel)}Page() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const client = useQueryClient();
  const me = useMe().data;
  const canWrite = me ? hasPermission(me, ${quote(`${n.id}.write`)}) : false;
  const entries = useListPages<Entry>(KEY, '/${n.id}');
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Entry | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api(\`/${n.id}/\${id}\`, { method: 'DELETE' }),
    onSuccess: () => {
      setDeleting(null);
      toast.success(t(${quote(`${n.id}:deleted`)}));
      void client.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const newButton = canWrite ? (
    <Button icon={<Plus className="size-4" />} onClick={() => setEditing('new')}>
      {t(${quote(`${n.id}:new`)})}
    </Button>
  ) : null;
  return (
    <div>
      <PageHeader title={t(${quote(`${n.id}:title`)})} description={t(${quote(`${n.id}:intro`)})} actions={newButton} />
      <Card>
        <QueryState query={entries}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon={FileText} title={t(${quote(`${n.id}:empty`)})} text={t(${quote(`${n.id}:emptyText`)})} action={newButton} />
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="${n.kebab}-entries">
                {page.items.map((entry) => (
                  <li key={entry.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{entry.title}</p>
                      {entry.note ? <p className="mt-0.5 whitespace-pre-line text-sm text-slate-600">{entry.note}</p> : null}
                      <p className="mt-0.5 text-xs text-slate-500">
                        {t(${quote(`${n.id}:changedAt`)}, { date: formatDateTime(entry.updatedAt, lang) })}
                      </p>
                    </div>
                    {canWrite ? (
                      <div className="flex gap-1">
                        <Button variant="ghost" onClick={() => setEditing(entry)}>
                          {t(${quote(`${n.id}:edit`)})}
                        </Button>
                        <Button variant="ghost" onClick={() => setDeleting(entry)}>
                          {t(${quote(`${n.id}:delete`)})}
                        </Button>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        <LoadMore list={entries} />
      </Card>
      {editing ? <EntryDialog entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t(${quote(`${n.id}:deleteTitle`)}, { title: deleting?.title ?? '' })}
        text={t(${quote(`${n.id}:deleteText`)})}
        confirmLabel={t(${quote(`${n.id}:delete`)})}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}

function EntryDialog({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState(entry?.title ?? '');
  const [note, setNote] = useState(entry?.note ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = { title, note: note.trim() === '' ? null : note };
      return entry
        ? api<Entry>(\`/${n.id}/\${entry.id}\`, { method: 'PATCH', body })
        : api<Entry>('/${n.id}', { method: 'POST', body });
    },
    onSuccess: () => {
      toast.success(t(entry ? ${quote(`${n.id}:saved`)} : ${quote(`${n.id}:created`)}));
      void client.invalidateQueries({ queryKey: KEY });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal open title={t(entry ? ${quote(`${n.id}:editTitle`)} : ${quote(`${n.id}:newTitle`)})} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t(${quote(`${n.id}:entryTitle`)})} value={title} required maxLength={200} autoFocus onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField label={t(${quote(`${n.id}:note`)})} value={note} maxLength={5000} rows={4} onChange={(e) => setNote(e.target.value)} />
        {save.error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {errorMessage(save.error, t)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
`,
  };
}

export function pascal(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
