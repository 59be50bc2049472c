import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { Navigation } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { useMembers } from '../../crm/web/use-members.js';

interface Leg {
  viewingId: string;
  propertyTitle: string;
  address: string;
  lat: number;
  lng: number;
  departAt: string;
  arriveAt: string;
  beginAt: string;
  endAt: string;
  travelMinutes: number;
  waitMinutes: number;
  lateMinutes: number;
  bookedAt: string;
}
interface TourPlan {
  source: 'osrm' | 'estimate';
  sourceNote: string;
  legs: Leg[];
  travelMinutes: number;
  feasible: boolean;
  late: { viewingId: string; propertyTitle: string; minutes: number }[];
  byTime: { travelMinutes: number; feasible: boolean };
  method: 'exact' | 'heuristic' | 'given';
  navigationUrl: string | null;
  unplaced: { viewingId: string; propertyTitle: string }[];
}

const tomorrow = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
};

/** The agent's day as a tour: proposed order, departure times, lateness, and a link to navigate. */
export function TourPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const members = useMembers();
  const [form, setForm] = useState({
    date: tomorrow(),
    agentId: me?.user.id ?? '',
    flexMinutes: '0',
    departAt: '',
  });
  const [asked, setAsked] = useState(form);
  const query = useQuery({
    queryKey: ['viewings', 'route', asked],
    queryFn: () =>
      api<TourPlan>(
        `/viewings/route?${new URLSearchParams({
          date: asked.date,
          flexMinutes: asked.flexMinutes,
          ...(asked.agentId ? { agentId: asked.agentId } : {}),
          ...(asked.departAt ? { departAt: asked.departAt } : {}),
        })}`,
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(form);
  };
  const agentName = members.data?.items.find((m) => m.userId === asked.agentId)?.name ?? me?.user.name ?? '';

  return (
    <>
      <PageHeader
        title={t('viewings:tourTitle')}
        description={t('viewings:tourDescription')}
        actions={
          <Link className="text-sm text-brand hover:underline" to="/besichtigungen">
            {t('viewings:back')}
          </Link>
        }
      />
      <Card>
        <form onSubmit={submit} className="grid items-end gap-3 sm:grid-cols-5">
          <TextField
            label={t('viewings:date')}
            type="date"
            required
            value={form.date}
            onChange={(e) => setForm({ ...form, date: e.target.value })}
          />
          <SelectField
            label={t('viewings:agent')}
            value={form.agentId}
            onChange={(e) => setForm({ ...form, agentId: e.target.value })}
            options={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          />
          <SelectField
            label={t('viewings:flex')}
            value={form.flexMinutes}
            onChange={(e) => setForm({ ...form, flexMinutes: e.target.value })}
            options={(['0', '15', '30', '60'] as const).map((v) => ({
              value: v,
              label: t(`viewings:flexOptions.${v}`),
            }))}
          />
          <TextField
            label={t('viewings:departAt')}
            type="time"
            value={form.departAt}
            onChange={(e) => setForm({ ...form, departAt: e.target.value })}
          />
          <Button type="submit">{t('viewings:plan')}</Button>
        </form>
      </Card>
      <div className="mt-4">
        <QueryState query={query}>
          {(plan) =>
            plan.legs.length === 0 && plan.unplaced.length === 0 ? (
              <Card>
                <p className="py-6 text-center text-sm text-slate-500">
                  {t('viewings:tourEmpty', { name: agentName })} ({formatDate(asked.date)})
                </p>
              </Card>
            ) : (
              <TourResult plan={plan} />
            )
          }
        </QueryState>
      </div>
    </>
  );
}

function TourResult({ plan }: { plan: TourPlan }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
      <Card>
        <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          {plan.source === 'estimate' ? <Badge tone="amber">{t('viewings:estimateBadge')}</Badge> : null}
          <span className="text-slate-600">{plan.sourceNote}</span>
        </div>
        {plan.feasible ? (
          <p className="mb-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {t('viewings:feasible')}
          </p>
        ) : (
          <p role="alert" className="mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
            {t('viewings:infeasible', {
              list: plan.late
                .map((l) => t('viewings:lateBy', { title: l.propertyTitle, minutes: l.minutes }))
                .join(', '),
            })}
          </p>
        )}
        <ol className="space-y-3" aria-label={t('viewings:tourTitle')}>
          {plan.legs.map((leg, i) => (
            <li key={leg.viewingId} className="flex gap-3">
              <span className="flex size-7 flex-none items-center justify-center rounded-full bg-brand text-sm font-semibold text-white">
                {i + 1}
              </span>
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">{leg.propertyTitle}</p>
                <p className="text-slate-600">{leg.address}</p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-slate-700">
                  {leg.travelMinutes > 0 ? (
                    <>
                      <span>{t('viewings:depart', { time: leg.departAt })}</span>
                      <span>{t('viewings:drive', { minutes: leg.travelMinutes })}</span>
                      <span>{t('viewings:arrive', { time: leg.arriveAt })}</span>
                    </>
                  ) : null}
                  <span className="font-medium">{t('viewings:begin', { time: leg.beginAt })}</span>
                  <span className="text-slate-500">{t('viewings:booked', { time: leg.bookedAt })}</span>
                  {leg.waitMinutes > 0 ? (
                    <span className="text-slate-500">{t('viewings:wait', { minutes: leg.waitMinutes })}</span>
                  ) : null}
                  {leg.lateMinutes > 0 ? (
                    <Badge tone="red">{t('viewings:late', { minutes: leg.lateMinutes })}</Badge>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ol>
        {plan.unplaced.length > 0 ? (
          <p className="mt-3 text-sm text-amber-800">
            {t('viewings:unplaced', { list: plan.unplaced.map((u) => u.propertyTitle).join(', ') })}
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3 text-sm text-slate-700">
          <span className="font-medium">{t('viewings:travel', { minutes: plan.travelMinutes })}</span>
          <span>{t('viewings:saving', { minutes: plan.byTime.travelMinutes })}</span>
          <span className="text-slate-500">{t(`viewings:method.${plan.method}`)}</span>
          {plan.navigationUrl ? (
            <a
              className="ml-auto inline-flex items-center gap-1 font-medium text-brand hover:underline"
              href={plan.navigationUrl}
              target="_blank"
              rel="noreferrer"
            >
              <Navigation className="size-4" aria-hidden="true" /> {t('viewings:navigate')}
            </a>
          ) : null}
        </div>
      </Card>
      <Card>
        <TourMap legs={plan.legs} />
      </Card>
    </div>
  );
}

/**
 * A basemap-free map: the stops projected (equirectangular, scaled by the latitude's cosine) and
 * joined in tour order. Works offline and without a tile server.
 */
function TourMap({ legs }: { legs: Leg[] }) {
  const { t } = useTranslation();
  if (legs.length === 0) return null;
  const cos = Math.cos(((legs[0]?.lat ?? 47.6) * Math.PI) / 180);
  const xs = legs.map((l) => l.lng * cos);
  const ys = legs.map((l) => -l.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.005);
  const size = 300;
  const pad = 28;
  const project = (i: number) => ({
    x: pad + (((xs[i] as number) - minX) / span) * (size - 2 * pad),
    y: pad + (((ys[i] as number) - minY) / span) * (size - 2 * pad),
  });
  const points = legs.map((_, i) => project(i));
  return (
    <figure>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        className="w-full rounded-lg bg-sky-50"
        role="img"
        aria-label={t('viewings:mapLabel')}
      >
        <polyline
          points={points.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke="#0f766e"
          strokeWidth={2}
          strokeDasharray="5 4"
        />
        {points.map((p, i) => (
          <g key={legs[i]?.viewingId}>
            <circle cx={p.x} cy={p.y} r={11} fill="#0f766e" />
            <text x={p.x} y={p.y + 4} textAnchor="middle" fontSize={12} fontWeight={600} fill="#fff">
              {i + 1}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="mt-2 text-xs text-slate-500">{t('viewings:mapLabel')}</figcaption>
    </figure>
  );
}
