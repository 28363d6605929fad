import { z } from 'zod';
import { GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import type { ApiApp } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { getRegion, searchRegions } from './service.ts';

const regionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  provinceCode: z.string(),
  provinceName: z.string(),
  parentCode: z.string().nullable(),
});

const searchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** Comma-separated levels: 1 province, 2 regency/city, 3 district, 4 village. */
  level: z
    .string()
    .regex(/^[1-4](,[1-4])*$/)
    .transform((v) => v.split(',').map(Number))
    .optional(),
  parent: z.string().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function registerRegionRoutes(app: ApiApp, ctx: AppContext): void {
  const access = { roles: GLOBAL_ACTION_ROLES['region.read'] };
  app.get(
    '/api/regions',
    { config: { access }, schema: { tags: ['regions'], summary: 'Search regions by name or Kemendagri code', querystring: searchQuery, response: { 200: z.object({ items: z.array(regionView) }) } } },
    async (request) => ({ items: await searchRegions({ db: ctx.db, q: request.query.q, levels: request.query.level, parentCode: request.query.parent, limit: request.query.limit }) }),
  );
  app.get(
    '/api/regions/:code',
    { config: { access }, schema: { tags: ['regions'], params: z.object({ code: z.string().max(20) }), response: { 200: regionView } } },
    async (request) => getRegion(ctx.db, request.params.code),
  );
}
