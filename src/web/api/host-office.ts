import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';

export interface HostOffice {
  name: string;
  primaryColor: string;
  accentColor: string;
  hasLogo: boolean;
  /** Set on the office's own domain: where its staff sign in. */
  appUrl?: string;
}

/**
 * The office whose own address this page is on (`<name>.<BASE_DOMAIN>`); an error (404) on the
 * platform's address. One query for the sign-in frame and the sign-up link alike.
 */
export const useHostOfficeQuery = () =>
  useQuery({
    queryKey: ['host-office'],
    queryFn: () => api<HostOffice>('/office'),
    retry: false,
    staleTime: 5 * 60_000,
  });
