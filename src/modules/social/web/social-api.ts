import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import type { AccountView, PostView } from '../contract.js';

export const socialKeys = {
  accounts: ['social', 'accounts'] as const,
  posts: (filters: Record<string, string>) => ['social', 'posts', filters] as const,
  post: (id: string) => ['social', 'post', id] as const,
  overview: ['social', 'analytics'] as const,
};

export function useAccounts() {
  return useQuery({
    queryKey: socialKeys.accounts,
    queryFn: () =>
      api<{
        items: AccountView[];
        sandboxAvailable: boolean;
        /** Platform API versions that end soon; only for those who manage accounts. */
        versionWarnings: { variable: string; level: 'retired' | 'soon'; message: string }[];
      }>('/social-media/accounts'),
  });
}

export function usePosts(filters: Record<string, string>) {
  return useListPages<PostView>(socialKeys.posts(filters), '/social-media/posts', filters);
}

export function usePost(id: string | undefined) {
  return useQuery({
    queryKey: socialKeys.post(id ?? ''),
    queryFn: () => api<PostView>(`/social-media/posts/${id}`),
    enabled: Boolean(id),
  });
}
