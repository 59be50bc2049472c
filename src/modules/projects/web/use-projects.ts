import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import type { boardSchema, dependencySchema, TaskView, templateSchema } from '../contract.js';

export type Board = z.infer<typeof boardSchema>;
export type Template = z.infer<typeof templateSchema>;
export type DependencyView = z.infer<typeof dependencySchema>;
export interface TaskChange {
  task: TaskView;
  rescheduled: { id: string; startDate: string | null; dueDate: string | null }[];
}

export const boardKey = (projectId: string) => ['projects', 'board', projectId];

export function useBoard(projectId: string) {
  return useQuery({
    queryKey: boardKey(projectId),
    queryFn: () => api<Board>(`/projects/${projectId}/board`),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ['projects', 'templates'],
    queryFn: () => api<{ items: Template[] }>('/projects/templates'),
    staleTime: 60_000,
  });
}

/** Every change to tasks refreshes the boards, lists and "Mein Tag" that show them. */
export function useInvalidateTasks() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['projects'] });
}

export function useTaskPatch() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> }) =>
      api<TaskChange>(`/projects/tasks/${id}`, { method: 'PATCH', body: patch }),
    onSettled: () => invalidate(),
  });
}

/**
 * New dates for a task from a chart (Gantt, calendar): saved, and the user told how many
 * dependants moved along; `onFailed` lets the chart put the bar back.
 */
export function useMoveDates() {
  const { t } = useTranslation();
  const patch = useTaskPatch();
  return (id: string, dates: { startDate?: string; dueDate?: string }, onFailed?: () => void) =>
    patch.mutate(
      { id, patch: dates },
      {
        onSuccess: (result) => {
          if (result.rescheduled.length > 0)
            toast.success(t('projects:rescheduled', { count: result.rescheduled.length }));
        },
        onError: (error) => {
          onFailed?.();
          toast.error(errorMessage(error, t));
        },
      },
    );
}
