import { z } from 'zod';
import { ROLES } from '../../core/policy.ts';
import { pageQuery, paged } from '../../server/schema-helpers.ts';

export const inviteUserBody = z.object({
  email: z.email().max(254).transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organisationId: z.uuid().nullish(),
  programmeIds: z.array(z.uuid()).max(200).default([]),
});
export type InviteUserInput = z.infer<typeof inviteUserBody>;

export const updateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().nullish(),
  active: z.boolean().optional(),
  programmeIds: z.array(z.uuid()).max(200).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.uuid().optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  active: z.boolean(),
  invitePending: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  programmes: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
});
export type UserView = z.infer<typeof userView>;
export const userList = paged(userView);

export const inviteResponse = z.object({ user: userView, inviteUrl: z.string() });
