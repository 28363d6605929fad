import { z } from 'zod';
import { optionalText, pageQuery, paged, queryBoolean } from '../../server/schema-helpers.ts';
import { SITE_TYPES } from '../programmes/schema.ts';

export const createSiteBody = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(SITE_TYPES),
  regionCode: z.string().trim().min(2).max(20),
  address: optionalText(500),
});
export type CreateSiteInput = z.infer<typeof createSiteBody>;

export const updateSiteBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  type: z.enum(SITE_TYPES).optional(),
  regionCode: z.string().trim().min(2).max(20).optional(),
  address: optionalText(500),
  archived: z.boolean().optional(),
});
export type UpdateSiteInput = z.infer<typeof updateSiteBody>;

export const listSitesQuery = pageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  q: z.string().trim().max(100).optional(),
  type: z.enum(SITE_TYPES).optional(),
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  includeArchived: queryBoolean.optional(),
});
export type ListSitesQuery = z.infer<typeof listSitesQuery>;

export const siteView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  name: z.string(),
  type: z.enum(SITE_TYPES),
  region: z.object({ code: z.string(), name: z.string(), provinceCode: z.string(), provinceName: z.string() }),
  address: z.string().nullable(),
  illustrative: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
});
export type SiteView = z.infer<typeof siteView>;
export const siteList = paged(siteView);

export const siteParams = z.object({ id: z.uuid(), siteId: z.uuid() });
