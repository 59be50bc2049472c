/** Events of projects and tasks, for notifications, automation rules and outbound webhooks. */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    'project.created': { projectId: string; propertyId: string | null; type: string };
    'task.created': { taskId: string; projectId: string | null; assigneeId: string | null };
    'task.assigned': { taskId: string; projectId: string | null; assigneeId: string };
    'task.state_changed': { taskId: string; projectId: string | null; fromGroup: string; toGroup: string };
    'task.completed': { taskId: string; projectId: string | null; title: string };
    /** A task's due date has come (announced once per task and day by the hourly tick). */
    'task.due': { taskId: string; projectId: string | null; title: string };
  }
}

export {};
