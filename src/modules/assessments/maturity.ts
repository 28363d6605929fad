import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { MATURITY_LABELS, MATURITY_LEVELS, MATURITY_QUESTIONS, maturityLevelOf, ONBOARDED_LEVEL, type MaturityAnswers } from '../../core/maturity.ts';
import { utcToLocal } from '../../core/time-zone.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { maturityAssessment, maturityHistory, msme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeMsme } from '../mentoring/access.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import type { MaturityInput } from './schema.ts';
import { rowsOf } from '../../db/rows.ts';

export function maturityQuestionnaire(locale: Locale) {
  return {
    questions: MATURITY_QUESTIONS.map((code) => ({ code, text: translate(locale, `maturity.question.${code}`) })),
    levels: MATURITY_LEVELS.map((level) => ({ level, label: MATURITY_LABELS[level][locale], description: translate(locale, `maturity.level.${level}`) })),
    onboardedLevel: ONBOARDED_LEVEL,
  };
}

export const todayInJakarta = () => utcToLocal(new Date(), 'Asia/Jakarta').slice(0, 10);

/**
 * Stores a questionnaire (replacing an earlier one of the same phase), derives its level, and
 * keeps the business's current level — the level of its most recent assessment in any
 * programme — in `msme.maturity_level`, writing every change to `maturity_history`.
 * Call inside a transaction; the caller has authorised it.
 */
export async function saveMaturityAssessment(
  tx: DbOrTx,
  options: { programmeId: string; msmeId: string; phase: 'baseline' | 'endline'; answers: MaturityAnswers; assessedOn?: string; source: 'self' | 'staff'; actorUserId: string | null },
) {
  const { programmeId, msmeId, phase, answers, source, actorUserId } = options;
  const level = maturityLevelOf(answers);
  const values = { answers: answers as Record<string, boolean>, level, assessedOn: options.assessedOn ?? todayInJakarta(), source, recordedBy: actorUserId, updatedAt: new Date() };
  const [row] = await tx
    .insert(maturityAssessment)
    .values({ programmeId, msmeId, phase, ...values })
    .onConflictDoUpdate({ target: [maturityAssessment.programmeId, maturityAssessment.msmeId, maturityAssessment.phase], set: values })
    .returning({ id: maturityAssessment.id });
  if (!row) throw new Error('upsert returned no row');
  // Lock the business while its current level is decided, so that two answers at once cannot skip a history row.
  await tx.execute(sql`select 1 from ${msme} where ${msme.id} = ${msmeId} for update`);
  const [latest] = await tx
    .select({ level: maturityAssessment.level })
    .from(maturityAssessment)
    .where(eq(maturityAssessment.msmeId, msmeId))
    .orderBy(desc(maturityAssessment.assessedOn), desc(maturityAssessment.updatedAt))
    .limit(1);
  const [business] = await tx.select({ level: msme.maturityLevel }).from(msme).where(eq(msme.id, msmeId));
  const currentLevel = latest?.level ?? null;
  if (currentLevel !== null && business && business.level !== currentLevel) {
    await tx.update(msme).set({ maturityLevel: currentLevel, updatedAt: new Date() }).where(eq(msme.id, msmeId));
    await tx.insert(maturityHistory).values({ msmeId, level: currentLevel, previousLevel: business.level, programmeId, assessmentId: row.id, changedBy: actorUserId });
  }
  await recordAudit(tx, { actorUserId, action: 'maturity.assess', entityType: 'msme', entityId: msmeId, programmeId, details: { phase, level, source, currentLevel } });
  return { assessmentId: row.id, phase, level, currentLevel };
}

export async function recordMaturity(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string; input: MaturityInput }) {
  const { db, actor, programmeId, msmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeMsme(tx, actor, programmeId, msmeId, 'assessment.record');
    return saveMaturityAssessment(tx, { programmeId, msmeId, phase: input.phase, answers: input.answers, assessedOn: input.assessedOn, source: 'staff', actorUserId: actor.userId });
  });
}

export async function getMaturity(options: { db: Db; actor: SessionActor; programmeId: string; msmeId: string }) {
  const { db, actor, programmeId, msmeId } = options;
  const { msme: business } = await authorizeMsme(db, actor, programmeId, msmeId, 'assessment.record');
  const assessments = await db.select().from(maturityAssessment).where(and(eq(maturityAssessment.programmeId, programmeId), eq(maturityAssessment.msmeId, msmeId))).orderBy(asc(maturityAssessment.assessedOn));
  const history = await db.select().from(maturityHistory).where(eq(maturityHistory.msmeId, msmeId)).orderBy(asc(maturityHistory.changedAt), asc(maturityHistory.id));
  return {
    msmeId,
    currentLevel: business.maturityLevel,
    assessments: assessments.map((a) => ({ id: a.id, phase: a.phase, level: a.level, answers: a.answers, assessedOn: a.assessedOn, source: a.source })),
    history: history.map((h) => ({ level: h.level, previousLevel: h.previousLevel, programmeId: h.programmeId, changedAt: h.changedAt.toISOString() })),
  };
}

type PhaseRow = { phase: string; level: number; n: number };

/** Baseline and endline levels of a programme's businesses, and how many moved up. */
export async function maturitySummary(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const byLevel = rowsOf<PhaseRow>(
    await db.execute(sql`select phase::text as phase, level, count(*)::int as n from ${maturityAssessment} where programme_id = ${programmeId} group by 1, 2`),
  );
  const [pairs] = rowsOf<{ paired: number; improved: number; newly: number }>(
    await db.execute(sql`
      select count(*)::int as paired, count(*) filter (where e.level > b.level)::int as improved,
        count(*) filter (where b.level < ${ONBOARDED_LEVEL} and e.level >= ${ONBOARDED_LEVEL})::int as newly
      from ${maturityAssessment} b join ${maturityAssessment} e on e.programme_id = b.programme_id and e.msme_id = b.msme_id and e.phase = 'endline'
      where b.programme_id = ${programmeId} and b.phase = 'baseline'`),
  );
  const phase = (name: string) => {
    const levels = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const r of byLevel.filter((x) => x.phase === name)) levels[String(r.level) as keyof typeof levels] = Number(r.n);
    const assessed = Object.values(levels).reduce((a, b) => a + b, 0);
    return { assessed, levels, onboarded: levels['2'] + levels['3'] + levels['4'] };
  };
  return { baseline: phase('baseline'), endline: phase('endline'), paired: Number(pairs?.paired ?? 0), improved: Number(pairs?.improved ?? 0), newlyOnboarded: Number(pairs?.newly ?? 0) };
}
