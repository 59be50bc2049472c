import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { PLANS } from '../../../platform/plans/plan-catalogue.js';
import {
  confirmBody,
  onboardingView,
  signupAccepted,
  signupBody,
  signupConfirmed,
  signupSettings,
  subdomainCheck,
} from '../contract.js';
import { officeOnboarding } from '../schema.js';
import { onboardingOf } from './onboarding.js';
import { SignupService, TRIAL_PLAN } from './signup-service.js';

const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Public sign-up of a new office, and the new office's onboarding checklist. */
export const signupRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const signups = new SignupService(platform);
  const { env } = platform.config;
  const perMinute = (max: number) => ({ max, timeWindow: '1 minute' });

  app.get(
    '/signup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['offices'],
        summary: 'What a sign-up here gives: the base domain of office addresses and the trial',
        response: { 200: signupSettings },
      },
    },
    async () => ({
      baseDomain: env.BASE_DOMAIN ?? null,
      trialDays: env.SIGNUP_TRIAL_DAYS,
      trialPlan: PLANS[TRIAL_PLAN].name,
    }),
  );

  app.get(
    '/signup/subdomain',
    {
      config: { access: 'public', rateLimit: perMinute(120) },
      schema: {
        tags: ['offices'],
        summary: 'Whether an office address (subdomain) can be had, with a suggestion when not',
        querystring: z.object({ name: z.string().trim().toLowerCase().min(1).max(120) }),
        response: { 200: subdomainCheck },
      },
    },
    async (request) => signups.checkSubdomain(request.query.name),
  );

  app.post(
    '/signup',
    {
      config: { access: 'public', rateLimit: perMinute(env.LOGIN_RATE_LIMIT_PER_MINUTE) },
      schema: {
        tags: ['offices'],
        summary:
          'Sign up a new office; mails a confirmation link (same answer whether or not the address has an account)',
        body: signupBody,
        response: { 202: signupAccepted, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => reply.status(202).send(await signups.request(request.body)),
  );

  app.post(
    '/signup/confirm',
    {
      config: { access: 'public', rateLimit: perMinute(env.LOGIN_RATE_LIMIT_PER_MINUTE) },
      schema: {
        tags: ['offices'],
        summary: 'Confirm the address with the token from the mail: opens the office',
        body: confirmBody,
        response: { 200: signupConfirmed, 400: errorResponse, 409: errorResponse, 410: errorResponse },
      },
    },
    async (request) => signups.confirm(request.body.token, request.ip),
  );

  app.get(
    '/onboarding',
    {
      config: { access: { permission: 'multi_tenant.onboarding' } },
      schema: {
        tags: ['offices'],
        summary: "A new office's checklist: what is set up, what is missing",
        response: { 200: onboardingView },
      },
    },
    async (request) => tenantContext(platform, request).db(onboardingOf),
  );

  app.post(
    '/onboarding/dismiss',
    {
      config: { access: { permission: 'multi_tenant.onboarding' } },
      schema: {
        tags: ['offices'],
        summary: 'Hide the checklist for the whole office',
        response: { 200: onboardingView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        await tx.insert(officeOnboarding).values({ tenantId: ctx.tenantId }).onConflictDoNothing();
        return onboardingOf(tx);
      });
    },
  );
};
