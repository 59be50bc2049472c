import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { redactSecrets } from '../../../platform/crypto/redact-secrets.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest } from '../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../platform/http/outbound-url.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  CONFIGURABLE_PROVIDERS,
  type ConfigurableProviderId,
  IMAGE_PROVIDERS,
  providersResponseSchema,
  providerViewSchema,
  TEXT_PROVIDERS,
  type TextProviderId,
  VIDEO_PROVIDERS,
} from '../contract.js';
import { PROVIDERS, UNAVAILABLE_PROVIDERS } from '../providers/catalog.js';
import { fetchWithRetry } from '../providers/http-with-retry.js';
import { toProviderError } from '../providers/provider-error.js';
import { RUNWAY_API_VERSION } from '../providers/runway.js';
import { aiSdk, textModel } from '../providers/text-models.js';
import { aiProviderSetting, aiTenantSetting } from '../schema.js';
import {
  budgetState,
  type ProviderRow,
  readAiSettings,
  spentThisMonth,
  spentThisMonthByProvider,
  usableProvider,
} from './ai-settings.js';

const usd = z.number().min(0).max(1_000_000).nullable();
const toMicros = (value: number | null | undefined) => (value == null ? null : Math.round(value * 1_000_000));

function providerView(
  row: ProviderRow | undefined,
  id: ConfigurableProviderId,
  spentMicros: number,
  seesDetails: boolean,
) {
  const spec = PROVIDERS[id];
  return {
    id,
    label: spec.label,
    capabilities: spec.capabilities,
    enabled: row?.enabled ?? false,
    configured: Boolean(row && (row.apiKeySealed || !spec.keyRequired)),
    apiKeyLast4: row?.apiKeyLast4 ?? null,
    baseUrl: row?.baseUrl ?? spec.defaultBaseUrl,
    defaultModel: row?.defaultModel ?? spec.defaultModel,
    models: spec.models,
    priority: row?.priority ?? 100,
    monthlyBudgetUsd: row?.monthlyBudgetMicros == null ? null : row.monthlyBudgetMicros / 1_000_000,
    spentThisMonthUsd: spentMicros / 1_000_000,
    keyRequired: spec.keyRequired,
    docsUrl: spec.docsUrl,
    lastTest:
      row?.lastTestAt && row.lastTestOk !== null
        ? {
            at: row.lastTestAt.toISOString(),
            ok: row.lastTestOk,
            // The provider's words are for those who set providers up; everyone else sees the outcome.
            message: seesDetails
              ? (row.lastTestMessage ?? '')
              : row.lastTestOk
                ? 'Verbindung steht.'
                : 'Verbindungstest fehlgeschlagen.',
          }
        : null,
  };
}

