import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { codeText } from './types.ts';

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed']);

/**
 * Durable background work (imports now; messages, certificates, rollups later). A job
 * survives a crash: on start the runner takes up every job left queued or running.
 */
export const job = pgTable(
  'job',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    programmeId: uuid(),
    status: jobStatus().notNull().default('queued'),
    /** Where a resumed job picks up, e.g. `staging` or `merging` for imports. */
    phase: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** `{ done, total, unit, rows? }`: e.g. bytes of the file read, and roster rows read so far */
    progress: jsonb().$type<{ done: number; total: number | null; unit: string; rows?: number }>(),
    result: jsonb().$type<Record<string, unknown>>(),
    /** Message key and params of a failure, rendered in the reader's language. */
    error: jsonb().$type<{ key: string; params?: Record<string, string | number> }>(),
    attempts: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('job_status_idx').on(t.status, t.createdAt), index('job_programme_idx').on(t.programmeId, t.createdAt)],
);

/**
 * Parsed roster rows of one import, valid and rejected. Valid rows are merged into the
 * registry and then deleted; rejected rows stay for the error report. UNLOGGED (set in the
 * migration): it is scratch space that a resumed job rebuilds from the file.
 */
export const importRow = pgTable(
  'import_row',
  {
    jobId: uuid().notNull(),
    /** Line number in the original file (header = 1). */
    line: integer().notNull(),
    /** Rejection reason code; null for a valid row. */
    reason: text(),
    key: codeText(),
    businessName: text(),
    ownerName: text(),
    /** NIK and phone arrive encrypted and hashed (by the staging worker): no plaintext at rest. */
    nikCipher: text(),
    nikHash: codeText(),
    nikBirthYy: integer(),
    nib: codeText(),
    phoneCipher: text(),
    phoneHash: codeText(),
    email: text(),
    gender: text(),
    sector: codeText(),
    address: text(),
    regencyCode: codeText(),
    provinceCode: codeText(),
    active: boolean(),
    willing: boolean(),
    /** Original cell values of a rejected row, as a JSON array in header order, encrypted (field `row`). */
    raw: text(),
  },
  (t) => [index('import_row_job_line_idx').on(t.jobId, t.line)],
);

