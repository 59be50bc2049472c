import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { authUser, tenant } from '../../../platform/auth/auth.schema.js';
import { AppError, badRequest, conflict } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { tenantPlan } from '../../../platform/plans/plans.schema.js';
import { officeUrl } from '../../../platform/tenancy/office-host.js';
import { tenantSettings } from '../../../platform/tenancy/tenancy.schema.js';
import type { SignupAccepted, SignupConfirmed, SubdomainCheck, signupBody } from '../contract.js';
import { officeSignup } from '../schema.js';
import { subdomainProblem, suggestSubdomain } from '../subdomain.js';
import { DEMO_DATA_JOB } from './demo-data.job.js';
import { confirmSignupMail } from './signup-mails.js';

/** How long the confirmation link works. */
export const CONFIRM_VALID_HOURS = 48;
/** A new office tries this plan for SIGNUP_TRIAL_DAYS, then falls back to Free unless it subscribes. */
export const TRIAL_PLAN = 'professional';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const PROBLEM_TEXT = {
  format:
    'Die Adresse darf nur Kleinbuchstaben, Ziffern und einzelne Bindestriche enthalten (3–40 Zeichen, nicht mit Bindestrich beginnend oder endend).',
  reserved: 'Diese Adresse ist für ImmoXX selbst reserviert.',
  taken: 'Diese Adresse ist schon vergeben.',
} as const;

/**
 * Self-service sign-up: a request stores what the broker typed (the password only as its hash)
 * and mails a link; confirming it creates the account, the office on a trial and, if asked, the
 * sample data. Nothing exists in the product before the address is confirmed.
 */
export class SignupService {
  constructor(private readonly platform: Platform) {}

