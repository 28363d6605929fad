import { z } from 'zod';
import { DEFAULT_COMPLETION_PERCENT } from '../../core/completion.ts';
import { optionalText, queryBoolean } from '../../server/schema-helpers.ts';

/** The six topics of Jalin Nusantara's curriculum. */
export const MODULE_TOPICS = ['literasi_digital', 'bisnis', 'keuangan_dasar', 'pembuatan_konten', 'pemasaran_digital', 'praktik_ecommerce'] as const;
export type ModuleTopic = (typeof MODULE_TOPICS)[number];

export const moduleCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,29}$/, 'errors.field.moduleCodeFormat');

const title = z.object({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

/** http(s) only: a material link is opened by participants' phones. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'errors.field.urlFormat' }).max(2000);

export const materialLinkBody = z.object({ title: z.string().trim().min(1).max(200), url: httpUrl });
export type MaterialLinkInput = z.infer<typeof materialLinkBody>;

export const createModuleBody = z.object({
  code: moduleCode,
  title,
  topic: z.enum(MODULE_TOPICS),
  /** minutes */
  durationMinutes: z.number().int().min(1).max(10_000),
  description: optionalText(5000),
  materials: z.array(materialLinkBody).max(50).default([]),
});
export type CreateModuleInput = z.infer<typeof createModuleBody>;

export const updateModuleBody = z.object({
  code: moduleCode.optional(),
  title: title.partial().optional(),
  topic: z.enum(MODULE_TOPICS).optional(),
  durationMinutes: z.number().int().min(1).max(10_000).optional(),
  description: optionalText(5000),
  archived: z.boolean().optional(),
});
export type UpdateModuleInput = z.infer<typeof updateModuleBody>;

export const listModulesQuery = z.object({ includeArchived: queryBoolean.optional() });

export const materialView = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(['link', 'file']),
  url: z.string().nullable(),
  file: z.object({ documentId: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
});
export type MaterialView = z.infer<typeof materialView>;

export const moduleView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  code: z.string(),
  title: z.object({ id: z.string(), en: z.string() }),
  topic: z.enum(MODULE_TOPICS),
  durationMinutes: z.number().int(),
  description: z.string().nullable(),
  materials: z.array(materialView),
  /** Position in the programme's learning path, null when not in it. */
  pathPosition: z.number().int().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type ModuleView = z.infer<typeof moduleView>;
export const moduleList = z.object({ items: z.array(moduleView), total: z.number().int() });

export const moduleParams = z.object({ id: z.uuid(), moduleId: z.uuid() });
export const materialParams = z.object({ id: z.uuid(), moduleId: z.uuid(), materialId: z.uuid() });

export const learningPathBody = z.object({
  /** The path's modules in order; each once. */
  moduleIds: z.array(z.uuid()).max(100).refine((ids) => new Set(ids).size === ids.length, 'errors.curriculum.duplicateModule'),
  completionMinPercent: z.number().int().min(1).max(100).default(DEFAULT_COMPLETION_PERCENT),
});
export type LearningPathInput = z.infer<typeof learningPathBody>;

export const learningPathView = z.object({
  programmeId: z.uuid(),
  /** Attend at least this share of the path's minutes to complete it. */
  completionMinPercent: z.number().int(),
  /** Sum of the path modules' durations, in minutes. */
  totalMinutes: z.number().int(),
  modules: z.array(z.object({ position: z.number().int(), module: moduleView })),
});
export type LearningPathView = z.infer<typeof learningPathView>;
