/** Events of projects and tasks, for notifications, automation rules and outbound webhooks. */
declare module '../../platform/events/event-map.js' {
  interface EventMap {
    'project.created': { projectId: string; propertyId: string | null; type: string };
    'project.updated': { projectId: string; changed: string[] };
    'project.deleted': { projectId: string; name: string; externalId: string | null };
    'task.created': { taskId: string; projectId: string | null; assigneeId: string | null };
    'task.assigned': { taskId: string; projectId: string | null; assigneeId: string };
    'task.state_changed': { taskId: string; projectId: string | null; fromGroup: string; toGroup: string };
    'task.completed': { taskId: string; projectId: string | null; title: string };
    /** Any change of a task's fields, the state included (the narrower events above come as well). */
    'task.updated': { taskId: string; projectId: string | null; changed: string[] };
    'task.deleted': { taskId: string; projectId: string | null; title: string; externalId: string | null };
    /** Dependants moved along when a predecessor's dates changed: one event for the whole shift. */
    'tasks.rescheduled': {
      projectId: string;
      tasks: { taskId: string; startDate: string | null; dueDate: string | null }[];
    };
    /** A task's due date has come (announced once per task and day by the hourly tick). */
    'task.due': { taskId: string; projectId: string | null; title: string };
  }
}

export {};
