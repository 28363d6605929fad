import { z } from 'zod';
import { ROLES } from '../../core/policy.ts';

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const currentUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisationId: z.uuid().nullable(),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const loginResponse = z.object({ user: currentUser });
/** `user` is null when nobody is signed in (the web app asks on every start). */
export const meResponse = z.object({ user: currentUser.nullable() });

export const acceptInviteBody = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(10, 'errors.field.passwordTooShort').max(1024),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(10, 'errors.field.passwordTooShort').max(1024),
});
