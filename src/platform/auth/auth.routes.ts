import { fromNodeHeaders } from 'better-auth/node';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { AppError, badRequest, conflict, errorBody, notFound } from '../http/app-error.js';
import { forwardSetCookies } from '../http/resolve-session.js';
import type { Platform } from '../kernel.js';
import { failedSignInsMail } from '../mail/mail-templates.js';
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
import { isKnownDevice, rememberDevice } from './known-device.js';
import { LoginThrottle } from './login-throttle.js';

const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Sign-in, sign-out, password reset and invitation acceptance; all call better-auth server-side. */
export const authRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { env } = platform.config;
  const throttle = new LoginThrottle(platform.database, env.LOGIN_MAX_ATTEMPTS, env.LOGIN_LOCKOUT_MINUTES);
  const loginRateLimit = { max: env.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };
  const throttled = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('retry-after', String(retryAfterSeconds));
    return reply
      .status(429)
      .send(
        errorBody(
          'sign_in_throttled',
          `Zu viele Fehlversuche von dieser Adresse. Bitte in ${retryAfterSeconds} Sekunden erneut versuchen – oder das Passwort zurücksetzen.`,
          { retryAfterSeconds },
        ),
      );
  };
  /** Tells the account holder (if the address has an account) that someone keeps guessing. */
  const alertAccountHolder = async (email: string, attempts: number, address: string) => {
    const [user] = await platform.database.db
      .select({ name: authUser.name, email: authUser.email, locale: authUser.locale })
      .from(authUser)
      .where(eq(authUser.email, email.toLowerCase()));
    if (!user) return;
    const locale = user.locale === 'en' ? 'en' : 'de';
    const mail = failedSignInsMail(
      locale,
      user.name,
      attempts,
      address,
      `${platform.publicUrl}/passwort-vergessen`,
    );
    await platform.mail
      .send({ to: user.email, ...mail, purpose: 'security_alert', audience: 'staff' })
      .catch((error: unknown) => platform.logger.error({ err: error }, 'security alert mail failed'));
  };

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
      // A browser that signed in to this account before is not slowed by guesses from elsewhere.
      const knownDevice = isKnownDevice(platform, request, email);
      const lock = knownDevice ? null : await throttle.state(email, request.ip);
      if (lock?.locked) return throttled(reply, lock.retryAfterSeconds);
      try {
        const { headers, response } = await platform.auth.api.signInEmail({
          body: { email, password, rememberMe: true },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        await throttle.reset(email, request.ip);
        forwardSetCookies(reply, headers);
        rememberDevice(platform, request, reply, email);
        const user = response.user as typeof response.user & { locale?: string };
        return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale ?? 'de' } };
      } catch (error) {
        const state = await throttle.recordFailure(email, request.ip);
        request.log.info({ throttled: state.locked }, 'sign-in failed');
        if (state.failedAttempts === env.LOGIN_MAX_ATTEMPTS)
          await alertAccountHolder(email, state.failedAttempts, request.ip);
        if (state.locked && !knownDevice) return throttled(reply, state.retryAfterSeconds);
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
