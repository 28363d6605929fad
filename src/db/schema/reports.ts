import { bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programme } from './programmes.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The file a report job wrote (XLSX or PDF), kept in the database so that any server can hand
 * it out and a crashed job simply writes it again (one row per job).
 */
export const reportFile = pgTable(
  'report_file',
  {
    jobId: uuid().primaryKey(),
    programmeId: uuid().notNull(),
    /** `xlsx` or `pdf`. */
    format: text().notNull(),
    filename: text().notNull(),
    /** bytes */
    size: bigint({ mode: 'number' }).notNull(),
    content: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_file_programme_idx').on(t.programmeId, t.createdAt)],
);

/**
 * A programme whose results are published on the public page `/hasil/<code>` (opt-in by its
 * manager). No row: not published, and the public API answers 404.
 */
export const publicResults = pgTable('public_results', {
  programmeId: uuid()
    .primaryKey()
    .references(() => programme.id, { onDelete: 'cascade' }),
  publishedBy: uuid(),
  publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
