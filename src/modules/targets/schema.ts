import { z } from 'zod';
import { INDICATOR_CODES } from '../../core/indicators.ts';
import { SECTORS } from '../../core/sector.ts';
import { datesInOrder, isoDate, optionalText, pageQuery, paged, queryBoolean } from '../../server/schema-helpers.ts';

const periodInOrder = { message: 'errors.field.endBeforeStart', path: ['periodEnd'] };

const targetFields = {
  indicator: z.enum(INDICATOR_CODES, { error: 'errors.field.indicatorUnknown' }),
  value: z.number().finite().min(0).max(1e12),
  siteId: z.uuid().nullish(),
  regionCode: z.string().trim().min(2).max(20).nullish(),
  sector: z.enum(SECTORS, { error: 'errors.field.sectorUnknown' }).nullish(),
  gender: z.enum(['female', 'male']).nullish(),
  periodStart: isoDate.nullish(),
  periodEnd: isoDate.nullish(),
  notes: optionalText(1000),
};

export const createTargetBody = z.object(targetFields).refine((b) => datesInOrder(b.periodStart, b.periodEnd), periodInOrder);
export type CreateTargetInput = z.infer<typeof createTargetBody>;

export const updateTargetBody = z
  .object({
    indicator: targetFields.indicator.optional(),
    value: targetFields.value.optional(),
    siteId: targetFields.siteId,
    regionCode: targetFields.regionCode,
    sector: targetFields.sector,
    gender: targetFields.gender,
    periodStart: targetFields.periodStart,
    periodEnd: targetFields.periodEnd,
    notes: targetFields.notes,
    archived: z.boolean().optional(),
  })
  .refine((b) => datesInOrder(b.periodStart, b.periodEnd), periodInOrder);
export type UpdateTargetInput = z.infer<typeof updateTargetBody>;

export const TARGET_STATUSES = ['active', 'archived'] as const;

/** Paging as the other lists, with the page size of the sites list (callers that want all targets get them in one page, as before paging). */
export const listTargetsQuery = pageQuery
  .extend({
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
    indicator: targetFields.indicator.optional(),
    siteId: z.uuid().optional(),
    /** Kemendagri code: targets for this region or a region within it, directly or through their site. */
    regionCode: z
      .string()
      .trim()
      .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'errors.field.regionUnknown')
      .optional(),
    sector: z.enum(SECTORS, { error: 'errors.field.sectorUnknown' }).optional(),
    gender: z.enum(['female', 'male']).optional(),
    /** Targets whose period overlaps these dates; a target without a period (start or end) is open on that side. */
    periodFrom: isoDate.optional(),
    periodTo: isoDate.optional(),
    /** `archived`: only archived targets; `active`: only current ones (the default unless `includeArchived`). */
    status: z.enum(TARGET_STATUSES).optional(),
    includeArchived: queryBoolean.optional(),
  })
  .refine((q) => datesInOrder(q.periodFrom, q.periodTo), { message: 'errors.field.endBeforeStart', path: ['periodTo'] });
export type ListTargetsQuery = z.infer<typeof listTargetsQuery>;

export const targetView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  indicator: z.string(),
  value: z.number(),
  site: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  region: z.object({ code: z.string(), name: z.string(), provinceCode: z.string(), provinceName: z.string() }).nullable(),
  sector: z.string().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  notes: z.string().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type TargetView = z.infer<typeof targetView>;
export const targetList = paged(targetView);
export const targetParams = z.object({ id: z.uuid(), targetId: z.uuid() });
