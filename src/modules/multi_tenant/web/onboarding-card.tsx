import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Circle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../web/api/client.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import type { OnboardingView } from '../contract.js';
import './i18n.js';

const queryKey = ['offices', 'onboarding'];

/**
 * The dashboard's "Ihr Büro einrichten" until the office hides it; it takes the place of the
 * shell's short "Erste Schritte". Users without the permission (403) see nothing.
 */
export default function OnboardingCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey,
    queryFn: () => api<OnboardingView>('/offices/onboarding'),
    retry: false,
    refetchInterval: (query) => (query.state.data?.demoData === 'pending' ? 5000 : false),
  });
  const dismiss = useMutation({
    mutationFn: () => api<OnboardingView>('/offices/onboarding/dismiss', { method: 'POST' }),
    onSuccess: (data) => queryClient.setQueryData(queryKey, data),
  });
  const data = view.data;
  if (!data || data.dismissed) return null;
  const done = data.steps.filter((s) => s.done).length;
  return (
    <Card
      title={t('offices:onboarding.title')}
      actions={
        <Button variant="secondary" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
          {t('offices:onboarding.dismiss')}
        </Button>
      }
    >
      <p className="mb-3 text-sm text-slate-600" data-testid="onboarding-progress">
        {done === data.steps.length
          ? t('offices:onboarding.allDone')
          : t('offices:onboarding.progress', { done, total: data.steps.length })}
      </p>
      {data.demoData !== 'none' ? (
        <p
          className={`mb-3 rounded-lg px-3 py-2 text-sm ${data.demoData === 'failed' ? 'bg-red-50 text-red-700' : 'bg-sky-50 text-sky-900'}`}
          role="status"
        >
          {t(`offices:onboarding.demo.${data.demoData}`)}
        </p>
      ) : null}
      <ul className="space-y-2" data-testid="onboarding-steps">
        {data.steps.map((step) => (
          <li key={step.id} className="flex items-center gap-2 text-sm">
            {step.done ? (
              <CheckCircle2 className="size-4 shrink-0 text-emerald-600" aria-label="erledigt" />
            ) : (
              <Circle className="size-4 shrink-0 text-slate-300" aria-label="offen" />
            )}
            {step.done ? (
              <span className="text-slate-500 line-through">{t(`offices:onboarding.steps.${step.id}`)}</span>
            ) : (
              <Link to={step.path} className="font-medium text-brand hover:underline">
                {t(`offices:onboarding.steps.${step.id}`)}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
