import { z } from 'zod';
import { email, newPassword } from '../../platform/auth/auth.contract.js';

export const signupBody = z.object({
  officeName: z.string().trim().min(2, { message: 'Mindestens 2 Zeichen' }).max(120),
  subdomain: z.string().trim().toLowerCase().min(3, { message: 'Mindestens 3 Zeichen' }).max(40),
  name: z.string().trim().min(2, { message: 'Mindestens 2 Zeichen' }).max(120),
  email,
  password: newPassword,
  withDemoData: z.boolean().default(false),
  /** The terms and the processing agreement (Art. 28 GDPR) must be accepted to open an office. */
  acceptTerms: z.literal(true, { message: 'Bitte stimmen Sie den Nutzungsbedingungen zu.' }),
  locale: z.enum(['de', 'en']).default('de'),
});
export type SignupBody = z.input<typeof signupBody>;

export const signupAccepted = z.object({
  message: z.string(),
  /** `offline`: no mail server is set up here, the confirmation mail waits in the outbox. */
  delivery: z.enum(['queued', 'offline']),
  expiresAt: z.string(),
});
export type SignupAccepted = z.infer<typeof signupAccepted>;

export const signupSettings = z.object({
  /** Offices live at `<subdomain>.<baseDomain>` once routing by host is set up; null: not set. */
  baseDomain: z.string().nullable(),
  trialDays: z.number(),
  trialPlan: z.string(),
});
export type SignupSettings = z.infer<typeof signupSettings>;

export const subdomainCheck = z.object({
  subdomain: z.string(),
  available: z.boolean(),
  /** Why not, in German; null when available. */
  reason: z.string().nullable(),
  suggestion: z.string().nullable(),
});
export type SubdomainCheck = z.infer<typeof subdomainCheck>;

export const confirmBody = z.object({ token: z.string().min(20).max(200) });

export const signupConfirmed = z.object({
  email: z.string(),
  officeName: z.string(),
  subdomain: z.string(),
  /** Where the office lives (`https://<subdomain>.<BASE_DOMAIN>`); null without a base domain. */
  officeUrl: z.string().nullable(),
  /** The address had an account: the office was added to it, sign in with the old password. */
  existingAccount: z.boolean(),
  withDemoData: z.boolean(),
});
export type SignupConfirmed = z.infer<typeof signupConfirmed>;

export const ONBOARDING_STEPS = ['profile', 'logo', 'colleague', 'property', 'contact'] as const;
export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number];

export const onboardingView = z.object({
  dismissed: z.boolean(),
  demoData: z.enum(['none', 'pending', 'done', 'failed']),
  steps: z.array(z.object({ id: z.enum(ONBOARDING_STEPS), done: z.boolean(), path: z.string() })),
});
export type OnboardingView = z.infer<typeof onboardingView>;
