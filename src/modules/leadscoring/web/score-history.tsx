import { useTranslation } from 'react-i18next';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../../platform/format/format-de.js';
import type { ScoreCard } from '../contract.js';

/** The daily score of the last 90 days, with its two parts. */
export function ScoreHistory({ history }: { history: ScoreCard['history'] }) {
  const { t, i18n } = useTranslation();
  if (history.length < 2)
    return <p className="text-sm text-slate-500">{t('leadscoring:card.historyEmpty')}</p>;
  const data = history.map((h) => ({ ...h, label: formatDate(h.day, i18n.language) }));
  return (
    <div className="h-36" role="img" aria-label={t('leadscoring:card.history')}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -24 }}>
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Line
            type="monotone"
            dataKey="total"
            name={t('leadscoring:card.title')}
            stroke="#0f766e"
            strokeWidth={2}
            dot={false}
          />
          <Line
            type="monotone"
            dataKey="qualification"
            name={t('leadscoring:card.qualification')}
            stroke="#94a3b8"
            dot={false}
          />
          <Line
            type="monotone"
            dataKey="engagement"
            name={t('leadscoring:card.engagement')}
            stroke="#f59e0b"
            dot={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
