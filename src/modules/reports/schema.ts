import { z } from 'zod';
import { isoDate } from '../../server/schema-helpers.ts';

export const createReportBody = z.object({
  format: z.enum(['xlsx', 'pdf']),
  /** Inclusive `YYYY-MM-DD` (WIB); without them the whole programme. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type CreateReportBody = z.infer<typeof createReportBody>;

export const reportView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  format: z.enum(['xlsx', 'pdf']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** 0–100 */
  percent: z.number().int(),
  error: z.string().nullable(),
  filename: z.string().nullable(),
  /** bytes */
  size: z.number().int().nullable(),
  downloadUrl: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportView = z.infer<typeof reportView>;
