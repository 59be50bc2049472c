import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withChainDepth } from '../../../platform/events/causation.js';
import type { DomainEvent, EventName } from '../../../platform/events/event-map.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/job-definition.js';
import '../../crm/events.js';
import '../../documents/events.js';
import '../events.js';
import { type AutomationTrigger, TRIGGER_IDS } from '../automation-contract.js';
import { conditionsHold, MAX_CHAIN_DEPTH } from '../domain/automation-rules.js';
import { automationRule, automationRun } from '../schema.js';
import { systemActor } from './actor.js';
import { type ActionServices, runAction, subjectOf } from './automation-actions.js';

export const AUTOMATION_JOB = 'projects.automation-run';
type Rule = typeof automationRule.$inferSelect;

/** Rules per office, read once and kept for a few seconds: 1,000 events a minute need no query each. */
const RULE_CACHE_MS = 10_000;

/**
 * Automation: every trigger event is matched against the office's enabled rules; each match is a
 * logged run executed as a job (retried with backoff, then shown as failed). Actions run one
 * chain step deeper, and a chain reaching MAX_CHAIN_DEPTH is stopped and logged as skipped.
 */
export class AutomationEngine {
  readonly #rules = new Map<string, { at: number; rules: Rule[] }>();

  constructor(readonly services: ActionServices) {}

  forget(tenantId: string): void {
    this.#rules.delete(tenantId);
  }

  private async rulesOf(tenantId: string): Promise<Rule[]> {
    const cached = this.#rules.get(tenantId);
    if (cached && Date.now() - cached.at < RULE_CACHE_MS) return cached.rules;
    const rules = await this.services.platform.database.withTenant(tenantId, (tx) =>
      tx.select().from(automationRule).where(eq(automationRule.enabled, true)),
    );
    this.#rules.set(tenantId, { at: Date.now(), rules });
    return rules;
  }

  subscribe(): void {
    for (const trigger of TRIGGER_IDS)
      this.services.platform.events.on(trigger as EventName, 'projects.automation', async (event) => {
        await this.onEvent(event);
      });
  }

  async onEvent(event: DomainEvent): Promise<string[]> {
    const payload = event.payload as Record<string, unknown>;
    const matching = (await this.rulesOf(event.tenantId)).filter(
      (rule) =>
        rule.trigger === (event.name as AutomationTrigger) && conditionsHold(rule.conditions, payload),
    );
    if (matching.length === 0) return [];
    const stopped = event.chainDepth >= MAX_CHAIN_DEPTH;
    const runs = await this.services.platform.database.withTenant(event.tenantId, (tx) =>
      tx
        .insert(automationRun)
        .values(
          matching.map((rule) => ({
            tenantId: event.tenantId,
            ruleId: rule.id,
            event: event.name,
            payload: { ...payload, actorId: event.actorId },
            depth: event.chainDepth,
            eventAt: event.occurredAt,
            ...(stopped
              ? {
                  status: 'skipped',
                  error: `Kette nach ${MAX_CHAIN_DEPTH} Automationen hintereinander angehalten, damit sich Regeln nicht endlos gegenseitig auslösen.`,
                  finishedAt: new Date(),
                }
              : {}),
          })),
        )
        .returning({ id: automationRun.id }),
    );
    if (!stopped)
      for (const run of runs)
        await this.services.platform.jobs.enqueue(
          AUTOMATION_JOB,
          { runId: run.id },
          { tenantId: event.tenantId, key: run.id },
        );
    return runs.map((r) => r.id);
  }

  job() {
    const platform = this.services.platform;
    return defineJob({
      name: AUTOMATION_JOB,
      version: 1,
      payload: z.object({ runId: z.string().uuid() }),
      attempts: 3,
      backoffSeconds: 2,
      concurrency: 4,
      handler: async ({ tenantId, payload, attempt }) => {
        if (!tenantId) throw new PermanentJobError('automation run without office');
        const found = await platform.database.withTenant(tenantId, async (tx) => {
          const [row] = await tx
            .select({ run: automationRun, rule: automationRule })
            .from(automationRun)
            .innerJoin(automationRule, eq(automationRule.id, automationRun.ruleId))
            .where(eq(automationRun.id, payload.runId));
          if (!row) return null;
          const actorId = typeof row.run.payload.actorId === 'string' ? row.run.payload.actorId : null;
          return { ...row, subject: await subjectOf(tx, actorId, row.run.payload) };
        });
        if (!found) throw new PermanentJobError('Automationslauf nicht gefunden');
        if (found.run.status === 'succeeded') return { skipped: 'already done' };
        const actor = systemActor(platform, tenantId);
        const outcome: string[] = [];
        try {
          await withChainDepth(found.run.depth + 1, async () => {
            for (const action of found.rule.actions)
              outcome.push(await runAction(this.services, actor, found.subject, action, found.rule.name));
          });
        } catch (error) {
          await platform.database.withTenant(tenantId, (tx) =>
            tx
              .update(automationRun)
              .set({
                attempts: attempt,
                outcome,
                error: error instanceof Error ? error.message : String(error),
              })
              .where(eq(automationRun.id, payload.runId)),
          );
          throw error;
        }
        await platform.database.withTenant(tenantId, (tx) =>
          tx
            .update(automationRun)
            .set({ status: 'succeeded', attempts: attempt, outcome, error: null, finishedAt: new Date() })
            .where(eq(automationRun.id, payload.runId)),
        );
        return { outcome };
      },
      onGiveUp: async ({ tenantId, payload, error }) => {
        if (!tenantId) return;
        await platform.database.withTenant(tenantId, (tx) =>
          tx
            .update(automationRun)
            .set({
              status: 'failed',
              error,
              finishedAt: new Date(),
              attempts: sql`greatest(${automationRun.attempts}, 1)`,
            })
            .where(eq(automationRun.id, payload.runId)),
        );
      },
    });
  }
}
