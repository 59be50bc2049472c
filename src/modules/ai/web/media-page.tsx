import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, ImagePlus, Sparkles } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { CheckboxField, SelectField, TextAreaField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import type { BudgetState, GenerationView, GraphicFormat, ProvidersResponse } from '../contract.js';
import { AiTabs } from './ai-tabs.js';
import { BudgetWarnings, ResultHeader } from './result-header.js';

const KINDS = ['social_graphic', 'image', 'property_reel', 'image_to_video'] as const;
type Kind = (typeof KINDS)[number];
const isVideo = (kind: Kind) => kind === 'property_reel' || kind === 'image_to_video';

interface MediaResult {
  generation: GenerationView;
  budgetWarnings: BudgetState[];
}

/** Graphics and videos: composed locally from the listing's photos, or made by a configured provider. */
export function MediaPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const canGenerate = hasPermission(me, 'ai.generate');
  const canAddToProperty = hasPermission(me, 'crm.properties.write');
  const [params] = useSearchParams();
  const [kind, setKind] = useState<Kind>('social_graphic');
  const [propertyId, setPropertyId] = useState(params.get('propertyId') ?? '');
  const [formats, setFormats] = useState<GraphicFormat[]>(['feed', 'story']);
  const [prompt, setPrompt] = useState('');
  const [secondsPerPhoto, setSecondsPerPhoto] = useState('3');
  const [clipSeconds, setClipSeconds] = useState('5');
  const [result, setResult] = useState<MediaResult | null>(null);

  const providers = useQuery({
    queryKey: ['ai', 'providers'],
    queryFn: () => api<ProvidersResponse>('/ai/providers'),
  });
  const ready = (capability: 'image' | 'video') =>
    (providers.data?.providers ?? []).some(
      (p) => p.capabilities.includes(capability) && p.enabled && p.configured,
    );
  const needsProvider =
    (kind === 'image' && !ready('image')) || (kind === 'image_to_video' && !ready('video'));

  const generate = useMutation({
    mutationFn: () => {
      if (isVideo(kind))
        return api<MediaResult>('/ai/generate/video', {
          method: 'POST',
          body: {
            type: kind,
            propertyId,
            secondsPerPhoto: Number(secondsPerPhoto),
            clipSeconds: Number(clipSeconds),
            ...(prompt.trim() ? { prompt: prompt.trim() } : {}),
          },
        });
      return api<MediaResult>('/ai/generate/image', {
        method: 'POST',
        body: {
          type: kind,
          formats,
          ...(propertyId ? { propertyId } : {}),
          ...(prompt.trim() ? { prompt: prompt.trim() } : {}),
        },
      });
    },
    onSuccess: (data) => {
      setResult(data);
      void queryClient.invalidateQueries({ queryKey: ['ai', 'generations'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  // A running video is polled until its job is done; the answer carries the job's progress.
  const running = result?.generation.status === 'laeuft' ? result.generation.id : null;
  const live = useQuery({
    queryKey: ['ai', 'generation', running],
    queryFn: () => api<GenerationView>(`/ai/generations/${running}`),
    enabled: Boolean(running),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'laeuft' ? false : 1000),
  });
  const generation = live.data ?? result?.generation ?? null;

  const addToProperty = useMutation({
    mutationFn: (index: number) =>
      api(`/ai/generations/${generation?.id}/files/${index}/to-property`, { method: 'POST' }),
    onSuccess: () => toast.success(t('ai:media.added')),
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const propertyRequired = kind !== 'image';
  const invalid =
    (propertyRequired && !propertyId) ||
    (kind === 'image' && !prompt.trim()) ||
    (kind === 'social_graphic' && formats.length === 0);
  const toggleFormat = (format: GraphicFormat) =>
    setFormats((list) => (list.includes(format) ? list.filter((f) => f !== format) : [...list, format]));

  return (
    <div>
      <PageHeader title={t('ai:title')} description={t('ai:media.description')} />
      <AiTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[360px_minmax(0,1fr)]">
        <Card>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              generate.mutate();
            }}
          >
            <SelectField
              label={t('ai:media.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              options={KINDS.map((k) => ({ value: k, label: t(`ai:media.kinds.${k}`) }))}
            />
            <p className="text-sm text-slate-600">{t(`ai:media.explain.${kind}`)}</p>
            <PropertyPicker
              label={t('ai:studio.property')}
              value={propertyId}
              onChange={(id) => setPropertyId(id)}
              required={propertyRequired}
              emptyLabel={propertyRequired ? undefined : t('ai:studio.choose')}
            />
            {kind === 'social_graphic' || kind === 'image' ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-700">{t('ai:media.formats')}</legend>
                {(['feed', 'story'] as const).map((format) => (
                  <CheckboxField
                    key={format}
                    label={t(`ai:media.format.${format}`)}
                    checked={formats.includes(format)}
                    onChange={() => toggleFormat(format)}
                  />
                ))}
              </fieldset>
            ) : null}
            {kind === 'property_reel' ? (
              <SelectField
                label={t('ai:media.secondsPerPhoto')}
                value={secondsPerPhoto}
                onChange={(e) => setSecondsPerPhoto(e.target.value)}
                options={['2', '3', '4', '5'].map((s) => ({
                  value: s,
                  label: t('ai:media.seconds', { count: Number(s) }),
                }))}
              />
            ) : null}
            {kind === 'image_to_video' ? (
              <SelectField
                label={t('ai:media.clipSeconds')}
                value={clipSeconds}
                onChange={(e) => setClipSeconds(e.target.value)}
                options={['5', '10'].map((s) => ({
                  value: s,
                  label: t('ai:media.seconds', { count: Number(s) }),
                }))}
              />
            ) : null}
            {kind === 'image' || kind === 'image_to_video' ? (
              <TextAreaField
                label={t('ai:media.prompt')}
                hint={t(`ai:media.promptHint.${kind}`)}
                value={prompt}
                onChange={(e) => setPrompt(e.target.value)}
                rows={3}
                maxLength={kind === 'image' ? 2000 : 1000}
                required={kind === 'image'}
              />
            ) : null}
            {needsProvider ? (
              <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                {t(`ai:media.needsProvider.${kind}`)}
              </p>
            ) : null}
            <Button type="submit" disabled={!canGenerate || invalid || needsProvider || generate.isPending}>
              <Sparkles className="h-4 w-4" aria-hidden="true" />
              {generate.isPending ? t('ai:media.working') : t('ai:studio.generate')}
            </Button>
          </form>
        </Card>

        <Card>
          <ResultHeader
            source={generation}
            offlineLabel={t('ai:media.local')}
            costUsd={generation?.costUsd}
          />
          <BudgetWarnings warnings={result?.budgetWarnings} />
          {!generation ? (
            <p className="py-10 text-center text-sm text-slate-500">{t('ai:media.empty')}</p>
          ) : generation.status === 'laeuft' ? (
            <div className="py-6" aria-live="polite">
              <p className="mb-2 text-sm text-slate-700">
                {generation.progress?.message ?? t('ai:media.queued')} – {generation.progress?.percent ?? 0} %
              </p>
              <div
                className="h-2 overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={generation.progress?.percent ?? 0}
                aria-label={t('ai:media.progress')}
              >
                <div
                  className="h-full bg-brand transition-all"
                  style={{ width: `${generation.progress?.percent ?? 0}%` }}
                />
              </div>
            </div>
          ) : generation.status === 'fehler' ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {generation.error ?? t('ai:media.failed')}
            </p>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              {generation.files.map((file, index) => (
                <figure key={file.url} className="space-y-2">
                  {file.contentType.startsWith('video/') ? (
                    // biome-ignore lint/a11y/useMediaCaption: a generated reel has no speech to caption
                    <video src={file.url} controls className="max-h-[640px] w-full rounded-lg bg-black" />
                  ) : (
                    <img
                      src={file.url}
                      alt={file.label}
                      className="w-full rounded-lg ring-1 ring-slate-200"
                    />
                  )}
                  <figcaption className="text-xs text-slate-600">
                    {file.label} · {Math.round(file.sizeBytes / 1024)} KB
                    {file.durationSeconds ? ` · ${file.durationSeconds} s` : ''}
                  </figcaption>
                  <div className="flex flex-wrap gap-2">
                    <a
                      href={file.url}
                      download
                      className="inline-flex items-center gap-2 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                    >
                      <Download className="h-4 w-4" aria-hidden="true" />
                      {t('ai:media.download')}
                    </a>
                    {generation.type === 'social_graphic' && generation.propertyId && canAddToProperty ? (
                      <Button
                        variant="secondary"
                        onClick={() => addToProperty.mutate(index)}
                        disabled={addToProperty.isPending}
                      >
                        <ImagePlus className="h-4 w-4" aria-hidden="true" />
                        {t('ai:media.toProperty')}
                      </Button>
                    ) : null}
                  </div>
                </figure>
              ))}
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
