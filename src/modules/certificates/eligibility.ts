import { and, eq, isNull, sql } from 'drizzle-orm';
import { completionOf } from '../../core/completion.ts';
import type { DbOrTx } from '../../db/client.ts';
import { certificateSetting, curriculumModule, knowledgeQuestion, learningPathModule } from '../../db/schema/index.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { learningPathOf } from '../curriculum/service.ts';

export type Eligibility = {
  personId: string;
  eligible: boolean;
  percent: number;
  completed: boolean;
  completionMinPercent: number;
  postTestPassPercent: number | null;
  postTestsMissing: { moduleId: string; code: string; bestScore: number | null }[];
};

/**
 * The certificate rule of a programme, for many people at once. A participant is eligible
 * when they completed the learning path (attendance, src/core/completion.ts) and — when the
 * programme sets a post-test pass mark — passed the post-test of every path module that has
 * test questions (their best attempt counts).
 */
export async function eligibilityOf(db: DbOrTx, programmeId: string, personIds: string[]): Promise<Map<string, Eligibility>> {
  const result = new Map<string, Eligibility>();
  if (personIds.length === 0) return result;
  const path = await learningPathOf(db, programmeId);
  const [setting] = await db.select().from(certificateSetting).where(eq(certificateSetting.programmeId, programmeId));
  const passMark = setting?.postTestPassPercent ?? null;
  const minutes = (
    (await db.execute(sql`
      select c.person_id, sum(m.duration_minutes)::int as minutes from (
        select distinct a.person_id, sm.module_id from attendance a
        join training_session s on s.id = a.session_id and s.status <> 'cancelled'
        join session_module sm on sm.session_id = a.session_id
        where a.programme_id = ${programmeId} and a.person_id = any(${sql.param(personIds)}::uuid[])) c
      join learning_path_module lpm on lpm.programme_id = ${programmeId} and lpm.module_id = c.module_id
      join curriculum_module m on m.id = lpm.module_id
      group by c.person_id`)) as unknown as { rows: { person_id: string; minutes: number }[] }
  ).rows;
  const minutesBy = new Map(minutes.map((r) => [r.person_id, Number(r.minutes)]));
  // Path modules with a live question bank: their post-test is required when a pass mark is set.
  const tested = passMark
    ? await db
        .selectDistinct({ moduleId: learningPathModule.moduleId, code: curriculumModule.code })
        .from(learningPathModule)
        .innerJoin(curriculumModule, eq(curriculumModule.id, learningPathModule.moduleId))
        .innerJoin(knowledgeQuestion, and(eq(knowledgeQuestion.moduleId, learningPathModule.moduleId), isNull(knowledgeQuestion.archivedAt)))
        .where(eq(learningPathModule.programmeId, programmeId))
    : [];
  const best = tested.length
    ? (
        (await db.execute(sql`
          select person_id, module_id, max(score)::float8 as best, bool_or(points * 100 >= ${passMark} * max_points) as passed
          from test_attempt where programme_id = ${programmeId} and phase = 'post'
            and person_id = any(${sql.param(personIds)}::uuid[]) and module_id = any(${sql.param(tested.map((t) => t.moduleId))}::uuid[])
          group by person_id, module_id`)) as unknown as { rows: { person_id: string; module_id: string; best: number; passed: boolean }[] }
      ).rows
    : [];
  for (const personId of personIds) {
    const completion = completionOf({ attendedMinutes: minutesBy.get(personId) ?? 0, pathMinutes: path.totalMinutes, minPercent: path.completionMinPercent });
    const postTestsMissing = tested
      .map((t) => ({ t, row: best.find((b) => b.person_id === personId && b.module_id === t.moduleId) }))
      .filter(({ row }) => !row?.passed)
      .map(({ t, row }) => ({ moduleId: t.moduleId, code: t.code, bestScore: row ? Number(row.best) : null }));
    result.set(personId, {
      personId,
      eligible: completion.completed && postTestsMissing.length === 0,
      percent: completion.percent,
      completed: completion.completed,
      completionMinPercent: path.completionMinPercent,
      postTestPassPercent: passMark,
      postTestsMissing,
    });
  }
  return result;
}

/** Why a participant is not (yet) eligible, in words; null when they are. */
export function ineligibilityReason(e: Eligibility, locale: Locale): string | null {
  if (e.eligible) return null;
  if (!e.completed) return translate(locale, 'errors.certificate.notCompleted', { percent: e.percent, required: e.completionMinPercent });
  return translate(locale, 'errors.certificate.postTestNotPassed', { modules: e.postTestsMissing.map((m) => m.code).join(', '), pass: e.postTestPassPercent ?? 0 });
}
