import { z } from 'zod';

export const email = z.string().trim().toLowerCase().email({ message: 'Ungültige E-Mail-Adresse' }).max(254);
export const newPassword = z
  .string()
  .min(10, { message: 'Mindestens 10 Zeichen' })
  .max(128, { message: 'Höchstens 128 Zeichen' });

export const signInBody = z.object({ email, password: z.string().min(1).max(128) });
export const requestResetBody = z.object({ email });
export const resetPasswordBody = z.object({ token: z.string().min(10).max(200), newPassword });
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(128), newPassword });
export const acceptInvitationBody = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  password: newPassword.optional(),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
});

export const invitationInfo = z.object({
  id: z.string(),
  email: z.string(),
  tenantName: z.string(),
  inviterName: z.string(),
  role: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected', 'canceled', 'expired']),
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
export type InvitationInfo = z.infer<typeof invitationInfo>;
