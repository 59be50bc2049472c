import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Badge } from '../../../web/components/badge.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { SystemHealth } from '../contract.js';

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

/** Database, job queue, disk, mail and version at a glance; refreshed every 15 seconds. */
export function SystemTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const health = useQuery({
    queryKey: ['superadmin', 'health'],
    queryFn: () => api<SystemHealth>('/superadmin/health'),
    refetchInterval: 15_000,
  });
  return (
    <QueryState query={health}>
      {(h) => (
        <div className="grid gap-4 md:grid-cols-2" data-testid="system-health">
          <Card title={t('superadmin:system.database')}>
            <dl className="space-y-2">
              <Figure
                label={h.database.kind}
                value={
                  h.database.ok ? (
                    <Badge tone="green">
                      {t('superadmin:system.latency', { ms: h.database.latencyMs.toLocaleString(lang) })}
                    </Badge>
                  ) : (
                    <Badge tone="red">{t('superadmin:system.dbDown')}</Badge>
                  )
                }
              />
              <Figure
                label={t('superadmin:system.offices')}
                value={t('superadmin:system.officesCount', h.offices)}
              />
            </dl>
          </Card>
          <Card title={t('superadmin:system.jobs', { engine: h.jobs.engine })}>
            <dl className="space-y-2">
              <Figure label={t('superadmin:system.queued')} value={h.jobs.queued} />
              <Figure label={t('superadmin:system.running')} value={h.jobs.running} />
              <Figure
                label={t('superadmin:system.dead')}
                value={<Badge tone={h.jobs.dead > 0 ? 'red' : 'green'}>{h.jobs.dead}</Badge>}
              />
              <Figure label={t('superadmin:system.failed24h')} value={h.jobs.failedLast24h} />
            </dl>
            <p className="mt-3 text-xs text-slate-500">
              {h.jobs.oldestDueSeconds === null
                ? t('superadmin:system.noneDue')
                : t('superadmin:system.oldestDue', { seconds: h.jobs.oldestDueSeconds })}
            </p>
            {h.jobs.deadByName.length > 0 ? (
              <ul className="mt-3 space-y-1 text-xs text-slate-600">
                <li className="font-medium">{t('superadmin:system.deadByName')}</li>
                {h.jobs.deadByName.map((j) => (
                  <li key={j.name} className="flex justify-between">
                    <code>{j.name}</code>
                    <span>{j.count}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
          <Card title={t('superadmin:system.mail')}>
            <dl className="space-y-2">
              <Figure
                label=""
                value={
                  <Badge tone={h.mail.online ? 'green' : 'amber'}>
                    {h.mail.online ? t('superadmin:system.online') : t('superadmin:system.offline')}
                  </Badge>
                }
              />
              <Figure label={t('superadmin:system.mailQueued')} value={h.mail.queued} />
              <Figure label={t('superadmin:system.mailFailed')} value={h.mail.failed} />
              <Figure label={t('superadmin:system.mailSent')} value={h.mail.sentLast24h} />
            </dl>
          </Card>
          <Card title={`${t('superadmin:system.disk')} · ${t('superadmin:system.version')}`}>
            <dl className="space-y-2">
              <Figure
                label={t('superadmin:system.disk')}
                value={
                  h.disk.writable ? (
                    h.disk.freeBytes === null ? (
                      '–'
                    ) : (
                      t('superadmin:system.free', { size: formatBytes(h.disk.freeBytes, lang) })
                    )
                  ) : (
                    <Badge tone="red">{t('superadmin:system.notWritable')}</Badge>
                  )
                }
              />
              <Figure
                label={t('superadmin:system.version')}
                value={`ImmoXX ${h.version.app}${h.version.commit ? ` (${h.version.commit.slice(0, 8)})` : ''} · Node ${h.version.node}`}
              />
              <Figure label={t('superadmin:system.memory')} value={formatBytes(h.memoryRssBytes, lang)} />
              <Figure
                label=""
                value={t('superadmin:system.uptime', {
                  hours: (h.uptimeSeconds / 3600).toLocaleString(lang, { maximumFractionDigits: 1 }),
                })}
              />
            </dl>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
