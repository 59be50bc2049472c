import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { modelView, settingsInput, settingsView } from '../contract.js';
import { DEFAULT_WEIGHTS } from '../domain/factors.js';
import { closeModel } from '../schema.js';
import { enqueueRescoreAll, RETRAIN_JOB } from './jobs.js';
import { modelViewOf } from './score-views.js';
import { saveScoringSettings, scoringSettings } from './settings.js';

/** The office's weights and retention, and its close model's quality. */
export const settingsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/settings',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Factor weights, half-life and retention',
        response: { 200: settingsView },
      },
    },
    async (request) => tenantContext(platform, request).db(scoringSettings),
  );

  app.put(
    '/settings',
    {
      config: { access: { permission: 'leadscoring.manage' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Change the weights, half-life or retention; every contact is rescored in the background',
        body: settingsInput,
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const next = {
        weights: { ...DEFAULT_WEIGHTS, ...request.body.weights },
        halfLifeDays: request.body.halfLifeDays,
        retentionDays: request.body.retentionDays,
      };
      await ctx.db(async (tx) => {
        const before = await scoringSettings(tx);
        await saveScoringSettings(tx, ctx.tenantId, next);
        await recordAudit(tx, ctx.actor, {
          entity: 'leadscoring_settings',
          entityId: ctx.tenantId,
          action: 'updated',
          before: { ...before },
          after: { ...next },
        });
      });
      await enqueueRescoreAll(platform, ctx.tenantId, 'gewichtung');
      return next;
    },
  );

  app.get(
    '/model',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'The close model: trained or prior, its Brier score, AUC and reliability',
        response: { 200: modelView },
      },
    },
    async (request) => {
      const [row] = await tenantContext(platform, request).db((tx) => tx.select().from(closeModel).limit(1));
      return modelViewOf(row?.model ?? { kind: 'prior', outcomes: 0, positives: 0 }, row?.trainedAt ?? null);
    },
  );

  app.post(
    '/model/retrain',
    {
      config: { access: { permission: 'leadscoring.manage' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Train the close model on the office’s won and lost leads now (a background job)',
        response: { 202: z.object({ jobRunId: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const run = await platform.jobs.enqueue(
        RETRAIN_JOB,
        {},
        { tenantId: ctx.tenantId, createdBy: ctx.auth.user.id },
      );
      return reply.status(202).send({ jobRunId: run.id });
    },
  );
};
