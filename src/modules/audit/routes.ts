import { GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import { actorOf, type ApiApp } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { listAuditEvents, listAuditFilters } from './list-audit-events.ts';
import { auditFiltersView, auditPage, auditQuery } from './schema.ts';

export function registerAuditRoutes(app: ApiApp, ctx: AppContext): void {
  const access = { roles: GLOBAL_ACTION_ROLES['audit.read'] };
  app.get(
    '/api/audit',
    { config: { access }, schema: { tags: ['audit'], summary: 'Audit trail, newest first (viewers: personal values redacted)', querystring: auditQuery, response: { 200: auditPage } } },
    async (request) => listAuditEvents({ db: ctx.db, actor: actorOf(request), query: request.query }),
  );
  app.get(
    '/api/audit/filters',
    { config: { access }, schema: { tags: ['audit'], summary: 'Actors, actions and entity types found in the audit trail', response: { 200: auditFiltersView } } },
    async (request) => listAuditFilters({ db: ctx.db, actor: actorOf(request) }),
  );
}
