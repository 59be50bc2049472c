import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';
import type { PlanView } from '../contract.js';

/** Reading progress of an uploaded plan, polled; `onDone` once the model (or floor) is there. */
export function PlanProgress({ planId, onDone }: { planId: string; onDone(view: PlanView): void }) {
  const { t } = useTranslation();
  const plan = useQuery({
    queryKey: ['models3d', 'plan', planId],
    queryFn: () => api<PlanView>(`/3d/plans/${planId}`),
    refetchInterval: (q) =>
      q.state.data?.status === 'fertig' || q.state.data?.status === 'fehler' ? false : 700,
  });
  const view = plan.data;
  const done = useRef(onDone);
  done.current = onDone;
  // Once: a refetch of the finished plan must not run it again.
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current || view?.status !== 'fertig' || !view.modelId) return;
    reported.current = true;
    done.current(view);
  }, [view]);
  if (view?.status === 'fehler')
    return (
      <p role="alert" className="text-sm text-red-700">
        {t('models3d:upload.failed', { message: view.error?.message ?? '' })}
      </p>
    );
  const percent = view?.progress ?? 0;
  return (
    <div role="status" aria-live="polite" className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{view?.step ?? t('models3d:upload.reading')}</span>
        <span>{percent} %</span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-brand transition-all" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
