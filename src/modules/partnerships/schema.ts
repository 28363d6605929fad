import { z } from 'zod';
import { isoDate, optionalText, paged } from '../../server/schema-helpers.ts';

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
