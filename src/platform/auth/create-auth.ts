import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, memberAc, ownerAc } from 'better-auth/plugins/organization/access';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import {
  authAccount,
  authSession,
  authUser,
  authVerification,
  tenant,
  tenantInvitation,
  tenantMember,
} from './auth.schema.js';

export interface AuthHooks {
  sendPasswordReset(user: { id: string; email: string; name: string }, token: string): Promise<void>;
}

const accessControl = createAccessControl(defaultStatements);

/**
 * better-auth owns passwords (scrypt), sessions and tenants/members/invitations. ImmoXX
 * exposes its own zod-validated routes that call `auth.api`; better-auth's HTTP handler is
 * not mounted, so every auth endpoint goes through the same validation and error shape.
 */
export function createAuth(options: {
  db: Db;
  secret: string;
  baseURL: string;
  secureCookies: boolean;
  /** Set: one session for all office addresses under this domain. */
  cookieDomain: string | null;
  hooks: AuthHooks;
  logger: Logger;
}) {
  return betterAuth({
    logger: {
      level: 'warn',
      log: (level, message) => {
        // Failed sign-ins are expected traffic; our own routes log them with context.
        options.logger[level === 'error' ? 'error' : 'debug']({ source: 'better-auth' }, message);
      },
    },
    appName: 'ImmoXX',
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        user: authUser,
        session: authSession,
        account: authAccount,
        verification: authVerification,
        organization: tenant,
        member: tenantMember,
        invitation: tenantInvitation,
      },
    }),
    user: {
      additionalFields: { locale: { type: 'string', required: false, defaultValue: 'de', input: false } },
    },
    emailAndPassword: {
      enabled: true,
      // Sign-up stays on for server-side calls (invitations, seed); better-auth's own HTTP
      // handler is not mounted, so there is no public sign-up endpoint.
      disableSignUp: false,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => options.hooks.sendPasswordReset(user, token),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      cookieCache: { enabled: true, maxAge: 60 },
    },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'immoxx',
      useSecureCookies: options.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
      ...(options.cookieDomain
        ? { crossSubDomainCookies: { enabled: true, domain: options.cookieDomain } }
        : {}),
    },
    telemetry: { enabled: false },
    plugins: [
      organization({
        ac: accessControl,
        roles: {
          owner: ownerAc,
          admin: adminAc,
          agent: memberAc,
          assistant: memberAc,
          readonly: memberAc,
        },
        creatorRole: 'owner',
        allowUserToCreateOrganization: false,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        cancelPendingInvitationsOnReInvite: true,
        membershipLimit: 500,
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
