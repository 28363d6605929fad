import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { startPeriodic, type Periodic } from '../../server/periodic.ts';

/**
 * A session's attendance and roster counts are its `session_stat` row plus its rows of
 * `session_stat_delta` not folded in yet (schema/dashboard.ts). The triggers on `attendance` and
 * `session_participant` only append deltas, so concurrent check-ins never queue on a session's
 * row; this module folds the deltas into `session_stat` in the background. Readers add both (`stat`
 * in indicators.ts), so what they see is exact whether a fold has run or not.
 */

/** Delta rows taken by one fold statement. */
const BATCH = 10_000;
/** How often the server folds. */
const FOLD_INTERVAL_MS = 1_000;
/**
 * Folded (deleted) deltas leave dead rows that readers step over until they are vacuumed, and
 * autovacuum visits a table at most once a minute: under a stream of syncs the folder vacuums the
 * (small) table itself after this many.
 */
const VACUUM_AFTER = 10_000;

/**
 * Moves committed deltas into `session_stat`, deleting and adding in one statement so that a
 * reader sees each delta in exactly one of the two places; returns how many delta rows it folded.
 * Deltas another fold is working on are skipped, never waited for; session rows are updated in
 * id order, so two folds never deadlock.
 */
export async function foldSessionStats(db: DbOrTx): Promise<number> {
  let folded = 0;
  for (;;) {
    const [row] = rowsOf<{ folded: number }>(
      await db.execute(sql`
        WITH batch AS (SELECT id FROM session_stat_delta ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED),
        gone AS (
          DELETE FROM session_stat_delta d USING batch WHERE d.id = batch.id
          RETURNING d.session_id, d.programme_id, d.attended, d.rostered),
        added AS (
          INSERT INTO session_stat (session_id, programme_id, attended, rostered)
          SELECT session_id, min(programme_id::text)::uuid, sum(attended), sum(rostered) FROM gone GROUP BY session_id ORDER BY session_id
          ON CONFLICT (session_id) DO UPDATE SET attended = session_stat.attended + excluded.attended, rostered = session_stat.rostered + excluded.rostered)
        SELECT count(*)::int AS folded FROM gone`),
    );
    const count = row?.folded ?? 0;
    folded += count;
    if (count < BATCH) return folded;
  }
}

export type SessionStatFolder = Periodic;

/** Folds session count deltas every second while the server runs (a database outage: the deltas wait, and are read as they are, until the next round). */
export function startSessionStatFolder(options: { db: DbOrTx; log: FastifyBaseLogger }): SessionStatFolder {
  let sinceVacuum = 0;
  const fold = async () => {
    sinceVacuum += await foldSessionStats(options.db);
    if (sinceVacuum >= VACUUM_AFTER) {
      sinceVacuum = 0;
      await options.db.execute(sql`VACUUM session_stat_delta`);
    }
  };
  return startPeriodic({ work: fold, intervalMs: FOLD_INTERVAL_MS, log: options.log, failure: 'session count fold failed; retrying' });
}
