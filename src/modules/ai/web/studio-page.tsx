import { useMutation, useQuery } from '@tanstack/react-query';
import { Copy, RefreshCw, Save, Send, Sparkles } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextAreaField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import {
  type ComplianceResult,
  type GenerationView,
  LANGUAGES,
  LENGTHS,
  type ProvidersResponse,
  SOCIAL_TARGETS,
  TEXT_TYPES,
  type TextRequest,
  TONES,
} from '../contract.js';
import { splitSubject } from '../domain/email-subject.js';
import { AiTabs } from './ai-tabs.js';
import { ComplianceList } from './compliance-list.js';
import { BudgetWarnings, ResultHeader } from './result-header.js';
import { useTextStream } from './use-text-stream.js';

type Form = Pick<TextRequest, 'type' | 'tone' | 'language' | 'length'> & {
  propertyId: string;
  contactId: string;
  platform: string;
  provider: string;
  prompt: string;
};

const needsProperty = (type: string) =>
  ['property_description', 'social_post', 'email_invitation'].includes(type);
const allowsProperty = (type: string) => needsProperty(type) || type.startsWith('email_');

export function StudioPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const canGenerate = hasPermission(me, 'ai.generate');
  const [params] = useSearchParams();
  const [form, setForm] = useState<Form>({
    type: 'property_description',
    tone: 'professional',
    language: 'de',
    length: 'medium',
    propertyId: params.get('propertyId') ?? '',
    contactId: '',
    platform: 'instagram',
    provider: '',
    prompt: '',
  });
  const [variant, setVariant] = useState(0);
  const stream = useTextStream();
  const [check, setCheck] = useState<ComplianceResult | null>(null);

  const contacts = useQuery({
    queryKey: ['crm', 'contacts', 'picker'],
    queryFn: () =>
      api<{
        items: {
          id: string;
          firstName: string | null;
          lastName: string | null;
          companyName: string | null;
          email: string | null;
        }[];
      }>('/crm/contacts?pageSize=100'),
    enabled: form.type.startsWith('email_'),
  });
  const providers = useQuery({
    queryKey: ['ai', 'providers'],
    queryFn: () => api<ProvidersResponse>('/ai/providers'),
  });
  const reuseId = params.get('reuse');
  const reused = useQuery({
    queryKey: ['ai', 'generation', reuseId],
    queryFn: () => api<GenerationView>(`/ai/generations/${reuseId}`),
    enabled: Boolean(reuseId),
  });
  useEffect(() => {
    const g = reused.data;
    if (!g) return;
    const input = g.input as Partial<Form>;
    setForm((f) => ({
      ...f,
      type: (input.type as Form['type']) ?? f.type,
      tone: input.tone ?? f.tone,
      language: input.language ?? f.language,
      length: input.length ?? f.length,
      platform: input.platform ?? f.platform,
      prompt: input.prompt ?? '',
      propertyId: g.propertyId ?? '',
      contactId: g.contactId ?? '',
    }));
    stream.setText(g.outputText ?? '');
  }, [reused.data, stream.setText]);

  // The compliance check follows every edit of a listing text, a moment after typing stops.
  const checkable = (form.type === 'property_description' || form.type === 'social_post') && form.propertyId;
  useEffect(() => {
    if (!checkable || stream.running || !stream.text.trim()) {
      setCheck(stream.compliance);
      return;
    }
    const timer = setTimeout(() => {
      api<ComplianceResult>('/ai/compliance/check', {
        method: 'POST',
        body: { text: stream.text, propertyId: form.propertyId, language: form.language },
      })
        .then(setCheck)
        .catch(() => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [checkable, stream.text, stream.running, stream.compliance, form.propertyId, form.language]);

  const set =
    <K extends keyof Form>(key: K) =>
    (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [key]: e.target.value }));

  const generate = (nextVariant: number) => {
    setVariant(nextVariant);
    void stream.run({
      type: form.type,
      tone: form.tone,
      language: form.language,
      length: form.length,
      variant: nextVariant,
      ...(allowsProperty(form.type) && form.propertyId ? { propertyId: form.propertyId } : {}),
      ...(form.type.startsWith('email_') && form.contactId ? { contactId: form.contactId } : {}),
      ...(form.type === 'social_post' ? { platform: form.platform as TextRequest['platform'] } : {}),
      ...(form.prompt.trim() ? { prompt: form.prompt.trim() } : {}),
      ...(form.provider ? { provider: form.provider as TextRequest['provider'] } : {}),
    });
  };

  const saveDescription = useMutation({
    mutationFn: () =>
      api(`/crm/properties/${form.propertyId}`, { method: 'PATCH', body: { description: stream.text } }),
    onSuccess: () => toast.success(t('ai:studio.saved')),
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const blocked = Boolean(check && !check.passed);
  const usable = stream.text.trim().length > 0 && !stream.running;
  const textProviders = (providers.data?.providers ?? []).filter(
    (p) => p.capabilities.includes('text') && p.enabled && p.configured,
  );
  const start = stream.start;
  const recipient = contacts.data?.items.find((c) => c.id === form.contactId)?.email;
  const email = splitSubject(stream.text);
  const mailto = recipient
    ? `mailto:${encodeURIComponent(recipient)}?subject=${encodeURIComponent(email.subject ?? '')}&body=${encodeURIComponent(email.body)}`
    : null;
  const generation = stream.generation;

  return (
    <div>
      <PageHeader title={t('ai:title')} description={t('ai:studio.description')} />
      <AiTabs />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[360px_minmax(0,1fr)]">
        <Card>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              generate(0);
            }}
          >
            <SelectField
              label={t('ai:studio.kind')}
              value={form.type}
              onChange={set('type')}
              options={TEXT_TYPES.map((type) => ({ value: type, label: t(`ai:type.${type}`) }))}
            />
            {allowsProperty(form.type) ? (
              <PropertyPicker
                label={t('ai:studio.property')}
                value={form.propertyId}
                onChange={(propertyId) => setForm((f) => ({ ...f, propertyId }))}
                required={needsProperty(form.type)}
                emptyLabel={needsProperty(form.type) ? undefined : t('ai:studio.choose')}
              />
            ) : null}
            {form.type.startsWith('email_') ? (
              <SelectField
                label={t('ai:studio.contact')}
                value={form.contactId}
                onChange={set('contactId')}
                required
                options={[
                  { value: '', label: t('ai:studio.choose') },
                  ...(contacts.data?.items ?? []).map((c) => ({
                    value: c.id,
                    label: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || c.id,
                  })),
                ]}
              />
            ) : null}
            {form.type === 'social_post' ? (
              <SelectField
                label={t('ai:studio.platform')}
                value={form.platform}
                onChange={set('platform')}
                options={SOCIAL_TARGETS.map((p) => ({ value: p, label: t(`ai:platform.${p}`) }))}
              />
            ) : null}
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <SelectField
                label={t('ai:studio.tone')}
                value={form.tone}
                onChange={set('tone')}
                options={TONES.map((v) => ({ value: v, label: t(`ai:tone.${v}`) }))}
              />
              <SelectField
                label={t('ai:studio.language')}
                value={form.language}
                onChange={set('language')}
                options={LANGUAGES.map((v) => ({ value: v, label: t(`ai:language.${v}`) }))}
              />
              <SelectField
                label={t('ai:studio.length')}
                value={form.length}
                onChange={set('length')}
                options={LENGTHS.map((v) => ({ value: v, label: t(`ai:length.${v}`) }))}
              />
            </div>
            <SelectField
              label={t('ai:studio.provider')}
              value={form.provider}
              onChange={set('provider')}
              options={[
                {
                  value: '',
                  label: providers.data?.offline.text
                    ? t('ai:studio.offline')
                    : t('ai:studio.providerDefault'),
                },
                ...textProviders.map((p) => ({ value: p.id, label: `${p.label} (${p.defaultModel})` })),
                ...(providers.data?.offline.text
                  ? []
                  : [{ value: 'offline', label: t('ai:studio.offline') }]),
              ]}
            />
            <TextAreaField
              label={t('ai:studio.prompt')}
              hint={t('ai:studio.promptHint')}
              value={form.prompt}
              onChange={set('prompt')}
              rows={3}
              maxLength={4000}
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={!canGenerate || stream.running}>
                <Sparkles className="h-4 w-4" aria-hidden="true" />
                {stream.running ? t('ai:studio.generating') : t('ai:studio.generate')}
              </Button>
              {usable ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => generate(variant + 1)}
                  disabled={!canGenerate}
                >
                  <RefreshCw className="h-4 w-4" aria-hidden="true" />
                  {t('ai:studio.again')}
                </Button>
              ) : null}
            </div>
          </form>
        </Card>

        <div className="space-y-4">
          <Card>
            <ResultHeader
              source={start}
              offlineLabel={t('ai:studio.offline')}
              cacheHit={start?.cacheHit}
              costUsd={generation?.costUsd}
            >
              {generation?.tokensIn != null ? (
                <span>
                  {t('ai:studio.tokens', { in: generation.tokensIn, out: generation.tokensOut ?? 0 })}
                </span>
              ) : null}
            </ResultHeader>
            {start?.offline ? (
              <p className="mb-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                {t('ai:studio.offlineNotice')}
              </p>
            ) : null}
            <BudgetWarnings warnings={start?.budgetWarnings} />
            {stream.error ? (
              <p role="alert" className="mb-3 rounded-lg bg-red-50 p-3 text-sm text-red-800">
                {errorMessage(stream.error, t)}
              </p>
            ) : null}
            {stream.text || stream.running ? (
              <TextAreaField
                label={t('ai:studio.result')}
                hint={t('ai:studio.resultHint')}
                value={stream.text}
                onChange={(e) => stream.setText(e.target.value)}
                rows={16}
                aria-busy={stream.running}
              />
            ) : (
              <p className="py-10 text-center text-sm text-slate-500">{t('ai:studio.emptyResult')}</p>
            )}
            {usable ? (
              <div className="mt-4 flex flex-wrap gap-2">
                {form.type === 'property_description' && form.propertyId ? (
                  <Button
                    onClick={() => saveDescription.mutate()}
                    disabled={blocked || saveDescription.isPending}
                    title={blocked ? t('ai:studio.blocked') : undefined}
                  >
                    <Save className="h-4 w-4" aria-hidden="true" />
                    {t('ai:studio.saveDescription')}
                  </Button>
                ) : null}
                {form.type === 'social_post' ? (
                  <Button
                    variant="secondary"
                    disabled={blocked}
                    onClick={() =>
                      navigate('/social/neu', {
                        state: { aiText: stream.text, propertyId: form.propertyId, platform: form.platform },
                      })
                    }
                  >
                    <Send className="h-4 w-4" aria-hidden="true" />
                    {t('ai:studio.toComposer')}
                  </Button>
                ) : null}
                {form.type.startsWith('email_') && mailto ? (
                  <a
                    href={mailto}
                    className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                  >
                    <Send className="h-4 w-4" aria-hidden="true" />
                    {t('ai:studio.toDraft')}
                  </a>
                ) : null}
                <Button
                  variant="secondary"
                  onClick={() =>
                    void navigator.clipboard
                      .writeText(stream.text)
                      .then(() => toast.success(t('ai:studio.copied')))
                  }
                >
                  <Copy className="h-4 w-4" aria-hidden="true" />
                  {t('ai:studio.copy')}
                </Button>
              </div>
            ) : null}
            {blocked ? <p className="mt-2 text-sm text-red-700">{t('ai:studio.blocked')}</p> : null}
          </Card>
          {checkable && check ? (
            <ComplianceList result={check} text={stream.text} onFix={stream.setText} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
