import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { codeText } from './types.ts';

export const qualityTaskStatus = pgEnum('quality_task_status', ['open', 'resolved']);

/**
 * A data-quality problem found by a check (src/modules/quality/checks.ts), routed to the person
 * who can fix it. One open task per programme, check and subject: a re-run updates it instead of
 * adding another. Resolved tasks stay as history; a task resolved by a person is not opened again
 * while the check finds the very same problem (same fingerprint). A task whose problem is gone
 * is closed by the next run (`resolvedBy` null).
 */
export const qualityTask = pgTable(
  'quality_task',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    /** Check code (src/modules/quality/checks.ts), e.g. `session_over_capacity`. A reserved word in SQL: quote it in raw SQL. */
    check: codeText().notNull(),
    /** What the problem is about, unique per check: a session id, a person id, `import:<job id>`, a date… */
    subjectKey: text().notNull(),
    /** The numbers that make the problem (counts, ids); shown to the assignee. No names, NIKs or phones. */
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Digest of `details`: a task resolved by a person is not re-opened for an unchanged problem. */
    fingerprint: codeText().notNull(),
    /** The trainer or coordinator who should fix it; null: the programme's managers. */
    assigneeUserId: uuid(),
    assigneeOrganisationId: uuid(),
    status: qualityTaskStatus().notNull().default('open'),
    firstFoundAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastFoundAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null with `resolvedAt` set: closed by a run that no longer found the problem. */
    resolvedBy: uuid(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolutionComment: text(),
  },
  (t) => [
    uniqueIndex('quality_task_open_uq').on(t.programmeId, t.check, t.subjectKey).where(sql`${t.status} = 'open'`),
    index('quality_task_programme_idx').on(t.programmeId, t.status, t.lastFoundAt),
    index('quality_task_assignee_idx').on(t.assigneeUserId, t.status),
  ],
);
