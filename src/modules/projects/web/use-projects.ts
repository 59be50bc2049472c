import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.js';
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
