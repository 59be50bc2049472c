import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileDown, Send } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDate, formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { CheckboxField, TextAreaField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { OwnerReportOverview, OwnerReportView } from '../contract.js';
import { OwnerPicker, type PickedOwner } from './owner-picker.js';

/** The period's last day: a period ends at midnight or at the moment it was sent. */
const periodText = (r: OwnerReportView, lang: string) =>
  `${formatDate(r.periodFrom, lang)} – ${formatDate(new Date(new Date(r.periodTo).getTime() - 1), lang)}`;

/** A listing's owner report: who gets it, weekly or not, the broker's assessment, and what went out. */
export default function OwnerReportTab({ propertyId }: { propertyId: string }) {
  const { t } = useTranslation();
  const key = ['mailings', 'owner-report', propertyId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api<OwnerReportOverview>(`/mailings/owner-reports/${propertyId}`),
  });
  return (
    <section className="space-y-4" aria-label={t('mailings:ownerReport.title')}>
      <div>
        <h2 className="text-base font-semibold text-slate-900">{t('mailings:ownerReport.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('mailings:ownerReport.intro')}</p>
      </div>
      <QueryState query={query}>
        {(data) => <OwnerReportForm key={data.propertyId} data={data} queryKey={key} />}
      </QueryState>
    </section>
  );
}

function OwnerReportForm({ data, queryKey }: { data: OwnerReportOverview; queryKey: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'mailings.write');
  const canSend = hasPermission(me, 'mailings.send');
  const [owner, setOwner] = useState<PickedOwner | null>(data.owner);
  const [weekly, setWeekly] = useState(data.weekly);
  const [assessment, setAssessment] = useState(data.assessment);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    setOwner(data.owner);
    setWeekly(data.weekly);
    setAssessment(data.assessment);
  }, [data]);
  const dirty =
    (owner?.id ?? null) !== (data.owner?.id ?? null) ||
    weekly !== data.weekly ||
    assessment !== data.assessment;

  const save = useMutation({
    mutationFn: () =>
      api<OwnerReportOverview>(`/mailings/owner-reports/${data.propertyId}`, {
        method: 'PUT',
        body: { ownerContactId: owner?.id ?? null, weekly: weekly && owner !== null, assessment },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, saved);
      toast.success(t('mailings:ownerReport.saved'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const send = useMutation({
    mutationFn: () =>
      api<OwnerReportView & { delivery: 'smtp' | 'offline' }>(
        `/mailings/owner-reports/${data.propertyId}/send`,
        {
          method: 'POST',
        },
      ),
    onSuccess: (report) => {
      setConfirming(false);
      toast.success(
        report.delivery === 'offline'
          ? t('mailings:ownerReport.sentOffline')
          : t('mailings:ownerReport.sent', { email: report.toAddress }),
      );
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(errorMessage(error, t));
    },
  });

  const sendBlocked = dirty
    ? t('mailings:ownerReport.unsaved')
    : !data.owner
      ? t('mailings:ownerReport.noOwner')
      : !data.owner.email
        ? t('mailings:ownerReport.ownerNoEmail')
        : null;

  return (
    <div className="space-y-5">
      {data.delivery === 'offline' ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t('mailings:ownerReport.offline')}
        </p>
      ) : null}
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <OwnerPicker value={owner} onChange={setOwner} disabled={!canWrite} />
        {owner && !owner.email ? (
          <p className="text-sm text-red-700">{t('mailings:ownerReport.ownerNoEmail')}</p>
        ) : null}
        <CheckboxField
          label={t('mailings:ownerReport.weekly')}
          checked={weekly}
          disabled={!canWrite || !owner}
          onChange={(e) => setWeekly(e.target.checked)}
        />
        {data.nextWeeklyAt && !dirty ? (
          <p className="text-xs text-slate-500">
            {t('mailings:ownerReport.nextWeekly', { date: formatDateTime(data.nextWeeklyAt, lang) })}
          </p>
        ) : null}
        <TextAreaField
          label={t('mailings:ownerReport.assessment')}
          hint={t('mailings:ownerReport.assessmentHint')}
          value={assessment}
          maxLength={5000}
          rows={4}
          disabled={!canWrite}
          onChange={(e) => setAssessment(e.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          {canWrite ? (
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              {t('mailings:ownerReport.save')}
            </Button>
          ) : null}
          <a
            href={`/api/mailings/owner-reports/${data.propertyId}/report.pdf`}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <FileDown className="size-4" aria-hidden="true" />
            {t('mailings:ownerReport.preview')}
          </a>
          {canSend ? (
            <Button
              variant="secondary"
              icon={<Send className="size-4" aria-hidden="true" />}
              disabled={sendBlocked !== null}
              title={sendBlocked ?? undefined}
              onClick={() => setConfirming(true)}
            >
              {t('mailings:ownerReport.sendNow')}
            </Button>
          ) : null}
        </div>
        {canSend && sendBlocked && data.owner ? (
          <p className="text-xs text-slate-500">{sendBlocked}</p>
        ) : null}
      </form>

      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t('mailings:ownerReport.history')}</h3>
        {data.reports.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">{t('mailings:ownerReport.historyEmpty')}</p>
        ) : (
          <ul
            className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200"
            data-testid="owner-report-history"
          >
            {data.reports.map((r) => (
              <li key={r.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-center sm:gap-4">
                <span className="font-medium text-slate-900 sm:w-52">{periodText(r, lang)}</span>
                <span className="min-w-0 flex-1 truncate text-slate-600">
                  {t('mailings:ownerReport.to')} {r.toAddress}
                </span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  <Badge tone={r.trigger === 'woechentlich' ? 'blue' : 'gray'}>
                    {t(`mailings:ownerReport.trigger.${r.trigger}`)}
                  </Badge>
                  {formatDateTime(r.sentAt, lang)}
                  {r.sentByName ? ` ${t('mailings:ownerReport.by', { name: r.sentByName })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <ConfirmDialog
        open={confirming}
        title={t('mailings:ownerReport.confirmTitle')}
        text={t('mailings:ownerReport.confirmText', { email: data.owner?.email ?? '' })}
        confirmLabel={t('mailings:ownerReport.sendNow')}
        busy={send.isPending}
        onConfirm={() => send.mutate()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
