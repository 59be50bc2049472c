import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import { authUser, tenant } from '../auth/auth.schema.js';
import { conflict } from '../http/app-error.js';
import type { Platform } from '../kernel.js';
import { officeOpenedMail } from '../mail/mail-templates.js';
import type { PlanId } from '../plans/plan-catalogue.js';
import { tenantPlan } from '../plans/plans.schema.js';
import { officeUrl } from './office-host.js';
import { tenantSettings } from './tenancy.schema.js';

/** How long the owner's link to set a password works. */
export const SET_PASSWORD_DAYS = 7;

export interface OperatorOfficeInput {
  officeName: string;
  subdomain: string;
  ownerEmail: string;
  ownerName: string;
  plan: PlanId | null;
}

/**
 * An office an operator opens for a broker: the owner's account (an address with one keeps it and
 * its password; a new one gets a link to set a password, valid for days rather than the reset's
 * hour), the office with its address, optionally a plan, an entry in its audit log, a mail.
 */
export async function openOfficeForOwner(
  platform: Platform,
  input: OperatorOfficeInput,
  operator: { userId: string; name: string },
): Promise<{ tenantId: string; url: string; newAccount: boolean }> {
  const { database, memberships } = platform;
  const email = input.ownerEmail.trim().toLowerCase();
  const [taken] = await database.db
    .select({ id: tenant.id })
    .from(tenant)
    .where(eq(tenant.slug, input.subdomain));
  if (taken) throw conflict('subdomain_taken', `Die Adresse „${input.subdomain}“ hat schon ein Büro.`);
  const [existing] = await database.db
    .select({ id: authUser.id, name: authUser.name })
    .from(authUser)
    .where(eq(authUser.email, email));
  const context = await platform.auth.$context;
  const userId =
    existing?.id ??
    (
      await context.internalAdapter.createUser(
        {
          email,
          name: input.ownerName,
          emailVerified: false,
          locale: 'de',
        },
        { method: 'email-password' },
      )
    ).id;
  const tenantId = await memberships.createTenant({
    name: input.officeName,
    slug: input.subdomain,
    ownerUserId: userId,
  });
  await database.withTenant(tenantId, async (tx) => {
    await tx.update(tenantSettings).set({ contactEmail: email }).where(eq(tenantSettings.tenantId, tenantId));
    if (input.plan) await tx.insert(tenantPlan).values({ tenantId, plan: input.plan, status: 'active' });
    await recordAudit(
      tx,
      {
        tenantId,
        userId: operator.userId,
        userName: `${operator.name} (Plattform-Betrieb)`,
        ipAddress: null,
        requestId: null,
      },
      {
        entity: 'office',
        entityId: tenantId,
        action: 'opened_by_operator',
        after: { name: input.officeName, subdomain: input.subdomain, owner: email, plan: input.plan },
      },
    );
  });
  const url =
    officeUrl(platform.publicUrl, platform.config.env.BASE_DOMAIN, input.subdomain) ?? platform.publicUrl;
  let setPasswordUrl: string | null = null;
  if (!existing) {
    // The token better-auth's own reset takes (`reset-password:<token>` → user id), longer-lived.
    const token = randomBytes(24).toString('base64url');
    await context.internalAdapter.createVerificationValue({
      identifier: `reset-password:${token}`,
      value: userId,
      expiresAt: new Date(Date.now() + SET_PASSWORD_DAYS * 86_400_000),
    });
    setPasswordUrl = `${url}/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`;
  }
  await platform.mail.send({
    to: email,
    ...officeOpenedMail(
      existing?.name ?? input.ownerName,
      input.officeName,
      url,
      setPasswordUrl,
      SET_PASSWORD_DAYS,
    ),
    purpose: 'office_opened',
    audience: 'staff',
  });
  return { tenantId, url, newAccount: !existing };
}
