import { inArray } from 'drizzle-orm';
import type { AuditSubjects } from '../../../platform/modules/module-manifest.js';
import { automationRule, project } from '../schema.js';

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
};
