import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';

interface HistoryEntry {
  id: string;
  kind: string;
  actorName: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

/** What happened to a task, newest first, folded away until asked for. */
export function TaskHistory({ taskId }: { taskId: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: ['projects', 'history', taskId],
    queryFn: () => api<{ items: HistoryEntry[] }>(`/projects/tasks/${taskId}/history`),
  });
  if (!history.data || history.data.items.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">{t('projects:history')}</summary>
      <ul className="mt-2 space-y-1 text-slate-600">
        {history.data.items.map((entry) => (
          <li key={entry.id}>
            <span className="text-slate-400">{formatDateTime(entry.createdAt, i18n.language)}</span>{' '}
            {entry.actorName ? `${entry.actorName}: ` : ''}
            {t(`projects:historyKind.${entry.kind}`, { ...entry.detail, defaultValue: entry.kind }) as string}
          </li>
        ))}
      </ul>
    </details>
  );
}
