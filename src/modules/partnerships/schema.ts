import { z } from 'zod';
import { isoDate, optionalText, pageQuery, paged, queryBoolean } from '../../server/schema-helpers.ts';

export const PARTNER_ROLES = ['lead', 'implementing', 'strategic', 'infrastructure', 'funding', 'oversight', 'other'] as const;

const mouFields = {
  mouNumber: optionalText(100),
  mouSignedOn: isoDate.nullish(),
  mouScope: optionalText(2000),
};

export const createPartnershipBody = z.object({
  organisationId: z.uuid(),
  role: z.enum(PARTNER_ROLES).default('implementing'),
  ...mouFields,
});
export type CreatePartnershipInput = z.infer<typeof createPartnershipBody>;

export const updatePartnershipBody = z.object({
  role: z.enum(PARTNER_ROLES).optional(),
  ...mouFields,
  archived: z.boolean().optional(),
});
export type UpdatePartnershipInput = z.infer<typeof updatePartnershipBody>;

/** Whether a partnership is current or archived. */
export const PARTNERSHIP_STATUSES = ['active', 'archived'] as const;

/**
 * Paging as the other lists, with the page size of the sites list (a programme has a handful of
 * partners: callers that want them all get them in one page, as before paging).
 */
export const listPartnershipsQuery = pageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  /** Organisation name or short name, or MoU number. */
  q: z.string().trim().max(100).optional(),
  organisationId: z.uuid().optional(),
  role: z.enum(PARTNER_ROLES).optional(),
  /** `archived`: only archived partnerships; `active`: only current ones (the default unless `includeArchived`). */
  status: z.enum(PARTNERSHIP_STATUSES).optional(),
  includeArchived: queryBoolean.optional(),
});
export type ListPartnershipsQuery = z.infer<typeof listPartnershipsQuery>;

export const partnershipView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable(), kind: z.string() }),
  role: z.enum(PARTNER_ROLES),
  mouNumber: z.string().nullable(),
  mouSignedOn: z.string().nullable(),
  mouScope: z.string().nullable(),
  mouDocument: z.object({ id: z.uuid(), filename: z.string(), size: z.number().int() }).nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type PartnershipView = z.infer<typeof partnershipView>;
export const partnershipList = paged(partnershipView);

export const partnershipParams = z.object({ id: z.uuid(), partnershipId: z.uuid() });
