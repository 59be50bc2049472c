import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api/client.js';
import { hasPermission, useMe } from '../api/session.js';
import { StatTile } from './stat-tile.js';

/**
 * A dashboard figure that is the total of a filtered list (read as one row of it), linking to
 * that list; nothing for a user without the permission to read the list.
 */
export function CountTile({
  permission,
  queryKey,
  listPath,
  to,
  icon,
  label,
  hint,
}: {
  permission: string;
  queryKey: readonly string[];
  /** The list's API path with its filters, without paging. */
  listPath: string;
  to: string;
  icon: ReactNode;
  label: string;
  hint: string;
}) {
  const allowed = hasPermission(useMe().data, permission);
  const count = useQuery({
    queryKey: [...queryKey, 'count'],
    queryFn: () => api<{ total: number }>(`${listPath}${listPath.includes('?') ? '&' : '?'}pageSize=1`),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <StatTile
      icon={icon}
      label={label}
      hint={hint}
      value={count.isError ? '–' : String(count.data?.total ?? '')}
      loading={count.isPending}
      to={to}
    />
  );
}
