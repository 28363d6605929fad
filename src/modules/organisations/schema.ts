import { z } from 'zod';
import { optionalText, pageQuery, paged, queryBoolean } from '../../server/schema-helpers.ts';

export const ORGANISATION_KINDS = ['government', 'platform', 'ngo', 'infrastructure', 'other'] as const;

export const createOrganisationBody = z.object({
  name: z.string().trim().min(2).max(200),
  shortName: optionalText(50),
  kind: z.enum(ORGANISATION_KINDS),
  website: z.url().max(300).nullish(),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;

export const updateOrganisationBody = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  shortName: optionalText(50),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  website: z.url().max(300).nullish(),
  archived: z.boolean().optional(),
});
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;

export const listOrganisationsQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  includeArchived: queryBoolean.optional(),
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;

export const organisationView = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  website: z.string().nullable(),
  programmeCount: z.number().int(),
  archivedAt: z.iso.datetime().nullable(),
});
export type OrganisationView = z.infer<typeof organisationView>;
export const organisationList = paged(organisationView);
