import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import type { ScoreCard } from '../contract.js';

export const cardKey = (contactId: string) => ['leadscoring', 'card', contactId];

export const useScoreCard = (contactId: string) =>
  useQuery({
    queryKey: cardKey(contactId),
    queryFn: () => api<ScoreCard>(`/leadscoring/contacts/${contactId}`),
  });

/** A change that answers with the new card: the card updates in place, the lists refetch. */
export function useCardMutation<B>(contactId: string, method: 'PUT' | 'DELETE', path: string, done: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) =>
      api<ScoreCard>(`/leadscoring/contacts/${contactId}${path}`, {
        method,
        ...(method === 'PUT' ? { body } : {}),
      }),
    onSuccess: (card) => {
      queryClient.setQueryData(cardKey(contactId), card);
      void queryClient.invalidateQueries({ queryKey: ['leadscoring', 'scores'] });
      void queryClient.invalidateQueries({ queryKey: ['leadscoring', 'hot'] });
      toast.success(done);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
}
