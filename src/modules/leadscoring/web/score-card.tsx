import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../platform/format/format-de.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { ScoreCard as Card_, LeadEventView } from '../contract.js';
import { formatProbability } from './format.js';
import './i18n.js';
import { OverrideForm } from './override-form.js';
import { QualificationForm } from './qualification-form.js';
import { ScoreHistory } from './score-history.js';
import { useScoreCard } from './use-score-card.js';

const CLOSED = ['gewonnen', 'verloren'];

/** The contact page's score card: the number, why, where it is heading, and what the office knows. */
export default function ScoreCard({ contactId, leadStatus }: { contactId: string; leadStatus: string }) {
  const { t } = useTranslation();
  const card = useScoreCard(contactId);
  return (
    <Card title={t('leadscoring:card.title')}>
      <QueryState query={card}>
        {(data) => <CardBody contactId={contactId} leadStatus={leadStatus} card={data} />}
      </QueryState>
    </Card>
  );
}

function CardBody({ contactId, leadStatus, card }: { contactId: string; leadStatus: string; card: Card_ }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canWrite = hasPermission(me, 'leadscoring.write');
  const [editing, setEditing] = useState<'none' | 'qualification' | 'override'>('none');
  const score = card.score;
  const reasons = card.factors
    .filter((f) => f.points > 0 && f.weight > 0)
    .sort((a, b) => b.weight * b.points - a.weight * a.points);
  return (
    <div className="space-y-5" data-testid="lead-score-card">
      {score ? (
        <div className="flex flex-wrap items-center gap-4">
          <span className="text-4xl font-bold tabular-nums text-slate-900" data-testid="lead-score-total">
            {score.total}
          </span>
          <div className="text-sm text-slate-600">
            <div>
              {t('leadscoring:card.qualification')} {score.qualification} · {t('leadscoring:card.engagement')}{' '}
              {score.engagement}
            </div>
            {CLOSED.includes(leadStatus) ? (
              <div>{t('leadscoring:card.closed', { status: leadStatus })}</div>
            ) : (
              <div>
                {t('leadscoring:card.close')}:{' '}
                <strong>
                  {t('leadscoring:card.closeRange', {
                    p: formatProbability(score.close.probability, i18n.language),
                    low: formatProbability(score.close.low, i18n.language),
                    high: formatProbability(score.close.high, i18n.language),
                  })}
                </strong>
                <span className="block text-xs text-slate-500">
                  {score.close.kind === 'prior'
                    ? t('leadscoring:card.closePrior')
                    : t('leadscoring:card.closeModel')}
                </span>
              </div>
            )}
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t('leadscoring:card.none')}</p>
      )}
      {card.override ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {t('leadscoring:card.overridden', {
            by: card.override.by ?? '–',
            date: formatDate(card.override.at, i18n.language),
            reason: card.override.reason,
            computed: score?.computedTotal ?? '–',
          })}
        </p>
      ) : null}
      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t('leadscoring:card.reasons')}
        </h3>
        {reasons.length === 0 ? (
          <p className="text-sm text-slate-500">{t('leadscoring:card.noReasons')}</p>
        ) : (
          <ul className="space-y-1.5" data-testid="lead-score-reasons">
            {reasons.map((f) => (
              <li key={f.id} className="flex items-center gap-3 text-sm">
                <span className="w-10 shrink-0 text-right font-semibold tabular-nums text-slate-700">
                  +{Math.round(f.points * f.weight)}
                </span>
                <span className="min-w-0 flex-1 text-slate-800">{f.reason}</span>
                <span className="h-1.5 w-16 shrink-0 overflow-hidden rounded bg-slate-100" aria-hidden="true">
                  <span
                    className="block h-full bg-brand"
                    style={{ width: `${Math.min(100, (100 * f.points) / f.max)}%` }}
                  />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t('leadscoring:card.history')}
        </h3>
        <ScoreHistory history={card.history} />
      </section>
      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t('leadscoring:card.events')}
        </h3>
        <p className="mb-2 text-xs text-slate-500">
          {card.tracking.consentSince
            ? t('leadscoring:card.tracking', { date: formatDate(card.tracking.consentSince, i18n.language) })
            : t('leadscoring:card.noTracking')}
        </p>
        {card.events.length === 0 ? (
          <p className="text-sm text-slate-500">{t('leadscoring:card.eventsEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {card.events.slice(0, 8).map((e) => (
              <li key={`${e.kind}-${e.occurredAt}`} className="flex flex-wrap justify-between gap-x-3 py-1.5">
                <span className="text-slate-800">
                  {eventText(e, t)}
                  {e.propertyTitle ? <span className="text-slate-500"> · {e.propertyTitle}</span> : null}
                  {e.machine ? (
                    <span className="text-slate-500"> · {t('leadscoring:card.machine')}</span>
                  ) : null}
                </span>
                <span className="text-slate-500 tabular-nums">
                  {formatDateTime(e.occurredAt, i18n.language)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canWrite ? (
        <section className="space-y-3 border-t border-slate-100 pt-4">
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="text-sm font-semibold text-brand hover:underline"
              onClick={() => setEditing(editing === 'qualification' ? 'none' : 'qualification')}
            >
              {t('leadscoring:qualification.title')}
            </button>
            <span className="text-slate-300">·</span>
            <button
              type="button"
              className="text-sm font-semibold text-brand hover:underline"
              onClick={() => setEditing(editing === 'override' ? 'none' : 'override')}
            >
              {card.override ? t('leadscoring:card.overrideClear') : t('leadscoring:card.override')}
            </button>
          </div>
          {editing === 'qualification' ? (
            <QualificationForm contactId={contactId} initial={card.qualification} />
          ) : null}
          {editing === 'override' ? (
            <OverrideForm contactId={contactId} overridden={card.override !== null} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function eventText(e: LeadEventView, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t(`leadscoring:event.${e.kind}`, { n: e.value ?? 0 });
}
