import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { api } from '../../../web/api/client.js';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The lead-scoring module is optional; its code loads only where a contact's score card is shown.
const ScoreCard = lazy(() => import('../../leadscoring/web/score-card.js'));

/** Whether the office has lead scoring switched on and the user may see scores. */
export function useLeadScoringEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'leadscoring'));
}

export interface ListScore {
  contactId: string;
  total: number;
  overridden: boolean;
  summary: string;
}

/** The scores of a list page's contacts, by contact id; empty without the module. */
export function useLeadScores(contactIds: string[]): Map<string, ListScore> {
  const enabled = useLeadScoringEnabled() && contactIds.length > 0;
  const scores = useQuery({
    queryKey: ['leadscoring', 'scores', contactIds],
    queryFn: () => api<{ items: ListScore[] }>(`/leadscoring/scores?ids=${contactIds.join(',')}`),
    enabled,
    staleTime: 30_000,
  });
  return new Map((scores.data?.items ?? []).map((s) => [s.contactId, s]));
}

export interface SegmentOption {
  id: string;
  name: string;
  members: number;
}

/** The office's segments for the list filter; empty without the module. */
export function useSegments(): SegmentOption[] {
  const enabled = useLeadScoringEnabled();
  const segments = useQuery({
    queryKey: ['leadscoring', 'segments'],
    queryFn: () => api<{ items: SegmentOption[] }>('/leadscoring/segments'),
    enabled,
    staleTime: 60_000,
  });
  return segments.data?.items ?? [];
}

export function LeadScoreSlot(props: { contactId: string; leadStatus: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <ScoreCard {...props} />
    </Suspense>
  );
}
