import { z } from 'zod';
import { INDICATOR_CODES } from '../../core/indicators.ts';
import { SECTORS } from '../../core/sector.ts';
import { datesInOrder, isoDate, optionalText, paged } from '../../server/schema-helpers.ts';

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
