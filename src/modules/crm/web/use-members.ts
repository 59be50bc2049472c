import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client.js';
import type { Member } from '../../admin/contract.js';

/** The office's team, for "agent in charge" pickers. */
export function useMembers() {
  return useQuery({
    queryKey: ['admin', 'members'],
    queryFn: () => api<{ items: Member[] }>('/admin/members'),
    staleTime: 60_000,
  });
}
