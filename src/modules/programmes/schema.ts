import { z } from 'zod';
import { datesInOrder, isoDate, optionalText, pageQuery, paged, queryBoolean } from '../../server/schema-helpers.ts';

export const PROGRAMME_STATUSES = ['draft', 'active', 'completed', 'archived'] as const;
export const SITE_TYPES = ['sentra_ekraf', 'destinasi_wisata', 'desa_wisata', 'kabupaten_kota', 'online'] as const;

export const programmeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,49}$/, 'errors.field.programmeCodeFormat');

const programmeFields = {
  name: z.string().trim().min(1).max(200),
  description: optionalText(5000),
  ownerOrganisationId: z.uuid().optional(),
  startDate: isoDate.nullish(),
  endDate: isoDate.nullish(),
  status: z.enum(PROGRAMME_STATUSES).optional(),
};

const endAfterStart = { message: 'errors.field.endBeforeStart', path: ['endDate'] };

export const createProgrammeBody = z
  .object({ code: programmeCode, ...programmeFields })
  .refine((b) => datesInOrder(b.startDate, b.endDate), endAfterStart);
export type CreateProgrammeInput = z.infer<typeof createProgrammeBody>;

export const updateProgrammeBody = z
  .object({
    name: programmeFields.name.optional(),
    description: programmeFields.description,
    ownerOrganisationId: programmeFields.ownerOrganisationId,
    startDate: programmeFields.startDate,
    endDate: programmeFields.endDate,
    status: programmeFields.status,
    archived: z.boolean().optional(),
  })
  .refine((b) => datesInOrder(b.startDate, b.endDate), endAfterStart);
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeBody>;

export const listProgrammesQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(PROGRAMME_STATUSES).optional(),
  ownerOrganisationId: z.uuid().optional(),
  includeArchived: queryBoolean.optional(),
});
export type ListProgrammesQuery = z.infer<typeof listProgrammesQuery>;

export const programmeView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(PROGRAMME_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  replicatedFromId: z.uuid().nullable(),
  siteCount: z.number().int(),
  partnerCount: z.number().int(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProgrammeView = z.infer<typeof programmeView>;

export const programmeList = paged(programmeView);

export const programmeCodeParams = z.object({ code: z.string().trim().min(1).max(60) });

export const replicateProgrammeBody = z
  .object({
    code: programmeCode,
    name: z.string().trim().min(1).max(200),
    startDate: isoDate.nullish(),
    endDate: isoDate.nullish(),
    /** Regencies/cities (or other regions) the programme is replicated to: one site each. */
    regionCodes: z.array(z.string().trim().min(2).max(20)).min(1).max(100),
    /** Type of the new sites; defaults to the most common type among the source's sites. */
    siteType: z.enum(SITE_TYPES).optional(),
    copyPartners: z.boolean().default(true),
    copyTargets: z.boolean().default(true),
  })
  .refine((b) => datesInOrder(b.startDate, b.endDate), endAfterStart);
export type ReplicateProgrammeInput = z.infer<typeof replicateProgrammeBody>;
