import { inArray } from 'drizzle-orm';
import type { AuditSubjects } from '../../../platform/modules/module-manifest.js';
import { automationRule, project } from '../schema.js';
import { projectSyncClient, projectWebhook } from '../sync.schema.js';

/** How the audit log names projects and automation rules, with a link to each. */
export const projectsAuditSubjects: Record<string, AuditSubjects> = {
  project: async (tx, ids) => {
    const rows = await tx
      .select({ id: project.id, name: project.name })
      .from(project)
      .where(inArray(project.id, ids));
    return new Map(rows.map((r) => [r.id, { label: r.name, path: `/projekte/${r.id}` }]));
  },
  automation_rule: async (tx, ids) => {
    const rows = await tx
      .select({ id: automationRule.id, name: automationRule.name })
      .from(automationRule)
      .where(inArray(automationRule.id, ids));
    return new Map(rows.map((r) => [r.id, { label: r.name, path: '/projekte/automationen' }]));
  },
  project_webhook: async (tx, ids) => {
    const rows = await tx
      .select({ id: projectWebhook.id, name: projectWebhook.name })
      .from(projectWebhook)
      .where(inArray(projectWebhook.id, ids));
    return new Map(rows.map((r) => [r.id, { label: r.name, path: '/projekte/integrationen' }]));
  },
  project_sync_client: async (tx, ids) => {
    const rows = await tx
      .select({ id: projectSyncClient.id, name: projectSyncClient.name })
      .from(projectSyncClient)
      .where(inArray(projectSyncClient.id, ids));
    return new Map(rows.map((r) => [r.id, { label: r.name, path: '/projekte/integrationen' }]));
  },
  project_connector: async (_tx, ids) =>
    new Map(ids.map((id) => [id, { label: 'Plane', path: '/projekte/integrationen' }])),
};
