import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SegmentInput, SegmentMemberView, SegmentView } from '../contract.js';
import { BUILTIN_SEGMENTS } from '../domain/segments.js';
import { PageFrame } from './page-frame.js';
import { ScoreBadge } from './score-badge.js';

const segmentsKey = ['leadscoring', 'segments'];

export function SegmentsPage() {
  const { t } = useTranslation();
  const canManage = hasPermission(useMe().data, 'leadscoring.manage');
  const segments = useQuery({
    queryKey: segmentsKey,
    queryFn: () => api<{ items: SegmentView[] }>('/leadscoring/segments'),
  });
  return (
    <PageFrame>
      <div className="space-y-6">
        <Card title={t('leadscoring:segments.title')}>
          <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('leadscoring:segments.intro')}</p>
          <QueryState query={segments}>
            {({ items }) => (
              <ul className="divide-y divide-slate-100" data-testid="segments">
                {items.map((s) => (
                  <SegmentRow key={s.id} segment={s} canManage={canManage} />
                ))}
              </ul>
            )}
          </QueryState>
        </Card>
        {canManage ? <NewSegment /> : null}
      </div>
    </PageFrame>
  );
}

function SegmentRow({ segment, canManage }: { segment: SegmentView; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const members = useQuery({
    queryKey: ['leadscoring', 'segment', segment.id],
    queryFn: () => api<{ items: SegmentMemberView[] }>(`/leadscoring/segments/${segment.id}/contacts`),
    enabled: open,
  });
  const remove = useMutation({
    mutationFn: () => api(`/leadscoring/segments/${segment.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: segmentsKey });
      toast.success(t('leadscoring:segments.deleted'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <button
            type="button"
            className="text-left font-medium text-slate-900 hover:text-brand"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {segment.name}
          </button>
          <p className="text-sm text-slate-500">{segment.description}</p>
        </div>
        <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-700">
          {t('leadscoring:segments.members', {
            count: segment.members,
            n: segment.members.toLocaleString(i18n.language),
          })}
        </span>
        <Link
          to={`/kontakte?segment=${segment.id}`}
          className="shrink-0 text-sm font-semibold text-brand hover:underline"
        >
          {t('leadscoring:segments.showContacts')}
        </Link>
        {canManage && !segment.builtin ? (
          <Button
            variant="ghost"
            icon={<Trash2 className="size-4" />}
            aria-label={t('leadscoring:segments.delete', { name: segment.name })}
            loading={remove.isPending}
            onClick={() => remove.mutate()}
          />
        ) : null}
      </div>
      {open ? (
        <div className="mt-2 rounded-lg bg-slate-50 p-3">
          <QueryState query={members}>
            {({ items }) =>
              items.length === 0 ? (
                <p className="text-sm text-slate-500">{t('leadscoring:segments.empty')}</p>
              ) : (
                <ul className="grid gap-1.5 sm:grid-cols-2">
                  {items.slice(0, 20).map((m) => (
                    <li key={m.contactId} className="flex items-center gap-2 text-sm">
                      <ScoreBadge total={m.total ?? 0} />
                      <Link
                        to={`/kontakte/${m.contactId}`}
                        className="truncate text-slate-800 hover:text-brand"
                      >
                        {m.displayName}
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </div>
      ) : null}
    </li>
  );
}

function NewSegment() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [builtin, setBuiltin] = useState('');
  const [minScore, setMinScore] = useState('');
  const [maxScore, setMaxScore] = useState('');
  const [marketing, setMarketing] = useState('');
  const [inactiveDays, setInactiveDays] = useState('');
  const create = useMutation({
    mutationFn: (body: SegmentInput) => api<SegmentView>('/leadscoring/segments', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: segmentsKey });
      toast.success(t('leadscoring:segments.created'));
      setName('');
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const number = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      name,
      rule: {
        ...(builtin ? { builtin: builtin as SegmentInput['rule']['builtin'] } : {}),
        minScore: number(minScore),
        maxScore: number(maxScore),
        ...(marketing ? { marketingTypes: [marketing as 'kauf' | 'miete'] } : {}),
        inactiveDays: number(inactiveDays),
      },
    });
  };
  return (
    <Card title={t('leadscoring:segments.new')}>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <TextField
          label={t('leadscoring:segments.name')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('leadscoring:segments.base')}
          value={builtin}
          onChange={(e) => setBuiltin(e.target.value)}
          options={[
            { value: '', label: t('leadscoring:segments.noBase') },
            ...BUILTIN_SEGMENTS.map((key) => ({
              value: key,
              label: t(`leadscoring:segments.builtin.${key}`),
            })),
          ]}
        />
        <SelectField
          label={t('leadscoring:segments.marketing')}
          value={marketing}
          onChange={(e) => setMarketing(e.target.value)}
          options={[
            { value: '', label: t('leadscoring:segments.anyMarketing') },
            { value: 'kauf', label: t('leadscoring:segments.kauf') },
            { value: 'miete', label: t('leadscoring:segments.miete') },
          ]}
        />
        <TextField
          label={t('leadscoring:segments.minScore')}
          type="number"
          min={0}
          max={100}
          value={minScore}
          onChange={(e) => setMinScore(e.target.value)}
        />
        <TextField
          label={t('leadscoring:segments.maxScore')}
          type="number"
          min={0}
          max={100}
          value={maxScore}
          onChange={(e) => setMaxScore(e.target.value)}
        />
        <TextField
          label={t('leadscoring:segments.inactiveDays')}
          type="number"
          min={1}
          value={inactiveDays}
          onChange={(e) => setInactiveDays(e.target.value)}
        />
        <div className="sm:col-span-2 xl:col-span-3">
          <Button type="submit" loading={create.isPending}>
            {t('leadscoring:segments.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
