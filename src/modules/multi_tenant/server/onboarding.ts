import { count, eq, isNotNull } from 'drizzle-orm';
import { tenantInvitation, tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantSettings } from '../../../platform/tenancy/tenancy.schema.js';
import { contact, property } from '../../crm/schema.js';
import type { OnboardingStepId, OnboardingView } from '../contract.js';
import { officeOnboarding, officeSignup } from '../schema.js';

const STEP_PATHS: Record<OnboardingStepId, string> = {
  profile: '/einstellungen',
  logo: '/einstellungen',
  colleague: '/team',
  property: '/objekte/neu',
  contact: '/kontakte',
};

const rows = async (query: Promise<{ n: number }[]>) => ((await query)[0]?.n ?? 0) > 0;

/**
 * What an office still has to do, read from its data rather than ticked off, so a step is
 * done exactly when the thing exists. Sample data does not count: it has no author.
 */
export async function onboardingOf(tx: Tx): Promise<OnboardingView> {
  const [[signup], [dismissal]] = await Promise.all([
    tx.select({ demo: officeSignup.demoDataStatus }).from(officeSignup).limit(1),
    tx.select().from(officeOnboarding).limit(1),
  ]);
  const [settings] = await tx.select().from(tenantSettings).limit(1);
  const profile = Boolean(
    settings?.legalName && settings.address && settings.contactEmail && settings.representative,
  );
  const [members, invited, ownProperty, ownContact] = await Promise.all([
    tx.select({ n: count() }).from(tenantMember),
    rows(tx.select({ n: count() }).from(tenantInvitation).where(eq(tenantInvitation.status, 'pending'))),
    rows(tx.select({ n: count() }).from(property).where(isNotNull(property.createdBy))),
    rows(tx.select({ n: count() }).from(contact).where(isNotNull(contact.createdBy))),
  ]);
  const done: Record<OnboardingStepId, boolean> = {
    profile,
    logo: Boolean(settings?.logoFileKey),
    colleague: (members[0]?.n ?? 0) > 1 || invited,
    property: ownProperty,
    contact: ownContact,
  };
  return {
    dismissed: dismissal !== undefined,
    demoData: (signup?.demo as OnboardingView['demoData'] | null | undefined) ?? 'none',
    steps: (Object.keys(STEP_PATHS) as OnboardingStepId[]).map((id) => ({
      id,
      done: done[id],
      path: STEP_PATHS[id],
    })),
  };
}
