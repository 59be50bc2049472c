import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatBytes, formatDate, formatDateTime, formatUsd } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { OfficeList, OfficeRow } from '../contract.js';
import { OpenOfficeDialog } from './open-office-dialog.js';

const PAGE_SIZE = 25;

/** Every office with plan, users, listings, storage, AI cost and last activity; switch one off. */
export function OfficesTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<OfficeRow | null>(null);
  const [opening, setOpening] = useState(false);
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), status });
  if (q.trim()) params.set('q', q.trim());
  const offices = useQuery({
    queryKey: ['superadmin', 'offices', params.toString()],
    queryFn: () => api<OfficeList>(`/superadmin/offices?${params}`),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (office: OfficeRow) =>
      api<OfficeRow>(`/superadmin/offices/${office.id}/${office.active ? 'deactivate' : 'activate'}`, {
        method: 'POST',
      }),
    onSuccess: async (office) => {
      setConfirming(null);
      toast.success(
        t(`superadmin:offices.done.${office.active ? 'activated' : 'deactivated'}`, { name: office.name }),
      );
      await queryClient.invalidateQueries({ queryKey: ['superadmin'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  // With the owner's consent: the operator works in the office (the app shows a banner there).
  const enter = useMutation({
    mutationFn: (tenantId: string) =>
      api<{ expiresAt: string }>(`/superadmin/offices/${tenantId}/support-session`, { method: 'POST' }),
    onSuccess: () => window.location.assign('/'),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <Card>
      <div className="mb-4 flex justify-end">
        <Button onClick={() => setOpening(true)}>{t('superadmin:open.button')}</Button>
      </div>
      <OpenOfficeDialog open={opening} onClose={() => setOpening(false)} />
      <div className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem]">
        <TextField
          label={t('superadmin:offices.search')}
          placeholder={t('superadmin:offices.searchHint')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label={t('superadmin:offices.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          options={['all', 'active', 'deactivated'].map((value) => ({
            value,
            label: t(`superadmin:offices.${value}`),
          }))}
        />
      </div>
      <QueryState query={offices}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-500">{t('superadmin:offices.empty')}</p>
          ) : (
            <>
              <div className="-mx-5 overflow-x-auto">
                <table className="min-w-full text-sm" data-testid="offices">
                  <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-5 py-2 font-medium">{t('superadmin:offices.name')}</th>
                      <th className="px-3 py-2 font-medium">{t('superadmin:offices.plan')}</th>
                      <th className="px-3 py-2 text-right font-medium">{t('superadmin:offices.users')}</th>
                      <th className="px-3 py-2 text-right font-medium">{t('superadmin:offices.listings')}</th>
                      <th className="px-3 py-2 text-right font-medium">{t('superadmin:offices.storage')}</th>
                      <th className="px-3 py-2 text-right font-medium">{t('superadmin:offices.aiCost')}</th>
                      <th className="px-3 py-2 font-medium">{t('superadmin:offices.lastActivity')}</th>
                      <th className="px-5 py-2" />
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {list.items.map((office) => (
                      <tr key={office.id}>
                        <td className="px-5 py-2.5">
                          <div className="font-medium text-slate-900">{office.name}</div>
                          <div className="text-xs text-slate-500">
                            {office.slug} · {t('superadmin:offices.created')}{' '}
                            {formatDate(office.createdAt, lang)}
                          </div>
                          {office.active ? null : (
                            <Badge tone="red">{t('superadmin:offices.deactivated')}</Badge>
                          )}
                          {office.deleteAfter ? (
                            <Badge tone="red">
                              {t('superadmin:offices.deleteAfter', {
                                date: formatDate(office.deleteAfter, lang),
                              })}
                            </Badge>
                          ) : null}
                        </td>
                        <td className="px-3 py-2.5">
                          {office.plan
                            ? `${office.plan} · ${office.planStatus}`
                            : t('superadmin:offices.noPlan')}
                        </td>
                        <td className="px-3 py-2.5 text-right tabular-nums">{office.users}</td>
                        <td className="px-3 py-2.5 text-right tabular-nums">{office.listings}</td>
                        <td className="px-3 py-2.5 text-right tabular-nums">
                          {formatBytes(office.storageBytes, lang)}
                        </td>
                        <td className="px-3 py-2.5 text-right tabular-nums">
                          {formatUsd(office.aiCostMicros / 1e6)}
                        </td>
                        <td className="px-3 py-2.5">
                          {office.lastActivityAt
                            ? formatDateTime(office.lastActivityAt, lang)
                            : t('superadmin:offices.never')}
                        </td>
                        <td className="space-y-1 px-5 py-2.5 text-right">
                          {office.supportAccessUntil ? (
                            <div>
                              <Button
                                variant="secondary"
                                loading={enter.isPending && enter.variables === office.id}
                                onClick={() => enter.mutate(office.id)}
                              >
                                {t('superadmin:offices.support')}
                              </Button>
                              <p className="mt-0.5 text-xs text-slate-500">
                                {t('superadmin:offices.supportUntil', {
                                  until: formatDateTime(office.supportAccessUntil, lang),
                                })}
                              </p>
                            </div>
                          ) : null}
                          <Button
                            variant={office.active ? 'secondary' : 'primary'}
                            loading={toggle.isPending && toggle.variables?.id === office.id}
                            onClick={() => (office.active ? setConfirming(office) : toggle.mutate(office))}
                          >
                            {office.active
                              ? t('superadmin:offices.deactivate')
                              : t('superadmin:offices.activate')}
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination list={{ ...list, totalExact: true }} onPage={setPage} />
            </>
          )
        }
      </QueryState>
      <ConfirmDialog
        open={confirming !== null}
        title={t('superadmin:offices.confirmDeactivate', { name: confirming?.name ?? '' })}
        text={t('superadmin:offices.confirmDeactivateText')}
        confirmLabel={t('superadmin:offices.deactivate')}
        busy={toggle.isPending}
        onConfirm={() => confirming && toggle.mutate(confirming)}
        onClose={() => setConfirming(null)}
      />
    </Card>
  );
}
