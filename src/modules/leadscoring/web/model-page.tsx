import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { toast } from 'sonner';
import { formatDate, formatNumber, formatPercent } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ModelView } from '../contract.js';
import { PageFrame } from './page-frame.js';

export function ModelPage() {
  const model = useQuery({
    queryKey: ['leadscoring', 'model'],
    queryFn: () => api<ModelView>('/leadscoring/model'),
  });
  return (
    <PageFrame>
      <QueryState query={model}>{(data) => <ModelBody model={data} />}</QueryState>
    </PageFrame>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-xl font-semibold tabular-nums text-slate-900">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function ModelBody({ model }: { model: ModelView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canManage = hasPermission(useMe().data, 'leadscoring.manage');
  const retrain = useMutation({
    mutationFn: () => api<{ jobRunId: string }>('/leadscoring/model/retrain', { method: 'POST' }),
    onSuccess: () => toast.success(t('leadscoring:model.retrainStarted')),
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const action = canManage ? (
    <Button variant="secondary" loading={retrain.isPending} onClick={() => retrain.mutate()}>
      {t('leadscoring:model.retrain')}
    </Button>
  ) : null;
  if (model.kind === 'prior')
    return (
      <Card title={t('leadscoring:model.title')} actions={action}>
        <p className="max-w-3xl text-sm text-slate-700">
          {t('leadscoring:model.prior', {
            outcomes: model.outcomes,
            min: model.minOutcomes,
            perClass: model.minPerClass,
          })}
        </p>
        <p className="mt-2 text-xs text-slate-500">{t('leadscoring:model.nightly')}</p>
      </Card>
    );
  const points = model.reliability.map((b) => ({
    predicted: Math.round(b.meanPredicted * 1000) / 10,
    observed: Math.round(b.observedRate * 1000) / 10,
    count: b.count,
  }));
  const strongest = Math.max(0.01, ...model.coefficients.map((c) => Math.abs(c.weight)));
  return (
    <div className="space-y-6">
      <Card title={t('leadscoring:model.title')} actions={action}>
        <p className="text-sm text-slate-700">
          {t('leadscoring:model.trained', {
            outcomes: model.outcomes,
            positives: model.positives,
            date: formatDate(model.trainedAt, lang),
          })}
        </p>
        <div className="mt-4 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <Figure
            label={t('leadscoring:model.brier')}
            value={formatNumber(model.brier, lang, 3)}
            hint={t('leadscoring:model.brierHint')}
          />
          <Figure
            label={t('leadscoring:model.baseline')}
            value={formatNumber(model.baselineBrier, lang, 3)}
            hint={t('leadscoring:model.brier')}
          />
          <Figure
            label={t('leadscoring:model.auc')}
            value={formatNumber(model.auc, lang, 2)}
            hint={t('leadscoring:model.aucHint')}
          />
          <Figure
            label={t('leadscoring:model.ece')}
            value={formatPercent(model.ece === null ? null : model.ece * 100, lang, 1)}
          />
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {t('leadscoring:model.oof')} {t('leadscoring:model.nightly')}
        </p>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title={t('leadscoring:model.reliability')}>
          <div className="h-72" role="img" aria-label={t('leadscoring:model.reliability')}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" />
                <XAxis
                  type="number"
                  dataKey="predicted"
                  domain={[0, 100]}
                  unit=" %"
                  name={t('leadscoring:model.predicted')}
                  tick={{ fontSize: 11 }}
                />
                <YAxis
                  type="number"
                  dataKey="observed"
                  domain={[0, 100]}
                  unit=" %"
                  name={t('leadscoring:model.observed')}
                  tick={{ fontSize: 11 }}
                />
                <Tooltip />
                <Line
                  data={[
                    { predicted: 0, observed: 0 },
                    { predicted: 100, observed: 100 },
                  ]}
                  dataKey="observed"
                  name={t('leadscoring:model.perfect')}
                  stroke="#94a3b8"
                  strokeDasharray="4 4"
                  dot={false}
                  isAnimationActive={false}
                />
                <Scatter dataKey="observed" name={t('leadscoring:model.observed')} fill="#0f766e" />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <table className="mt-3 w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">{t('leadscoring:model.predicted')}</th>
                <th className="py-1 font-medium">{t('leadscoring:model.observed')}</th>
                <th className="py-1 text-right font-medium">{t('leadscoring:model.count')}</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {points.map((p) => (
                <tr key={p.predicted} className="border-t border-slate-100">
                  <td className="py-1">{formatPercent(p.predicted, lang, 1)}</td>
                  <td className="py-1">{formatPercent(p.observed, lang, 1)}</td>
                  <td className="py-1 text-right">{p.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t('leadscoring:model.coefficients')}>
          <ul className="space-y-2">
            {[...model.coefficients]
              .sort((a, b) => b.weight - a.weight)
              .map((c) => (
                <li key={c.id} className="grid grid-cols-[1fr_8rem_3.5rem] items-center gap-3 text-sm">
                  <span className="text-slate-800">{t(`leadscoring:factor.${c.id}`)}</span>
                  <span className="relative h-2 rounded bg-slate-100" aria-hidden="true">
                    <span
                      className={`absolute top-0 h-2 rounded ${c.weight >= 0 ? 'left-1/2 bg-brand' : 'right-1/2 bg-red-400'}`}
                      style={{ width: `${(50 * Math.abs(c.weight)) / strongest}%` }}
                    />
                  </span>
                  <span className="text-right tabular-nums text-slate-600">
                    {formatNumber(c.weight, lang, 2)}
                  </span>
                </li>
              ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