/** Provider settings per office: keys are sealed on the way in and only their last four characters come out. */
export const providersRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const seesDetails = (ctx: ReturnType<typeof tenantContext>) =>
    platform.permissions.allows(ctx.auth.role, 'ai.settings.manage');
  const list = async (ctx: ReturnType<typeof tenantContext>) =>
    ctx.db(async (tx) => {
      const settings = await readAiSettings(tx);
      const spentBy = await spentThisMonthByProvider(tx);
      const total = [...spentBy.values()].reduce((a, b) => a + b, 0);
      const providers = [];
      const budgets = [budgetState('gesamt', settings.tenant?.monthlyBudgetMicros ?? null, total)];
      for (const id of CONFIGURABLE_PROVIDERS) {
        const row = settings.providers.find((p) => p.provider === id);
        const spent = spentBy.get(id) ?? 0;
        providers.push(providerView(row, id, spent, seesDetails(ctx)));
        if (row?.monthlyBudgetMicros != null) budgets.push(budgetState(id, row.monthlyBudgetMicros, spent));
      }
      const usable = (kinds: readonly string[]) =>
        settings.providers.some(
          (row) => kinds.includes(row.provider) && usableProvider(platform, row) !== null,
        );
      return {
        providers,
        unavailable: UNAVAILABLE_PROVIDERS,
        settings: {
          monthlyBudgetUsd:
            settings.tenant?.monthlyBudgetMicros == null
              ? null
              : settings.tenant.monthlyBudgetMicros / 1_000_000,
          fallbackEnabled: settings.tenant?.fallbackEnabled ?? true,
          textProvider: settings.tenant?.textProvider ?? null,
          imageProvider: settings.tenant?.imageProvider ?? null,
          videoProvider: settings.tenant?.videoProvider ?? null,
        },
        budgets,
        offline: {
          text: !usable(TEXT_PROVIDERS),
          image: !usable(IMAGE_PROVIDERS),
          video: !usable(VIDEO_PROVIDERS),
        },
      };
    });

  app.get(
    '/providers',
    {
      config: { access: { permission: 'ai.history.read' } },
      schema: {
        tags: ['ai'],
        summary: 'Providers, their state this month, and the office settings',
        response: { 200: providersResponseSchema },
      },
    },
    async (request) => list(tenantContext(platform, request)),
  );

  app.post(
    '/providers/:provider/configure',
    {
      config: { access: { permission: 'ai.settings.manage' } },
      schema: {
        tags: ['ai'],
        summary: 'Set key, endpoint, default model, budget and priority of one provider',
        params: z.object({ provider: z.enum(CONFIGURABLE_PROVIDERS) }),
        body: z
          .object({
            enabled: z.boolean().optional(),
            apiKey: z.string().trim().min(8, 'Der API-Schlüssel ist zu kurz.').max(400).optional(),
            clearApiKey: z.boolean().optional(),
            baseUrl: z
              .string()
              .trim()
              .url('Bitte eine vollständige URL angeben, z. B. https://api.example.com/v1.')
              .refine((v) => /^https?:\/\//.test(v), 'Nur http(s)-Adressen.')
              .nullable()
              .optional(),
            defaultModel: z.string().trim().min(1).max(120).nullable().optional(),
            monthlyBudgetUsd: usd.optional(),
            priority: z.number().int().min(1).max(1000).optional(),
          })
          .refine((b) => !(b.apiKey && b.clearApiKey), {
            message: 'Schlüssel setzen und löschen zugleich geht nicht.',
          }),
        response: { 200: providerViewSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const id = request.params.provider;
      const body = request.body;
      // The server will call this address for the office: not into internal networks.
      if (body.baseUrl)
        await assertOutboundUrl(body.baseUrl, {
          allowPrivate: platform.config.env.AI_ALLOW_PRIVATE_ENDPOINTS,
          field: 'baseUrl',
        });
      return ctx.db(async (tx) => {
        const [before] = await tx.select().from(aiProviderSetting).where(eq(aiProviderSetting.provider, id));
        const spec = PROVIDERS[id];
        const sealed = body.apiKey
          ? platform.secretBox.encrypt(body.apiKey)
          : body.clearApiKey
            ? null
            : (before?.apiKeySealed ?? null);
        const enabled = body.enabled ?? before?.enabled ?? true;
        if (enabled && spec.keyRequired && !sealed)
          throw badRequest(
            'api_key_required',
            `${spec.label} braucht einen API-Schlüssel, bevor er eingeschaltet werden kann.`,
          );
        const values = {
          enabled,
          apiKeySealed: sealed,
          apiKeyLast4: body.apiKey
            ? body.apiKey.slice(-4)
            : body.clearApiKey
              ? null
              : (before?.apiKeyLast4 ?? null),
          baseUrl: body.baseUrl === undefined ? (before?.baseUrl ?? null) : body.baseUrl,
          defaultModel: body.defaultModel === undefined ? (before?.defaultModel ?? null) : body.defaultModel,
          monthlyBudgetMicros:
            body.monthlyBudgetUsd === undefined
              ? (before?.monthlyBudgetMicros ?? null)
              : toMicros(body.monthlyBudgetUsd),
          priority: body.priority ?? before?.priority ?? 100,
          updatedBy: ctx.auth.user.id,
          updatedAt: new Date(),
        };
        const [row] = await tx
          .insert(aiProviderSetting)
          .values({ tenantId: ctx.tenantId, provider: id, ...values })
          .onConflictDoUpdate({
            target: [aiProviderSetting.tenantId, aiProviderSetting.provider],
            set: values,
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'ai_provider',
          entityId: id,
          action: before ? 'updated' : 'created',
          // Never the key itself: only that it changed.
          after: {
            enabled,
            keyChanged: Boolean(body.apiKey || body.clearApiKey),
            baseUrl: values.baseUrl,
            defaultModel: values.defaultModel,
            monthlyBudgetMicros: values.monthlyBudgetMicros,
            priority: values.priority,
          },
        });
        return providerView(row, id, await spentThisMonth(tx, id), true);
      });
    },
  );

  app.post(
    '/providers/:provider/test',
    {
      config: { access: { permission: 'ai.settings.manage' } },
      schema: {
        tags: ['ai'],
        summary: 'Test the connection with the stored key',
        params: z.object({ provider: z.enum(CONFIGURABLE_PROVIDERS) }),
        response: { 200: z.object({ ok: z.boolean(), message: z.string(), durationMs: z.number() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const id = request.params.provider;
      const [row] = await ctx.db((tx) =>
        tx.select().from(aiProviderSetting).where(eq(aiProviderSetting.provider, id)),
      );
      const configured = row ? usableProvider(platform, { ...row, enabled: true }) : null;
      if (!configured)
        throw badRequest('provider_not_configured', `${PROVIDERS[id].label} ist noch nicht eingerichtet.`);
      const env = platform.config.env;
      // Checked again when called: a host may resolve elsewhere than when it was saved.
      await assertOutboundUrl(configured.connection.baseUrl, {
        allowPrivate: env.AI_ALLOW_PRIVATE_ENDPOINTS,
        field: 'baseUrl',
      });
      const policy = {
        maxRetries: 0,
        timeoutMs: Math.min(env.AI_TIMEOUT_SECONDS, 20) * 1000,
        baseDelayMs: 0,
      };
      const started = Date.now();
      let result: { ok: boolean; message: string };
      try {
        const c = configured.connection;
        const base = c.baseUrl.replace(/\/$/, '');
        if (id === 'stability') {
          await fetchWithRetry(
            'stability',
            `${base}/v1/user/account`,
            { headers: { authorization: `Bearer ${c.apiKey}` } },
            policy,
          );
        } else if (id === 'runway') {
          await fetchWithRetry(
            'runway',
            `${base}/v1/organization`,
            { headers: { authorization: `Bearer ${c.apiKey}`, 'x-runway-version': RUNWAY_API_VERSION } },
            policy,
          );
        } else {
          const { generateText } = await aiSdk();
          await generateText({
            model: await textModel(id as TextProviderId, c),
            prompt: 'Antworte nur mit OK.',
            maxOutputTokens: 5,
            maxRetries: 0,
            abortSignal: AbortSignal.timeout(policy.timeoutMs),
          });
        }
        result = { ok: true, message: `Verbindung zu ${PROVIDERS[id].label} steht (${c.model}).` };
      } catch (error) {
        result = {
          ok: false,
          message: redactSecrets(toProviderError(id, error).message, [configured.connection.apiKey]),
        };
      }
      await ctx.db((tx) =>
        tx
          .update(aiProviderSetting)
          .set({ lastTestAt: new Date(), lastTestOk: result.ok, lastTestMessage: result.message })
          .where(eq(aiProviderSetting.provider, id)),
      );
      return { ...result, durationMs: Date.now() - started };
    },
  );

  app.put(
    '/settings',
    {
      config: { access: { permission: 'ai.settings.manage' } },
      schema: {
        tags: ['ai'],
        summary: 'Office-wide monthly budget, fallback and preferred providers',
        body: z.object({
          monthlyBudgetUsd: usd,
          fallbackEnabled: z.boolean(),
          textProvider: z.enum(TEXT_PROVIDERS).nullable(),
          imageProvider: z.enum(IMAGE_PROVIDERS).nullable(),
          videoProvider: z.enum(VIDEO_PROVIDERS).nullable(),
        }),
        response: { 200: providersResponseSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const b = request.body;
      const values = {
        monthlyBudgetMicros: toMicros(b.monthlyBudgetUsd),
        fallbackEnabled: b.fallbackEnabled,
        textProvider: b.textProvider,
        imageProvider: b.imageProvider,
        videoProvider: b.videoProvider,
        updatedBy: ctx.auth.user.id,
        updatedAt: new Date(),
      };
      await ctx.db(async (tx) => {
        await tx
          .insert(aiTenantSetting)
          .values({ tenantId: ctx.tenantId, ...values })
          .onConflictDoUpdate({ target: aiTenantSetting.tenantId, set: values });
        await recordAudit(tx, ctx.actor, {
          entity: 'ai_settings',
          entityId: ctx.tenantId,
          action: 'updated',
          after: values,
        });
      });
      return list(ctx);
    },
  );
};
