import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { ConfirmDialog } from '../../../web/components/confirm-dialog.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { useSegments } from '../../crm/web/leadscore-slot.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import type { AudienceView, CampaignView, TemplateView } from '../contract.js';
import { AudienceTable } from './audience-table.js';
import { CampaignCard } from './campaign-card.js';
import { MailingsNav } from './mailings-nav.js';

/** Pick a listing and a template, see who may be written to, send; below, the mailings so far. */
export function MailingsPage() {
  const { t } = useTranslation();
  const campaigns = useQuery({
    queryKey: ['mailings', 'campaigns'],
    queryFn: () => api<{ items: CampaignView[]; delivery: 'smtp' | 'offline' }>('/mailings/campaigns'),
    // While a mailing runs its progress moves; afterwards nothing does.
    refetchInterval: (query) => (query.state.data?.items.some((c) => c.state === 'laeuft') ? 2000 : false),
  });
  return (
    <>
      <PageHeader title={t('mailings:title')} />
      <MailingsNav />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('mailings:intro')}</p>
      {campaigns.data?.delivery === 'offline' ? (
        <p role="status" className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t('mailings:offline')}
        </p>
      ) : null}
      {hasPermission(useMe().data, 'mailings.send') ? <NewMailing /> : null}
      <h2 className="mt-8 mb-2 text-base font-semibold text-slate-900">{t('mailings:history')}</h2>
      <QueryState query={campaigns}>
        {(data) =>
          data.items.length === 0 ? (
            <Card>
              <EmptyState icon={Send} title={t('mailings:historyEmpty')} />
            </Card>
          ) : (
            <div className="space-y-3">
              {data.items.map((c) => (
                <CampaignCard key={c.id} campaign={c} />
              ))}
            </div>
          )
        }
      </QueryState>
    </>
  );
}

function NewMailing() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [propertyId, setPropertyId] = useState(params.get('objekt') ?? '');
  const [templateId, setTemplateId] = useState('');
  const [segmentId, setSegmentId] = useState(params.get('segment') ?? '');
  const segments = useSegments();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const templates = useQuery({
    queryKey: ['mailings', 'templates'],
    queryFn: () => api<{ items: TemplateView[] }>('/mailings/templates'),
  });
  useEffect(() => {
    const first = templates.data?.items[0];
    if (!templateId && first) setTemplateId(first.id);
  }, [templates.data, templateId]);
  const audience = useQuery({
    queryKey: ['mailings', 'audience', propertyId, segmentId],
    queryFn: () =>
      api<AudienceView>(
        `/mailings/audience?${new URLSearchParams({ propertyId, ...(segmentId ? { segment: segmentId } : {}) })}`,
      ),
    enabled: Boolean(propertyId),
  });
  const preview = useQuery({
    queryKey: ['mailings', 'preview', propertyId, templateId],
    queryFn: () =>
      api<{ subject: string; text: string }>('/mailings/preview', {
        method: 'POST',
        body: { propertyId, templateId },
      }),
    enabled: Boolean(propertyId && templateId),
  });
  const chosen =
    audience.data?.items.filter((a) => a.skip === null && !excluded.has(a.contactId)).length ?? 0;
  const start = useMutation({
    mutationFn: () =>
      api<CampaignView>('/mailings/campaigns', {
        method: 'POST',
        body: { propertyId, templateId, exclude: [...excluded], ...(segmentId ? { segmentId } : {}) },
      }),
    onSuccess: () => {
      toast.success(t('mailings:started'));
      setConfirming(false);
      setExcluded(new Set());
      void queryClient.invalidateQueries({ queryKey: ['mailings'] });
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(errorMessage(error, t));
    },
  });
  return (
    <Card>
      <div className="space-y-4">
        <h2 className="text-base font-semibold text-slate-900">{t('mailings:newTitle')}</h2>
        <div className="grid gap-3 md:grid-cols-2">
          <PropertyPicker
            label={t('mailings:property')}
            hint={t('mailings:propertyHint')}
            required
            value={propertyId}
            onChange={(id) => {
              setPropertyId(id);
              setExcluded(new Set());
            }}
          />
          <SelectField
            label={t('mailings:template')}
            value={templateId}
            onChange={(e) => setTemplateId(e.target.value)}
            error={templates.data && templates.data.items.length === 0 ? t('mailings:noTemplates') : null}
            options={(templates.data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          />
          {segments.length > 0 ? (
            <SelectField
              label={t('mailings:segment')}
              hint={t('mailings:segmentHint')}
              value={segmentId}
              onChange={(e) => {
                setSegmentId(e.target.value);
                setExcluded(new Set());
              }}
              options={[
                { value: '', label: t('mailings:segmentAll') },
                ...segments.map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          ) : null}
        </div>
        {propertyId ? (
          <QueryState query={audience}>
            {(data) => (
              <AudienceTable
                audience={data}
                excluded={excluded}
                onToggle={(id) =>
                  setExcluded((s) => {
                    const next = new Set(s);
                    if (next.has(id)) next.delete(id);
                    else next.add(id);
                    return next;
                  })
                }
              />
            )}
          </QueryState>
        ) : null}
        {preview.data ? (
          <details className="rounded-lg border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">
              {t('mailings:preview')}
            </summary>
            <p className="mt-2 text-sm font-semibold text-slate-900">{preview.data.subject}</p>
            <pre className="mt-1 whitespace-pre-wrap font-sans text-sm text-slate-700">
              {preview.data.text}
            </pre>
          </details>
        ) : null}
        <div className="flex justify-end">
          <Button disabled={!propertyId || !templateId || chosen === 0} onClick={() => setConfirming(true)}>
            {t('mailings:send', { count: chosen })}
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('mailings:confirmTitle')}
        text={t('mailings:confirmText', { count: chosen, perMinute: audience.data?.perMinute ?? 60 })}
        confirmLabel={t('mailings:send', { count: chosen })}
        busy={start.isPending}
        onConfirm={() => start.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}
