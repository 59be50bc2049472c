import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Contact, Plus, Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ContactView } from '../contract.js';
import { CONTACT_ROLES, LEAD_SOURCES, LEAD_STATUSES } from '../domain/contact-enums.js';
import { ContactForm } from './contact-form.js';
import { formatDate } from './format.js';
import { type ListScore, useLeadScores, useLeadScoringEnabled, useSegments } from './leadscore-slot.js';
import { SearchBar, useUrlFilters } from './list-controls.js';

const FILTER_KEYS = ['q', 'leadStatus', 'role', 'source', 'segment', 'sort'];

/** A contact's lead score in the list, with its reasons on hover; a dash before the first scoring. */
function ScoreCell({ score }: { score: ListScore | undefined }) {
  if (!score) return <span className="text-slate-400">–</span>;
  const tone =
    score.total >= 70
      ? 'bg-red-50 text-red-700 ring-red-600/20'
      : score.total >= 40
        ? 'bg-amber-50 text-amber-800 ring-amber-600/20'
        : 'bg-slate-100 text-slate-700 ring-slate-500/20';
  return (
    <span
      data-testid="score-cell"
      title={score.summary}
      className={`inline-flex min-w-9 justify-center rounded-md px-2 py-0.5 font-semibold tabular-nums ring-1 ring-inset ${tone}`}
    >
      {score.total}
      {score.overridden ? '*' : ''}
    </span>
  );
}

