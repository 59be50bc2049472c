import { useQuery } from '@tanstack/react-query';
import type { MeResponse } from '../../platform/auth/me.routes.js';
import { ApiError, api } from './client.js';

export type Me = MeResponse;

export const meQueryKey = ['me'] as const;

/** The signed-in user; `null` when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => {
      try {
        return await api<Me>('/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return Boolean(me?.permissions.includes(permission));
}
