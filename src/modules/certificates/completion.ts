import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { learningPathOf } from '../curriculum/service.ts';

/**
 * The people of a programme who completed its learning path, as a subquery of `person_id`s:
 * the same rule as `completionOf` (src/core/completion.ts) and `GET /api/programs/:id/progress`
 * — minutes of distinct path modules covered by attended, not cancelled sessions ≥ the path's
 * minimum share — computed for everyone at once, for roll-ups (cascade, champions, reports).
 */
export async function completedPeopleSql(db: DbOrTx, programmeId: string): Promise<SQL> {
  const path = await learningPathOf(db, programmeId);
  if (path.totalMinutes <= 0) return sql`(select null::uuid as person_id where false)`;
  return sql`(
    select c.person_id from (
      select distinct a.person_id, sm.module_id from attendance a
      join training_session s on s.id = a.session_id and s.status <> 'cancelled'
      join session_module sm on sm.session_id = a.session_id
      where a.programme_id = ${programmeId}) c
    join learning_path_module lpm on lpm.programme_id = ${programmeId} and lpm.module_id = c.module_id
    join curriculum_module m on m.id = lpm.module_id
    group by c.person_id
    having sum(m.duration_minutes) * 100 >= ${path.completionMinPercent * path.totalMinutes})`;
}