export function ContactListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { filters, page, setFilter, setPage } = useUrlFilters(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['crm', 'contacts', filters, page],
    queryFn: () =>
      api<ListPage<ContactView>>(`/crm/contacts?${new URLSearchParams({ ...filters, page: String(page) })}`),
    placeholderData: keepPreviousData,
  });
  const scoring = useLeadScoringEnabled();
  const scores = useLeadScores(list.data?.items.map((c) => c.id) ?? []);
  const segments = useSegments();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<ContactView>('/crm/contacts', { method: 'POST', body }),
    onSuccess: async (created) => {
      toast.success(t('crm:contacts.created'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'contacts'] });
      navigate(`/kontakte/${created.id}`);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const any = { value: '', label: t('crm:common.any') };
  const canWrite = hasPermission(me, 'crm.contacts.write');

  return (
    <>
      <PageHeader
        title={t('crm:contacts.title')}
        description={t('crm:contacts.description')}
        actions={
          canWrite ? (
            <>
              <Link
                to="/kontakte/import"
                className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <Upload className="size-4" aria-hidden="true" />
                {t('crm:import.title')}
              </Link>
              <Button icon={<Plus className="size-4" />} onClick={() => setCreating(true)}>
                {t('crm:contacts.new')}
              </Button>
            </>
          ) : null
        }
      />
      <Card className="mb-4">
        <SearchBar
          value={filters.q ?? ''}
          placeholder={t('crm:contacts.searchPlaceholder')}
          onSearch={(q) => setFilter('q', q)}
        />
        <div className={`mt-4 grid gap-3 sm:grid-cols-3 ${scoring ? 'lg:grid-cols-5' : ''}`}>
          <SelectField
            label={t('crm:contacts.leadStatus')}
            value={filters.leadStatus ?? ''}
            onChange={(e) => setFilter('leadStatus', e.target.value)}
            options={[any, ...LEAD_STATUSES.map((s) => ({ value: s, label: t(`crm:enum.leadStatus.${s}`) }))]}
          />
          <SelectField
            label={t('crm:contacts.roles')}
            value={filters.role ?? ''}
            onChange={(e) => setFilter('role', e.target.value)}
            options={[any, ...CONTACT_ROLES.map((s) => ({ value: s, label: t(`crm:enum.role.${s}`) }))]}
          />
          <SelectField
            label={t('crm:contacts.source')}
            value={filters.source ?? ''}
            onChange={(e) => setFilter('source', e.target.value)}
            options={[any, ...LEAD_SOURCES.map((s) => ({ value: s, label: t(`crm:enum.source.${s}`) }))]}
          />
          {scoring ? (
            <>
              <SelectField
                label={t('crm:contacts.segment')}
                value={filters.segment ?? ''}
                onChange={(e) => setFilter('segment', e.target.value)}
                options={[
                  any,
                  ...segments.map((s) => ({
                    value: s.id,
                    label: `${s.name} (${s.members.toLocaleString(i18n.language)})`,
                  })),
                ]}
              />
              <SelectField
                label={t('crm:contacts.sort')}
                value={filters.sort ?? ''}
                onChange={(e) => setFilter('sort', e.target.value)}
                options={[
                  { value: '', label: t('crm:contacts.sortNewest') },
                  { value: 'score', label: t('crm:contacts.sortScore') },
                ]}
              />
            </>
          ) : null}
        </div>
      </Card>
      <Card>
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState icon={Contact} title={t('crm:contacts.empty')} />
            ) : (
              <>
                <div className="-mx-5 -mt-5 overflow-x-auto">
                  <table className="min-w-full divide-y divide-slate-100 text-sm">
                    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-5 py-3">
                          {t('crm:contacts.columns.name')}
                        </th>
                        {scoring ? (
                          <th scope="col" className="px-5 py-3">
                            {t('crm:contacts.columns.score')}
                          </th>
                        ) : null}
                        <th scope="col" className="px-5 py-3">
                          {t('crm:contacts.columns.status')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 md:table-cell">
                          {t('crm:contacts.columns.roles')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 md:table-cell">
                          {t('crm:contacts.columns.source')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 lg:table-cell">
                          {t('crm:contacts.columns.created')}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.items.map((c) => (
                        <tr
                          key={c.id}
                          className="cursor-pointer hover:bg-slate-50"
                          onClick={() => navigate(`/kontakte/${c.id}`)}
                        >
                          <td className="px-5 py-3">
                            <Link
                              to={`/kontakte/${c.id}`}
                              className="font-medium text-slate-900 hover:underline"
                            >
                              {c.displayName}
                            </Link>
                            <div className="text-slate-500">
                              {[c.email, c.city].filter(Boolean).join(' · ')}{' '}
                              {c.isDemo ? <Badge>{t('crm:common.demo')}</Badge> : null}
                            </div>
                          </td>
                          {scoring ? (
                            <td className="px-5 py-3">
                              <ScoreCell score={scores.get(c.id)} />
                            </td>
                          ) : null}
                          <td className="px-5 py-3">
                            <Badge
                              tone={
                                c.leadStatus === 'gewonnen'
                                  ? 'green'
                                  : c.leadStatus === 'verloren'
                                    ? 'gray'
                                    : c.leadStatus === 'neu'
                                      ? 'blue'
                                      : 'amber'
                              }
                            >
                              {t(`crm:enum.leadStatus.${c.leadStatus}`)}
                            </Badge>
                          </td>
                          <td className="hidden px-5 py-3 text-slate-600 md:table-cell">
                            {c.roles.map((r) => t(`crm:enum.role.${r}`)).join(', ')}
                          </td>
                          <td className="hidden px-5 py-3 text-slate-600 md:table-cell">
                            {c.source ? t(`crm:enum.source.${c.source}`) : '–'}
                          </td>
                          <td className="hidden px-5 py-3 text-slate-500 lg:table-cell">
                            {formatDate(c.createdAt, i18n.language)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination list={data} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
      <Modal open={creating} title={t('crm:contacts.newTitle')} onClose={() => setCreating(false)} wide>
        <ContactForm
          submitLabel={t('crm:contacts.new')}
          busy={create.isPending}
          error={create.error}
          onSubmit={(body) => create.mutate(body)}
          onCancel={() => setCreating(false)}
        />
      </Modal>
    </>
  );
}
