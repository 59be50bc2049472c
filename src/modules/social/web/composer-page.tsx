import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, CheckCircle2, Wand2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextAreaField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Spinner } from '../../../web/components/spinner.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import type { AccountView, PostView } from '../contract.js';
import { POST_FORMATS, type SocialPlatform } from '../domain/platforms.js';
import { LIMITS } from '../domain/post-rules.js';
import {
  type ComposerState,
  defaultPhotos,
  emptyVariant,
  fromPost,
  issuesOf,
  type PoolMedia,
  poolKey,
  toBody,
  type Variant,
} from './composer-state.js';
import { MediaPool } from './media-pool.js';
import { PlatformPreview } from './platform-preview.js';
import { useAccounts, usePost } from './social-api.js';
import { ModeBadge, PlatformDot, StatusBadge } from './social-badges.js';
import { SocialTabs } from './social-tabs.js';
import { TikTokSettings } from './tiktok-settings.js';

interface Composed {
  variants: { platform: SocialPlatform; text: string; link: string; hashtags: string[] }[];
  media: (PoolMedia & { previewUrl: string })[];
  warnings: string[];
}

const tomorrowAtTen = () => {
  const d = new Date(Date.now() + 86_400_000);
  d.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function ComposerPage() {
  const { postId } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const canPublish = hasPermission(me, 'social.posts.publish');
  const accounts = useAccounts();
  const existing = usePost(postId);
  const [pickedTitle, setPickedTitle] = useState('');
  const [state, setState] = useState<ComposerState>({ title: '', propertyId: '', pool: [], variants: {} });
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [scheduleAt, setScheduleAt] = useState(tomorrowAtTen);

  // Take the stored post into the form once per post, not on every refetch.
  useEffect(() => {
    if (existing.data && existing.data.id !== loadedId) {
      setState(fromPost(existing.data));
      setLoadedId(existing.data.id);
      setActive(existing.data.targets[0]?.accountId ?? null);
    }
  }, [existing.data, loadedId]);

  // A text handed over from the AI Studio: its platform's accounts are chosen and get the text.
  const handover = useLocation().state as {
    aiText?: string;
    propertyId?: string;
    platform?: SocialPlatform;
  } | null;
  const [handedOver, setHandedOver] = useState(false);
  useEffect(() => {
    const items = accounts.data?.items;
    if (handedOver || postId || !handover?.aiText || !items) return;
    setHandedOver(true);
    const targets = items.filter((a) => a.platform === handover.platform);
    setState((s) => ({
      ...s,
      propertyId: handover.propertyId ?? s.propertyId,
      variants: Object.fromEntries(
        targets.map((a) => [
          a.id,
          {
            ...emptyVariant(),
            format: a.platform === 'tiktok' ? 'reel' : 'feed',
            text: handover.aiText ?? '',
          },
        ]),
      ),
    }));
    setActive(targets[0]?.id ?? null);
  }, [accounts.data, handover, handedOver, postId]);

  const accountList = accounts.data?.items ?? [];
  const chosen = accountList.filter((a) => state.variants[a.id]);
  const readOnly = Boolean(
    existing.data?.targets.some((x) => !['entwurf', 'fehlgeschlagen'].includes(x.status)),
  );
  const issues = Object.fromEntries(
    chosen.map((a) => [a.id, issuesOf(a.platform, state.variants[a.id] as Variant, state.pool)]),
  );
  const hasIssues = chosen.some((a) => (issues[a.id]?.length ?? 0) > 0);
  const activeAccount = chosen.find((a) => a.id === active) ?? chosen[0];

  const setVariant = (accountId: string, patch: Partial<Variant>) =>
    setState((s) => ({
      ...s,
      variants: { ...s.variants, [accountId]: { ...(s.variants[accountId] ?? emptyVariant()), ...patch } },
    }));
  const toggleAccount = (account: AccountView) =>
    setState((s) => {
      const variants = { ...s.variants };
      if (variants[account.id]) delete variants[account.id];
      else {
        variants[account.id] = {
          ...emptyVariant(),
          format: account.platform === 'tiktok' ? 'reel' : 'feed',
          media: defaultPhotos(account.platform, s.pool),
        };
        setActive(account.id);
      }
      return { ...s, variants };
    });

  const fill = useMutation({
    mutationFn: (propertyId: string) => api<Composed>(`/social-media/compose/property/${propertyId}`),
    onSuccess: (composed) => {
      const pool = composed.media;
      const targets = chosen.length > 0 ? chosen : accountList;
      const variants: Record<string, Variant> = { ...state.variants };
      for (const account of targets) {
        const draft = composed.variants.find((v) => v.platform === account.platform);
        variants[account.id] = {
          ...(variants[account.id] ?? emptyVariant()),
          format: account.platform === 'tiktok' ? 'reel' : (variants[account.id]?.format ?? 'feed'),
          text: draft?.text ?? '',
          link: draft?.link ?? '',
          media: defaultPhotos(account.platform, pool),
        };
      }
      setState((s) => ({ ...s, title: s.title || pickedTitle, pool, variants }));
      setActive((a) => a ?? targets[0]?.id ?? null);
      setWarnings(composed.warnings);
      toast.success(t('social:composer.filled'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const save = async (): Promise<PostView> => {
    const body = toBody(state, accountList);
    const saved = postId
      ? await api<PostView>(`/social-media/posts/${postId}`, { method: 'PUT', body })
      : await api<PostView>('/social-media/posts', { method: 'POST', body });
    return saved;
  };
  const act = useMutation({
    mutationFn: async (action: 'draft' | 'submit' | 'schedule' | 'now') => {
      if (chosen.length === 0) throw new Error(t('social:composer.needsChannel'));
      if (action !== 'draft' && hasIssues) throw new Error(t('social:composer.fixIssues'));
      const saved = await save();
      if (action === 'submit') await api(`/social-media/posts/${saved.id}/submit`, { method: 'POST' });
      if (action === 'schedule' || action === 'now')
        await api('/social-media/publish', {
          method: 'POST',
          body: {
            postId: saved.id,
            at: action === 'schedule' ? new Date(scheduleAt).toISOString() : undefined,
          },
        });
      return { saved, action };
    },
    onSuccess: ({ saved, action }) => {
      void queryClient.invalidateQueries({ queryKey: ['social'] });
      toast.success(
        t(
          action === 'draft'
            ? 'social:composer.saved'
            : action === 'submit'
              ? 'social:composer.submitted'
              : 'social:composer.scheduled',
        ),
      );
      if (action === 'draft') navigate(`/social/beitraege/${saved.id}`, { replace: true });
      else navigate(action === 'schedule' ? '/social/kalender' : '/social');
    },
    onError: (error) =>
      toast.error(error instanceof Error && !('status' in error) ? error.message : errorMessage(error, t)),
  });

  if (accounts.isPending || (postId && existing.isPending))
    return (
      <div className="flex justify-center py-12">
        <Spinner />
      </div>
    );
  if (existing.isError) return <p role="alert">{errorMessage(existing.error, t)}</p>;

  const variant = activeAccount ? (state.variants[activeAccount.id] as Variant) : undefined;
  const limits = activeAccount ? LIMITS[activeAccount.platform] : undefined;
  const previewMedia = (variant?.media ?? []).flatMap((key) =>
    state.pool
      .filter((m) => poolKey(m) === key)
      .map((m) => ({ kind: m.kind, src: m.previewUrl ?? '', altText: m.altText })),
  );

  return (
    <>
      <PageHeader
        title={postId ? t('social:composer.editTitle') : t('social:composer.newTitle')}
        actions={existing.data ? <StatusBadge status={existing.data.status} kind="post" /> : null}
      />
      <SocialTabs />
      {readOnly ? (
        <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status">
          {t('social:composer.readOnly')}{' '}
          <Link to="/social" className="font-semibold underline">
            {t('social:tabs.posts')}
          </Link>
        </p>
      ) : null}
      <fieldset disabled={readOnly} className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-5">
          <Card>
            <div className="grid gap-4">
              <TextField
                label={t('social:composer.titleLabel')}
                value={state.title}
                maxLength={200}
                onChange={(e) => setState((s) => ({ ...s, title: e.target.value }))}
              />
              <div className="flex items-end gap-2">
                <div className="flex-1">
                  <PropertyPicker
                    label={t('social:composer.property')}
                    value={state.propertyId}
                    emptyLabel={t('social:composer.noProperty')}
                    onChange={(propertyId, picked) => {
                      setPickedTitle(picked?.title ?? '');
                      setState((s) => ({ ...s, propertyId }));
                    }}
                  />
                </div>
                <Button
                  variant="secondary"
                  icon={<Wand2 className="size-4" />}
                  disabled={!state.propertyId}
                  loading={fill.isPending}
                  onClick={() => fill.mutate(state.propertyId)}
                >
                  {t('social:composer.fromProperty')}
                </Button>
              </div>
            </div>
            {warnings.length > 0 ? (
              <ul
                className="mt-4 space-y-1 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900"
                aria-label={t('social:composer.warnings')}
              >
                {warnings.map((w) => (
                  <li key={w} className="flex gap-2">
                    <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" /> {w}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>

          <Card title={t('social:composer.channels')}>
            {accountList.length === 0 ? (
              <p className="text-sm text-slate-600">
                {t('social:composer.noAccounts')}{' '}
                <Link to="/social/konten" className="font-semibold text-brand underline">
                  {t('social:tabs.accounts')}
                </Link>
              </p>
            ) : (
              <div className="flex flex-wrap gap-2">
                {accountList.map((account) => (
                  <label
                    key={account.id}
                    className={`flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ${
                      state.variants[account.id] ? 'bg-brand/5 ring-brand' : 'ring-slate-200'
                    }`}
                  >
                    <input
                      type="checkbox"
                      checked={Boolean(state.variants[account.id])}
                      onChange={() => toggleAccount(account)}
                      disabled={account.status !== 'verbunden'}
                    />
                    <PlatformDot platform={account.platform} />
                    <span className="text-slate-600">{account.name}</span>
                    <ModeBadge mode={account.mode} />
                  </label>
                ))}
              </div>
            )}
            <p className="mt-3 text-xs text-slate-500">{t('social:composer.groupsNote')}</p>
          </Card>

          {activeAccount && variant && limits ? (
            <Card>
              <div role="tablist" className="mb-4 flex flex-wrap gap-1">
                {chosen.map((a) => (
                  <button
                    key={a.id}
                    type="button"
                    role="tab"
                    aria-selected={a.id === activeAccount.id}
                    onClick={() => setActive(a.id)}
                    className={`flex items-center gap-2 rounded-lg px-3 py-1.5 text-sm ${
                      a.id === activeAccount.id ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-700'
                    }`}
                  >
                    {t(`social:platform.${a.platform}`)}
                    {(issues[a.id]?.length ?? 0) > 0 ? (
                      <AlertTriangle className="size-3.5 text-amber-500" aria-label="!" />
                    ) : null}
                  </button>
                ))}
              </div>
              <div className="space-y-4" role="tabpanel">
                {activeAccount.mode === 'offline' ? (
                  <p className="text-xs text-slate-500">{t('social:composer.notConnected')}</p>
                ) : null}
                <SelectField
                  label={t('social:composer.format')}
                  value={variant.format}
                  onChange={(e) =>
                    setVariant(activeAccount.id, { format: e.target.value as Variant['format'] })
                  }
                  options={POST_FORMATS.filter((f) => limits.maxMedia[f] > 0).map((f) => ({
                    value: f,
                    label: t(`social:format.${f}`),
                  }))}
                />
                <TextAreaField
                  label={`${t('social:composer.text')} – ${t(`social:platform.${activeAccount.platform}`)}`}
                  rows={9}
                  value={variant.text}
                  onChange={(e) => setVariant(activeAccount.id, { text: e.target.value })}
                  hint={t('social:composer.chars', { count: [...variant.text].length, max: limits.caption })}
                />
                {activeAccount.platform === 'facebook' || activeAccount.platform === 'linkedin' ? (
                  <TextField
                    label={t('social:composer.link')}
                    type="url"
                    value={variant.link}
                    onChange={(e) => setVariant(activeAccount.id, { link: e.target.value })}
                  />
                ) : null}
                {activeAccount.platform !== 'tiktok' ? (
                  <TextAreaField
                    label={t('social:composer.firstComment')}
                    rows={2}
                    value={variant.firstComment}
                    hint={t('social:composer.firstCommentHint')}
                    onChange={(e) => setVariant(activeAccount.id, { firstComment: e.target.value })}
                  />
                ) : null}
                {activeAccount.platform === 'tiktok' ? (
                  <TikTokSettings
                    account={activeAccount}
                    value={variant.tiktok}
                    onChange={(tiktok) => setVariant(activeAccount.id, { tiktok })}
                  />
                ) : null}
                <MediaPool
                  pool={state.pool}
                  chosen={variant.media}
                  propertyId={state.propertyId}
                  onChange={(media) => setVariant(activeAccount.id, { media })}
                  onAddToPool={(m) => setState((s) => ({ ...s, pool: [...s.pool, m] }))}
                />
              </div>
            </Card>
          ) : null}
        </div>

        <div className="space-y-5">
          {activeAccount && variant ? (
            <Card title={t('social:composer.preview')}>
              <PlatformPreview
                platform={activeAccount.platform}
                accountName={activeAccount.name}
                format={variant.format}
                text={variant.text}
                link={variant.link}
                firstComment={variant.firstComment}
                media={previewMedia}
              />
              <div className="mt-4" aria-live="polite">
                <p className="text-sm font-medium text-slate-700">{t('social:composer.checks')}</p>
                {(issues[activeAccount.id]?.length ?? 0) === 0 ? (
                  <p className="mt-1 flex items-center gap-1.5 text-sm text-emerald-700">
                    <CheckCircle2 className="size-4" aria-hidden="true" />
                    {t('social:composer.ok', { platform: t(`social:platform.${activeAccount.platform}`) })}
                  </p>
                ) : (
                  <ul className="mt-1 space-y-1 text-sm text-red-700" data-testid="variant-issues">
                    {issues[activeAccount.id]?.map((i) => (
                      <li key={i.code + i.message}>{i.message}</li>
                    ))}
                  </ul>
                )}
              </div>
            </Card>
          ) : null}
          <Card>
            <div className="space-y-3">
              <Button
                variant="secondary"
                className="w-full"
                loading={act.isPending && act.variables === 'draft'}
                onClick={() => act.mutate('draft')}
              >
                {t('social:composer.saveDraft')}
              </Button>
              {canPublish ? (
                <>
                  <TextField
                    label={t('social:composer.scheduleAt')}
                    type="datetime-local"
                    value={scheduleAt}
                    onChange={(e) => setScheduleAt(e.target.value)}
                  />
                  <Button
                    className="w-full"
                    loading={act.isPending && act.variables === 'schedule'}
                    onClick={() => act.mutate('schedule')}
                  >
                    {t('social:composer.schedule')}
                  </Button>
                  <Button
                    variant="secondary"
                    className="w-full"
                    loading={act.isPending && act.variables === 'now'}
                    onClick={() => act.mutate('now')}
                  >
                    {t('social:composer.publishNow')}
                  </Button>
                </>
              ) : (
                <Button
                  className="w-full"
                  loading={act.isPending && act.variables === 'submit'}
                  onClick={() => act.mutate('submit')}
                >
                  {t('social:composer.submit')}
                </Button>
              )}
            </div>
          </Card>
        </div>
      </fieldset>
    </>
  );
}
