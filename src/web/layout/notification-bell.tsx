import { Popover, PopoverButton, PopoverPanel } from '@headlessui/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../platform/format/format-de.js';
import type { ListPage } from '../../platform/http/page-schema.js';
import { api } from '../api/client.js';

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** The bell: unread count (polled), the latest twenty, a click opens the thing and marks it read. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const count = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api<{ unread: number }>('/notifications/unread-count'),
    refetchInterval: 30_000,
  });
  const list = useQuery({
    queryKey: ['notifications', 'list'],
    queryFn: () => api<ListPage<NotificationItem>>('/notifications?pageSize=20'),
    enabled: false,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: (id: string) => api(`/notifications/${id}/read`, { method: 'POST' }),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => api('/notifications/read-all', { method: 'POST' }),
    onSettled: refresh,
  });
  const unread = count.data?.unread ?? 0;
  return (
    <Popover className="relative">
      <PopoverButton
        onClick={() => void list.refetch()}
        className="relative rounded-full p-2 text-slate-600 hover:bg-slate-100"
        aria-label={`${t('notifications.open')}${unread ? ` (${t('notifications.unread', { count: unread })})` : ''}`}
        data-testid="notification-bell"
      >
        <Bell className="size-5" aria-hidden="true" />
        {unread > 0 ? (
          <span className="absolute -right-0.5 -top-0.5 flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </PopoverButton>
      <PopoverPanel
        anchor="bottom end"
        className="z-40 mt-2 w-[min(24rem,calc(100vw-1rem))] rounded-xl bg-white shadow-lg ring-1 ring-slate-200 focus:outline-none"
      >
        {({ close }) => (
          <div>
            <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
              <h2 className="text-sm font-semibold text-slate-900">{t('notifications.title')}</h2>
              {unread > 0 ? (
                <button
                  type="button"
                  className="text-xs font-medium text-brand hover:underline"
                  onClick={() => readAll.mutate()}
                >
                  {t('notifications.markAll')}
                </button>
              ) : null}
            </div>
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {list.data?.items.length === 0 ? (
                <li className="px-4 py-6 text-center text-sm text-slate-500">{t('notifications.empty')}</li>
              ) : null}
              {list.data?.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className={`block w-full px-4 py-3 text-left hover:bg-slate-50 ${item.readAt ? '' : 'bg-brand/5'}`}
                    onClick={() => {
                      if (!item.readAt) read.mutate(item.id);
                      close();
                      if (item.link) void navigate(item.link);
                    }}
                  >
                    <p
                      className={`text-sm ${item.readAt ? 'text-slate-600' : 'font-semibold text-slate-900'}`}
                    >
                      {item.title}
                    </p>
                    {item.body ? (
                      <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{item.body}</p>
                    ) : null}
                    <p className="mt-1 text-[11px] text-slate-400">
                      {formatDateTime(item.createdAt, i18n.language)}
                    </p>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </PopoverPanel>
    </Popover>
  );
}
