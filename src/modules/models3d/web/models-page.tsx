import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ModelDetail, modelSummarySchema, PlanView, templateSchema } from '../contract.js';
import { figuresLine } from './format.js';
import { PlanFileInput } from './plan-file-input.js';
import { PlanProgress } from './plan-progress.js';

type Summary = z.infer<typeof modelSummarySchema>;
type Template = z.infer<typeof templateSchema>;

function NewModelForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'vorlage' | 'text' | 'grundriss'>('vorlage');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [planId, setPlanId] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState('3-zimmer');
  const [livingArea, setLivingArea] = useState('');
  const [balcony, setBalcony] = useState(true);
  const [text, setText] = useState('');
  const [propertyId, setPropertyId] = useState('');
  const templates = useQuery({
    queryKey: ['models3d', 'templates'],
    queryFn: () => api<{ items: Template[] }>('/3d/templates'),
  });
  const properties = useQuery({
    queryKey: ['crm', 'properties', 'for-3d'],
    queryFn: () => api<{ items: { id: string; title: string }[] }>('/crm/properties?pageSize=100'),
  });
  const create = useMutation({
    mutationFn: () =>
      api<ModelDetail>('/3d/generate', {
        method: 'POST',
        body: {
          propertyId: propertyId || null,
          source:
            kind === 'vorlage'
              ? {
                  kind,
                  templateId,
                  params: {
                    balcony,
                    ...(livingArea ? { livingArea: Number(livingArea.replace(',', '.')) } : {}),
                  },
                }
              : { kind, text },
        },
      }),
    onSuccess: async (model) => {
      toast.success(t('models3d:created'));
      await queryClient.invalidateQueries({ queryKey: ['models3d'] });
      navigate(`/3d/${model.id}`);
    },
  });
  const upload = useMutation({
    mutationFn: (plan: File) => {
      const query = new URLSearchParams({ fileName: plan.name });
      if (propertyId) query.set('propertyId', propertyId);
      return api<PlanView>(`/3d/upload?${query.toString()}`, { method: 'POST', raw: plan });
    },
    onSuccess: (view) => setPlanId(view.id),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind !== 'grundriss') {
      create.mutate();
      return;
    }
    if (!file) {
      setFileError(t('models3d:upload.chooseFile'));
      return;
    }
    setFileError(null);
    setPlanId(null);
    upload.mutate(file);
  };
  const error = kind === 'grundriss' ? upload.error : create.error;
  return (
    <Card>
      <form onSubmit={submit} className="space-y-4" aria-label={t('models3d:new')}>
        <h2 className="text-sm font-semibold text-slate-900">{t('models3d:new')}</h2>
        <div role="tablist" className="flex gap-1 border-b border-slate-200">
          {(['vorlage', 'text', 'grundriss'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              onClick={() => setKind(k)}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${
                kind === k ? 'border-brand text-brand' : 'border-transparent text-slate-500'
              }`}
            >
              {t(`models3d:source.${k}`)}
            </button>
          ))}
        </div>
        {kind === 'vorlage' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t('models3d:template')}
              value={templateId}
              onChange={(e) => setTemplateId(e.target.value)}
              options={(templates.data?.items ?? []).map((tpl) => ({
                value: tpl.id,
                label: `${tpl.name} (${tpl.figures.livingArea.toLocaleString('de-DE', { maximumFractionDigits: 0 })} m²)`,
              }))}
            />
            <TextField
              label={t('models3d:livingArea')}
              inputMode="decimal"
              hint={t('models3d:livingAreaHint')}
              value={livingArea}
              onChange={(e) => setLivingArea(e.target.value)}
            />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={balcony} onChange={(e) => setBalcony(e.target.checked)} />
              {t('models3d:balcony')}
            </label>
          </div>
        ) : kind === 'grundriss' ? (
          <PlanFileInput
            error={fileError}
            onFile={(chosen) => {
              setFile(chosen);
              setFileError(null);
            }}
          />
        ) : (
          <TextAreaField
            label={t('models3d:text')}
            placeholder={t('models3d:textPlaceholder')}
            hint={t('models3d:textOffline')}
            required
            minLength={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
        <SelectField
          label={t('models3d:property')}
          value={propertyId}
          onChange={(e) => setPropertyId(e.target.value)}
          options={[
            { value: '', label: t('models3d:noProperty') },
            ...(properties.data?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
          ]}
        />
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(error, t)}
          </p>
        ) : null}
        {kind === 'grundriss' && planId ? (
          <PlanProgress
            planId={planId}
            onDone={async (view) => {
              toast.success(t('models3d:upload.done'));
              await queryClient.invalidateQueries({ queryKey: ['models3d', 'list'] });
              navigate(`/3d/${view.modelId}/bearbeiten`);
            }}
          />
        ) : null}
        <Button type="submit" loading={kind === 'grundriss' ? upload.isPending : create.isPending}>
          {kind === 'grundriss' ? t('models3d:upload.start') : t('models3d:create')}
        </Button>
      </form>
    </Card>
  );
}

/** All 3D models of the office, and a form to make a new one. */
export function ModelsPage() {
  const { t, i18n } = useTranslation();
  const canWrite = hasPermission(useMe().data, 'models3d.write');
  const models = useListPages<Summary>(['models3d', 'list'], '/3d/models');
  return (
    <>
      <PageHeader title={t('models3d:title')} description={t('models3d:description')} />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <QueryState query={models}>
            {({ items }) =>
              items.length === 0 ? (
                <EmptyState icon={Box} title={t('models3d:empty')} text={t('models3d:emptyHint')} />
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="model-list">
                  {items.map((m) => (
                    <li key={m.id} className="flex items-center gap-3 px-4 py-3">
                      {m.thumbnailUrl ? (
                        <img
                          src={m.thumbnailUrl}
                          alt=""
                          className="h-12 w-16 rounded object-cover ring-1 ring-slate-200"
                        />
                      ) : (
                        <span className="flex h-12 w-16 items-center justify-center rounded bg-slate-100 text-slate-400">
                          <Box className="size-5" />
                        </span>
                      )}
                      <div>
                        <Link to={`/3d/${m.id}`} className="font-medium text-slate-900 hover:underline">
                          {m.name}
                        </Link>
                        <p className="text-xs text-slate-500">
                          {t(`models3d:source.${m.source}`)} · {figuresLine(t, m.figures, i18n.language)}
                        </p>
                      </div>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
          <LoadMore list={models} />
        </div>
        {canWrite ? <NewModelForm /> : null}
      </div>
    </>
  );
}
