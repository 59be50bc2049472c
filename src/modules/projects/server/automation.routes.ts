import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { pageBody, type SortKey, seekPlan } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { type RuleInput, ruleInput, ruleSchema, runSchema } from '../automation-contract.js';
import { ruleProblem } from '../domain/automation-rules.js';
import { automationRule, automationRun } from '../schema.js';
import { AUTOMATION_JOB, type AutomationEngine } from './automation-engine.js';
import { assertMembers } from './task-references.js';

const idParams = z.object({ id: z.string().uuid() });
const NEWEST_FIRST: SortKey = { key: automationRun.createdAt, id: automationRun.id, direction: 'desc' };

/** Automation rules (trigger → conditions → actions) and their run log with retry. */
export const automationRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  engine: AutomationEngine;
}> = async (app, { platform, engine }) => {
  const validate = async (tenantId: string, rule: RuleInput) => {
    const problem = ruleProblem(rule);
    if (problem)
      throw badRequest(problem.includes('selbst auslösen') ? 'rule_loops' : 'invalid_rule', problem);
    const people = rule.actions.flatMap((a) =>
      a.type === 'assign_task'
        ? [a.userId]
        : a.type === 'notify'
          ? a.recipients.filter((r) => r !== 'owners' && r !== 'actor')
          : a.type === 'create_task' && a.assignee && a.assignee !== 'actor'
            ? [a.assignee]
            : [],
    );
    await assertMembers(platform, tenantId, people);
  };
  const view = (
    rule: typeof automationRule.$inferSelect,
    lastRun: { status: string; createdAt: Date } | null,
    failedRuns: number,
  ) => ({
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger as RuleInput['trigger'],
    conditions: rule.conditions,
    actions: rule.actions,
    lastRun: lastRun ? { status: lastRun.status, createdAt: lastRun.createdAt.toISOString() } : null,
    failedRuns,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  });

  app.get(
    '/automation/rules',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: "The office's automation rules with their last run (bounded: at most 500)",
        response: { 200: z.object({ items: z.array(ruleSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select({
            rule: automationRule,
            lastStatus: sql<
              string | null
            >`(select r.status from project_automation_run r where r.rule_id = project_automation_rule.id order by r.created_at desc limit 1)`,
            lastAt: sql<
              string | null
            >`(select r.created_at::text from project_automation_run r where r.rule_id = project_automation_rule.id order by r.created_at desc limit 1)`,
            failed: sql<number>`(select count(*)::int from project_automation_run r where r.rule_id = project_automation_rule.id and r.status = 'failed')`,
          })
          .from(automationRule)
          .orderBy(automationRule.name)
          .limit(500),
      );
      return {
        items: rows.map((r) =>
          view(
            r.rule,
            r.lastStatus && r.lastAt ? { status: r.lastStatus, createdAt: new Date(r.lastAt) } : null,
            r.failed,
          ),
        ),
      };
    },
  );

  app.post(
    '/automation/rules',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Create a rule; a rule that would trigger itself is refused',
        body: ruleInput,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await validate(ctx.tenantId, request.body);
      const [row] = await ctx.db(async (tx) => {
        const created = await tx
          .insert(automationRule)
          .values({ tenantId: ctx.tenantId, ...request.body, createdBy: ctx.auth.user.id })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'automation_rule',
          entityId: created[0]?.id ?? '',
          action: 'created',
          after: { name: request.body.name, trigger: request.body.trigger },
        });
        return created;
      });
      engine.forget(ctx.tenantId);
      return reply.status(201).send(view(row as typeof automationRule.$inferSelect, null, 0));
    },
  );

  app.put(
    '/automation/rules/:id',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Replace a rule',
        params: idParams,
        body: ruleInput,
        response: { 200: ruleSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      await validate(ctx.tenantId, request.body);
      const [row] = await ctx.db(async (tx) => {
        const updated = await tx
          .update(automationRule)
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(automationRule.id, request.params.id))
          .returning();
        if (updated[0])
          await recordAudit(tx, ctx.actor, {
            entity: 'automation_rule',
            entityId: request.params.id,
            action: 'updated',
            after: { name: request.body.name, enabled: request.body.enabled },
          });
        return updated;
      });
      if (!row) throw notFound('Regel');
      engine.forget(ctx.tenantId);
      return view(row, null, 0);
    },
  );

  app.delete(
    '/automation/rules/:id',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Delete a rule with its log',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [deleted] = await tx
          .delete(automationRule)
          .where(eq(automationRule.id, request.params.id))
          .returning();
        if (!deleted) throw notFound('Regel');
        await recordAudit(tx, ctx.actor, {
          entity: 'automation_rule',
          entityId: deleted.id,
          action: 'deleted',
          before: { name: deleted.name },
        });
      });
      engine.forget(ctx.tenantId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/automation/runs',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'The run log, newest first; filter by rule or status',
        querystring: pageQuery(50).extend({
          ruleId: z.string().uuid().optional(),
          status: z.enum(['queued', 'succeeded', 'failed', 'skipped']).optional(),
        }),
        response: { 200: pageOf(runSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { ruleId, status } = request.query;
      const where = and(
        ruleId ? eq(automationRun.ruleId, ruleId) : undefined,
        status ? eq(automationRun.status, status) : undefined,
      );
      const plan = seekPlan(NEWEST_FIRST, 'automation-runs', request.query);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({ run: automationRun, ruleName: automationRule.name, sortValue: plan.sortValue })
          .from(automationRun)
          .innerJoin(automationRule, eq(automationRule.id, automationRun.ruleId))
          .where(and(where, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset);
        const page = plan.page(rows, (r) => r.run.id);
        const total = await platform.listTotals.count(tx, ctx.tenantId, automationRun, where, {
          exact: request.query.exactTotal,
        });
        const items = page.items.map(({ run, ruleName }) => ({
          id: run.id,
          ruleId: run.ruleId,
          ruleName,
          event: run.event,
          depth: run.depth,
          status: run.status as z.infer<typeof runSchema>['status'],
          outcome: run.outcome,
          error: run.error,
          attempts: run.attempts,
          createdAt: run.createdAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          lagSeconds: run.finishedAt ? (run.finishedAt.getTime() - run.eventAt.getTime()) / 1000 : null,
        }));
        return pageBody(items, page, total, request.query);
      });
    },
  );

  app.post(
    '/automation/runs/:id/retry',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Run a failed run again',
        params: idParams,
        response: { 202: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [run] = await ctx.db((tx) =>
        tx.select().from(automationRun).where(eq(automationRun.id, request.params.id)),
      );
      if (!run) throw notFound('Lauf');
      if (run.status !== 'failed')
        throw conflict('not_failed', 'Nur fehlgeschlagene Läufe können wiederholt werden.');
      await ctx.db((tx) =>
        tx
          .update(automationRun)
          .set({ status: 'queued', error: null, finishedAt: null })
          .where(eq(automationRun.id, run.id)),
      );
      await platform.jobs.enqueue(
        AUTOMATION_JOB,
        { runId: run.id },
        { tenantId: ctx.tenantId, createdBy: ctx.auth.user.id },
      );
      return reply.status(202).send({ id: run.id });
    },
  );
};
