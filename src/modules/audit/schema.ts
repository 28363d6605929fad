import { z } from 'zod';
import { pageQuery, paged } from '../../server/schema-helpers.ts';

/** A day (`YYYY-MM-DD`, a whole day in WIB) or an exact instant. */
const dayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'errors.field.dateFormat' });

export const auditQuery = pageQuery.extend({
  actorUserId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  programmeId: z.uuid().optional(),
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** Who acted: name and email only for admins; viewers see the role. */
const auditActor = z.object({ id: z.string(), role: z.string(), name: z.string().nullable(), email: z.string().nullable() });

export const auditEventView = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorUserId: z.string().nullable(),
  actor: auditActor.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  programmeId: z.string().nullable(),
  programmeCode: z.string().nullable(),
  /** For viewers, personal values are replaced by `[redacted]` (server-side). */
  details: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
export const auditPage = paged(auditEventView);

export const auditFiltersView = z.object({
  actors: z.array(auditActor),
  actions: z.array(z.string()),
  entityTypes: z.array(z.string()),
});
export type AuditFiltersView = z.infer<typeof auditFiltersView>;
