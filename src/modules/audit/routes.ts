import { and, desc, eq, gte, lte, count, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import { auditEvent } from '../../db/schema/index.ts';
import type { ApiApp } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { offsetOf, pageQuery, paged } from '../../server/schema-helpers.ts';

const auditQuery = pageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  programmeId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

const auditView = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorUserId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  programmeId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export function registerAuditRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/audit',
    { config: { access: { roles: GLOBAL_ACTION_ROLES['audit.read'] } }, schema: { tags: ['audit'], summary: 'Audit trail, newest first', querystring: auditQuery, response: { 200: paged(auditView) } } },
    async (request) => {
      const q = request.query;
      const conditions: (SQL | undefined)[] = [
        q.entityType ? eq(auditEvent.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditEvent.entityId, q.entityId) : undefined,
        q.action ? eq(auditEvent.action, q.action) : undefined,
        q.programmeId ? eq(auditEvent.programmeId, q.programmeId) : undefined,
        q.actorUserId ? eq(auditEvent.actorUserId, q.actorUserId) : undefined,
        q.from ? gte(auditEvent.at, new Date(q.from)) : undefined,
        q.to ? lte(auditEvent.at, new Date(q.to)) : undefined,
      ];
      const where = and(...conditions);
      const [total] = await ctx.db.select({ n: count() }).from(auditEvent).where(where);
      const rows = await ctx.db.select().from(auditEvent).where(where).orderBy(desc(auditEvent.id)).limit(q.pageSize).offset(offsetOf(q));
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details ?? null })),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );
}
