import { fromNodeHeaders } from 'better-auth/node';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { AppError, badRequest, conflict, errorBody, notFound } from '../http/app-error.js';
import { forwardSetCookies } from '../http/resolve-session.js';
import type { Platform } from '../kernel.js';
import {
  acceptInvitationBody,
  invitationInfo,
  requestResetBody,
  resetPasswordBody,
  signInBody,
  userSchema,
} from './auth.contract.js';
import { authUser, tenant, tenantInvitation } from './auth.schema.js';
import { mapAuthError } from './auth-error.js';
import { LoginThrottle } from './login-throttle.js';

const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Sign-in, sign-out, password reset and invitation acceptance; all call better-auth server-side. */
export const authRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { env } = platform.config;
  const throttle = new LoginThrottle(platform.database, env.LOGIN_MAX_ATTEMPTS, env.LOGIN_LOCKOUT_MINUTES);
  const loginRateLimit = { max: env.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

  app.post(
    '/sign-in',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (sets the session cookie)',
        body: signInBody,
        response: { 200: z.object({ user: userSchema }), 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const lock = await throttle.state(email);
      if (lock.locked) {
        reply.header('retry-after', String(lock.retryAfterSeconds));
        return reply.status(429).send(
          errorBody('account_locked', 'Zu viele Fehlversuche. Das Konto ist vorübergehend gesperrt.', {
            retryAfterSeconds: lock.retryAfterSeconds,
          }),
        );
      }
      try {
        const { headers, response } = await platform.auth.api.signInEmail({
          body: { email, password, rememberMe: true },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        await throttle.reset(email);
        forwardSetCookies(reply, headers);
        const user = response.user as typeof response.user & { locale?: string };
        return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale ?? 'de' } };
      } catch (error) {
        const state = await throttle.recordFailure(email);
        request.log.info({ lockedAfterFailure: state.locked }, 'sign-in failed');
        if (state.locked) {
          reply.header('retry-after', String(state.retryAfterSeconds));
          return reply.status(429).send(
            errorBody('account_locked', 'Zu viele Fehlversuche. Das Konto ist vorübergehend gesperrt.', {
              retryAfterSeconds: state.retryAfterSeconds,
            }),
          );
        }
        throw mapAuthError(error, {
          code: 'invalid_credentials',
          message: 'E-Mail oder Passwort ist falsch.',
        });
      }
    },
  );

  app.post(
    '/sign-out',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.auth) {
        const { headers } = await platform.auth.api.signOut({
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        forwardSetCookies(reply, headers);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/request-password-reset',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Send a password reset link (same answer whether or not the address exists)',
        body: requestResetBody,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      try {
        await platform.auth.api.requestPasswordReset({
          body: { email: request.body.email, redirectTo: '/passwort-zuruecksetzen' },
        });
      } catch (error) {
        request.log.warn({ err: error }, 'password reset request failed');
      }
      return reply.status(202).send({
        message: 'Falls ein Konto zu dieser Adresse existiert, ist ein Link zum Zurücksetzen unterwegs.',
      });
    },
  );

  app.post(
    '/reset-password',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token from the reset e-mail',
        body: resetPasswordBody,
        response: { 204: z.null(), 400: errorResponse },
      },
    },
    async (request, reply) => {
      try {
        await platform.auth.api.resetPassword({ body: request.body });
      } catch (error) {
        throw mapAuthError(error, {
          code: 'invalid_token',
          message: 'Der Link ist ungültig oder abgelaufen.',
        });
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invitations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'What an invitation link is for (shown before accepting)',
        params: z.object({ id: z.string().min(8).max(100) }),
        response: { 200: invitationInfo, 404: errorResponse },
      },
    },
    async (request) => loadInvitation(platform, request.params.id),
  );

  app.post(
    '/invitations/:id/accept',
    {
      config: { access: 'public', rateLimit: loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation; creates the account when the address has none yet',
        params: z.object({ id: z.string().min(8).max(100) }),
        body: acceptInvitationBody,
        response: {
          200: z.object({ tenantId: z.string() }),
          400: errorResponse,
          401: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const info = await loadInvitation(platform, request.params.id);
      if (info.status !== 'pending')
        throw conflict('invitation_not_pending', 'Diese Einladung ist nicht mehr gültig.');
      let headers = fromNodeHeaders(request.headers);
      if (info.accountExists) {
        if (request.auth?.user.email !== info.email) {
          throw new AppError(
            401,
            'sign_in_required',
            `Bitte melden Sie sich als ${info.email} an, um die Einladung anzunehmen.`,
          );
        }
      } else {
        const { name, password } = request.body;
        if (!name || !password) {
          throw badRequest(
            'account_details_required',
            'Name und Passwort sind für das neue Konto erforderlich.',
          );
        }
        const signUp = await platform.auth.api
          .signUpEmail({ body: { email: info.email, name, password }, returnHeaders: true })
          .catch((error: unknown) => {
            throw mapAuthError(error, {
              code: 'sign_up_failed',
              message: 'Das Konto konnte nicht angelegt werden.',
            });
          });
        forwardSetCookies(reply, signUp.headers);
        headers = cookieHeadersFrom(signUp.headers);
      }
      const accepted = await platform.auth.api
        .acceptInvitation({ body: { invitationId: info.id }, headers, returnHeaders: true })
        .catch((error: unknown) => {
          throw mapAuthError(error, {
            code: 'invitation_failed',
            message: 'Die Einladung konnte nicht angenommen werden.',
          });
        });
      forwardSetCookies(reply, accepted.headers);
      const member = accepted.response?.member;
      if (!member) throw conflict('invitation_failed', 'Die Einladung konnte nicht angenommen werden.');
      await platform.memberships.forget(member.organizationId, member.userId);
      await platform.database.withTenant(member.organizationId, (tx) =>
        recordAudit(
          tx,
          {
            tenantId: member.organizationId,
            userId: member.userId,
            userName: null,
            ipAddress: request.ip,
            requestId: request.id,
          },
          {
            entity: 'member',
            entityId: member.id,
            action: 'invitation.accepted',
            after: { email: info.email, role: member.role },
          },
        ),
      );
      platform.events.emit(
        'tenant.member.joined',
        member.organizationId,
        { userId: member.userId, role: member.role },
        member.userId,
      );
      return { tenantId: member.organizationId };
    },
  );
};

/** The cookies a sign-up just set, as request headers for the next better-auth call. */
function cookieHeadersFrom(setCookieHeaders: Headers): Headers {
  const cookie = setCookieHeaders
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return new Headers({ cookie });
}

async function loadInvitation(platform: Platform, id: string) {
  const [row] = await platform.database.db
    .select({
      id: tenantInvitation.id,
      email: tenantInvitation.email,
      role: tenantInvitation.role,
      status: tenantInvitation.status,
      expiresAt: tenantInvitation.expiresAt,
      tenantName: tenant.name,
      inviterName: authUser.name,
    })
    .from(tenantInvitation)
    .innerJoin(tenant, eq(tenant.id, tenantInvitation.organizationId))
    .innerJoin(authUser, eq(authUser.id, tenantInvitation.inviterId))
    .where(and(eq(tenantInvitation.id, id)));
  if (!row) throw notFound('Einladung');
  const [existing] = await platform.database.db
    .select({ id: authUser.id })
    .from(authUser)
    .where(eq(authUser.email, row.email));
  const expired = row.status === 'pending' && row.expiresAt.getTime() < Date.now();
  return invitationInfo.parse({
    ...row,
    role: row.role ?? 'agent',
    status: expired ? 'expired' : row.status,
    expiresAt: row.expiresAt.toISOString(),
    accountExists: Boolean(existing),
  });
}