  async checkSubdomain(name: string, forEmail?: string): Promise<SubdomainCheck> {
    const problem = subdomainProblem(name);
    if (problem) {
      const suggestion = suggestSubdomain(name);
      return {
        subdomain: name,
        available: false,
        reason: PROBLEM_TEXT[problem],
        suggestion: (await this.#free(suggestion, forEmail)) ? suggestion : await this.#nextFree(suggestion),
      };
    }
    if (await this.#free(name, forEmail))
      return { subdomain: name, available: true, reason: null, suggestion: null };
    return {
      subdomain: name,
      available: false,
      reason: PROBLEM_TEXT.taken,
      suggestion: await this.#nextFree(name),
    };
  }

  async request(input: ReturnType<typeof signupBody.parse>): Promise<SignupAccepted> {
    const check = await this.checkSubdomain(input.subdomain, input.email);
    if (!check.available) {
      const code = check.reason === PROBLEM_TEXT.taken ? 'subdomain_taken' : 'subdomain_invalid';
      const error = { suggestion: check.suggestion };
      if (code === 'subdomain_taken')
        throw conflict(code, `${check.reason} Vorschlag: ${check.suggestion}`, error);
      throw badRequest(code, check.reason ?? PROBLEM_TEXT.format, error);
    }
    const db = this.platform.database.db;
    const [existing] = await db
      .select({ id: authUser.id })
      .from(authUser)
      .where(eq(authUser.email, input.email));
    const context = await this.platform.auth.$context;
    // An address with an account keeps its password; the one typed here is not stored.
    const passwordHash = existing ? null : await context.password.hash(input.password);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + CONFIRM_VALID_HOURS * 3_600_000);
    await db.transaction(async (tx) => {
      // Signing up again replaces the earlier unconfirmed request of the address (its link dies).
      await tx
        .delete(officeSignup)
        .where(and(eq(officeSignup.email, input.email), isNull(officeSignup.confirmedAt)));
      await tx.insert(officeSignup).values({
        email: input.email,
        name: input.name,
        officeName: input.officeName,
        subdomain: input.subdomain,
        passwordHash,
        withDemoData: input.withDemoData,
        locale: input.locale,
        tokenHash: hashToken(token),
        expiresAt,
      });
    });
    const mail = confirmSignupMail(input.locale, {
      name: input.name,
      officeName: input.officeName,
      url: `${this.platform.publicUrl}/registrieren/bestaetigen#${token}`,
      existingAccount: Boolean(existing),
      validHours: CONFIRM_VALID_HOURS,
    });
    const receipt = await this.platform.mail.send({
      to: input.email,
      ...mail,
      purpose: 'office_signup',
      audience: 'staff',
    });
    return {
      // The same answer whether or not the address has an account, so sign-up reveals none.
      message:
        receipt.delivery === 'offline'
          ? 'Die Registrierung ist gespeichert. Auf diesem Server ist kein Mailversand eingerichtet: Der Bestätigungslink liegt im Postausgang des Betreibers (npm run mail:outbox).'
          : `Fast geschafft: Wir haben einen Bestätigungslink an ${input.email} geschickt. Er gilt ${CONFIRM_VALID_HOURS} Stunden.`,
      delivery: receipt.delivery,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async confirm(token: string, ipAddress: string): Promise<SignupConfirmed> {
    const db = this.platform.database.db;
    const [row] = await db
      .select()
      .from(officeSignup)
      .where(eq(officeSignup.tokenHash, hashToken(token)));
    if (!row)
      throw badRequest(
        'invalid_token',
        'Der Bestätigungslink ist ungültig. Bitte registrieren Sie sich erneut.',
      );
    if (row.confirmedAt)
      throw conflict('already_confirmed', 'Dieses Büro ist bereits eröffnet. Bitte melden Sie sich an.', {
        email: row.email,
      });
    if (row.expiresAt <= new Date())
      throw new AppError(
        410,
        'token_expired',
        'Der Bestätigungslink ist abgelaufen. Bitte registrieren Sie sich erneut.',
      );
    const [slugTaken] = await db.select({ id: tenant.id }).from(tenant).where(eq(tenant.slug, row.subdomain));
    if (slugTaken)
      throw conflict(
        'subdomain_taken',
        `Die Adresse „${row.subdomain}“ wurde inzwischen vergeben. Bitte registrieren Sie sich mit einer anderen.`,
      );
    // Claim the link first: two clicks at once must not open two offices.
    const [claimed] = await db
      .update(officeSignup)
      .set({ confirmedAt: new Date() })
      .where(and(eq(officeSignup.id, row.id), isNull(officeSignup.confirmedAt)))
      .returning({ id: officeSignup.id });
    if (!claimed)
      throw conflict('already_confirmed', 'Dieses Büro ist bereits eröffnet. Bitte melden Sie sich an.', {
        email: row.email,
      });
    try {
      return await this.#openOffice(row, ipAddress);
    } catch (error) {
      await db.update(officeSignup).set({ confirmedAt: null }).where(eq(officeSignup.id, row.id));
      throw error;
    }
  }

  async #openOffice(row: typeof officeSignup.$inferSelect, ipAddress: string): Promise<SignupConfirmed> {
    const { database, memberships } = this.platform;
    const [existing] = await database.db
      .select({ id: authUser.id })
      .from(authUser)
      .where(eq(authUser.email, row.email));
    let userId = existing?.id;
    if (!userId) {
      if (!row.passwordHash)
        throw conflict(
          'account_gone',
          'Das Konto dieser Adresse wurde inzwischen gelöscht. Bitte registrieren Sie sich erneut.',
        );
      const context = await this.platform.auth.$context;
      const user = await context.internalAdapter.createUser(
        {
          email: row.email,
          name: row.name,
          emailVerified: true,
          locale: row.locale,
        },
        { method: 'email-password' },
      );
      await context.internalAdapter.createAccount({
        userId: user.id,
        providerId: 'credential',
        accountId: user.id,
        password: row.passwordHash,
      });
      userId = user.id;
    } else {
      // Following the link proves the address, whatever created the account.
      await database.db.update(authUser).set({ emailVerified: true }).where(eq(authUser.id, userId));
    }
    const tenantId = await memberships.createTenant({
      name: row.officeName,
      slug: row.subdomain,
      ownerUserId: userId,
    });
    const trialDays = this.platform.config.env.SIGNUP_TRIAL_DAYS;
    const trialEndsAt = new Date(Date.now() + trialDays * 86_400_000);
    await database.db
      .update(officeSignup)
      .set({
        tenantId,
        demoDataStatus: row.withDemoData ? 'pending' : null,
        passwordHash: null,
      })
      .where(eq(officeSignup.id, row.id));
    await database.withTenant(tenantId, async (tx) => {
      await tx
        .update(tenantSettings)
        .set({ contactEmail: row.email })
        .where(eq(tenantSettings.tenantId, tenantId));
      await tx
        .insert(tenantPlan)
        .values(
          trialDays > 0
            ? { tenantId, plan: TRIAL_PLAN, status: 'trialing', trialEndsAt }
            : { tenantId, plan: 'free', status: 'active' },
        );
      await recordAudit(
        tx,
        { tenantId, userId, userName: row.name, ipAddress, requestId: null },
        {
          entity: 'office',
          entityId: tenantId,
          action: 'signed_up',
          after: {
            name: row.officeName,
            subdomain: row.subdomain,
            plan: TRIAL_PLAN,
            trialEndsAt: trialEndsAt.toISOString(),
          },
        },
      );
    });
    if (row.withDemoData)
      await this.platform.jobs.enqueue(
        DEMO_DATA_JOB,
        { tenantId },
        { tenantId, key: `demo:${tenantId}`, createdBy: userId },
      );
    this.platform.logger.info({ tenantId, subdomain: row.subdomain }, 'office signed up');
    return {
      email: row.email,
      officeName: row.officeName,
      subdomain: row.subdomain,
      officeUrl: officeUrl(this.platform.publicUrl, this.platform.config.env.BASE_DOMAIN, row.subdomain),
      existingAccount: Boolean(existing),
      withDemoData: row.withDemoData,
    };
  }

  /** Not an office's address, nor held by another address's unconfirmed, unexpired sign-up. */
  async #free(name: string, forEmail?: string): Promise<boolean> {
    if (subdomainProblem(name)) return false;
    const db = this.platform.database.db;
    const [office] = await db.select({ id: tenant.id }).from(tenant).where(eq(tenant.slug, name));
    if (office) return false;
    const [held] = await db
      .select({ id: officeSignup.id })
      .from(officeSignup)
      .where(
        and(
          eq(officeSignup.subdomain, name),
          isNull(officeSignup.confirmedAt),
          gt(officeSignup.expiresAt, new Date()),
          forEmail ? ne(officeSignup.email, forEmail) : undefined,
        ),
      );
    return !held;
  }

  async #nextFree(base: string): Promise<string | null> {
    const stem = base.slice(0, 37).replace(/-+$/, '');
    for (let n = 2; n < 50; n++) {
      const candidate = `${stem}-${n}`;
      if (await this.#free(candidate)) return candidate;
    }
    return null;
  }
}
