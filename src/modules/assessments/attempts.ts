import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { canSeeProgramme } from '../../core/policy.ts';
import { passes, percentOf, scoreTest } from '../../core/test-scoring.ts';
import type { Db } from '../../db/client.ts';
import { attendance, certificateSetting, curriculumModule, enrolment, knowledgeQuestion, programme, sessionParticipant, sessionTrainer, testAttempt } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme, programmeRelation } from '../programmes/access.ts';
import type { AttemptReason, PaperAttemptInput } from './schema.ts';

type Candidate = {
  clientId: string;
  programmeId: string;
  personId: string;
  moduleId: string;
  phase: 'pre' | 'post';
  answers?: Record<string, string[]>;
  score?: { points: number; maxPoints: number };
  takenAt: string;
};

export type AttemptsOutcome = {
  accepted: number;
  duplicates: number;
  rejected: { clientId: string; reason: AttemptReason }[];
  scores: { clientId: string; points: number; maxPoints: number; score: number; passed: boolean | null }[];
};

/**
 * Scores and stores test attempts exactly once each (by `clientId` per programme): answers are
 * scored against the module's live questions (src/core/test-scoring.ts); a paper result may be
 * given as a score. `refuse` has already sorted out the attempts the caller may not send.
 */
async function storeAttempts(db: Db, options: { candidates: Candidate[]; source: 'self' | 'staff'; recordedBy: string | null; refused: Map<string, AttemptReason> }): Promise<AttemptsOutcome> {
  const { candidates, source, recordedBy, refused } = options;
  const moduleIds = [...new Set(candidates.map((c) => c.moduleId))];
  const programmeIds = [...new Set(candidates.map((c) => c.programmeId))];
  const modules = moduleIds.length ? await db.select({ id: curriculumModule.id, programmeId: curriculumModule.programmeId }).from(curriculumModule).where(inArray(curriculumModule.id, moduleIds)) : [];
  const questions = moduleIds.length
    ? await db.select().from(knowledgeQuestion).where(and(inArray(knowledgeQuestion.moduleId, moduleIds), isNull(knowledgeQuestion.archivedAt)))
    : [];
  const settings = programmeIds.length ? await db.select().from(certificateSetting).where(inArray(certificateSetting.programmeId, programmeIds)) : [];
  const passMark = new Map(settings.map((s) => [s.programmeId, s.postTestPassPercent]));
  const known = new Map<string, { points: number; maxPoints: number; score: number; phase: string; programmeId: string }>();
  if (candidates.length) {
    const rows = await db
      .select({ programmeId: testAttempt.programmeId, clientId: testAttempt.clientId, points: testAttempt.points, maxPoints: testAttempt.maxPoints, score: testAttempt.score, phase: testAttempt.phase })
      .from(testAttempt)
      .where(and(inArray(testAttempt.programmeId, programmeIds), sql`${testAttempt.clientId} = any(${sql.param([...new Set(candidates.map((c) => c.clientId))])}::text[])`));
    for (const r of rows) known.set(`${r.programmeId}|${r.clientId}`, { ...r, score: Number(r.score) });
  }
  const rejected = new Map(refused);
  const scores: AttemptsOutcome['scores'] = [];
  const passedOf = (programmeId: string, phase: string, points: number, maxPoints: number) => {
    const mark = passMark.get(programmeId);
    return phase === 'post' && mark ? passes(points, maxPoints, mark) : null;
  };
  const rows: (typeof testAttempt.$inferInsert)[] = [];
  let duplicates = 0;
  const seen = new Set<string>();
  for (const c of candidates) {
    const key = `${c.programmeId}|${c.clientId}`;
    const before = known.get(key);
    if (before || seen.has(key)) {
      duplicates += 1;
      if (before) scores.push({ clientId: c.clientId, points: before.points, maxPoints: before.maxPoints, score: before.score, passed: passedOf(c.programmeId, before.phase, before.points, before.maxPoints) });
      continue;
    }
    const bank = questions.filter((q) => q.moduleId === c.moduleId && q.programmeId === c.programmeId).map((q) => ({ id: q.id, kind: q.kind, correct: q.correct }));
    if (!modules.some((m) => m.id === c.moduleId && m.programmeId === c.programmeId)) {
      rejected.set(c.clientId, 'unknown_module');
      continue;
    }
    let points: number;
    let maxPoints: number;
    if (c.answers) {
      if (bank.length === 0) {
        rejected.set(c.clientId, 'unknown_module');
        continue;
      }
      const scored = scoreTest(bank, c.answers);
      points = scored.points;
      maxPoints = scored.maxPoints;
    } else if (c.score && c.score.points <= c.score.maxPoints) {
      points = c.score.points;
      maxPoints = c.score.maxPoints;
    } else {
      rejected.set(c.clientId, 'invalid_record');
      continue;
    }
    seen.add(key);
    const score = percentOf(points, maxPoints);
    rows.push({ programmeId: c.programmeId, moduleId: c.moduleId, personId: c.personId, phase: c.phase, answers: c.answers ?? null, points, maxPoints, score, source, clientId: c.clientId, takenAt: new Date(c.takenAt), recordedBy });
    scores.push({ clientId: c.clientId, points, maxPoints, score, passed: passedOf(c.programmeId, c.phase, points, maxPoints) });
  }
  let accepted = 0;
  await db.transaction(async (tx) => {
    if (rows.length) {
      const inserted = await tx.insert(testAttempt).values(rows).onConflictDoNothing().returning({ clientId: testAttempt.clientId });
      accepted = inserted.length;
      duplicates += rows.length - inserted.length;
    }
    for (const programmeId of new Set([...rows.map((r) => r.programmeId), ...candidates.map((c) => c.programmeId)])) {
      await recordAudit(tx, { actorUserId: recordedBy, action: 'test.attempts', entityType: 'test_attempt', programmeId, details: { source, received: candidates.filter((c) => c.programmeId === programmeId).length, stored: rows.filter((r) => r.programmeId === programmeId).length } });
    }
  });
  return { accepted, duplicates, rejected: [...rejected.entries()].map(([clientId, reason]) => ({ clientId, reason })), scores };
}

/**
 * Paper results typed in by trainers and organisers. Trainers may enter them only for people on
 * the roster of (or present at) a session they run in the programme.
 */
export async function syncPaperAttempts(options: { db: Db; actor: SessionActor; attempts: PaperAttemptInput[] }): Promise<AttemptsOutcome> {
  const { db, actor, attempts } = options;
  const programmeIds = [...new Set(attempts.map((a) => a.programmeId))];
  const programmes = programmeIds.length ? await db.select().from(programme).where(inArray(programme.id, programmeIds)) : [];
  const allowed = new Set<string>();
  for (const p of programmes) {
    const relation = await programmeRelation(db, actor, p);
    if (canSeeProgramme(actor, relation) && actor.role !== 'viewer') allowed.add(p.id);
  }
  const personIds = [...new Set(attempts.map((a) => a.personId))];
  const enrolled = new Set(
    personIds.length && programmeIds.length
      ? (await db.select({ p: enrolment.programmeId, person: enrolment.personId }).from(enrolment).where(and(inArray(enrolment.programmeId, programmeIds), inArray(enrolment.personId, personIds)))).map((r) => `${r.p}|${r.person}`)
      : [],
  );
  const taught = new Set<string>();
  if (actor.role === 'trainer' && personIds.length) {
    const mine = sql`(select ${sessionTrainer.sessionId} from ${sessionTrainer} where ${sessionTrainer.userId} = ${actor.userId})`;
    const onRoster = await db.select({ p: sessionParticipant.programmeId, person: sessionParticipant.personId }).from(sessionParticipant).where(and(inArray(sessionParticipant.personId, personIds), sql`${sessionParticipant.sessionId} in ${mine}`));
    const present = await db.select({ p: attendance.programmeId, person: attendance.personId }).from(attendance).where(and(inArray(attendance.personId, personIds), sql`${attendance.sessionId} in ${mine}`));
    for (const r of [...onRoster, ...present]) taught.add(`${r.p}|${r.person}`);
  }
  const refused = new Map<string, AttemptReason>();
  const candidates: Candidate[] = [];
  for (const a of attempts) {
    const key = `${a.programmeId}|${a.personId}`;
    if (!allowed.has(a.programmeId)) refused.set(a.clientId, 'unknown_programme');
    else if (!enrolled.has(key) || (actor.role === 'trainer' && !taught.has(key))) refused.set(a.clientId, 'unknown_person');
    else if (!a.answers && !a.score) refused.set(a.clientId, 'invalid_record');
    else candidates.push(a);
  }
  return storeAttempts(db, { candidates, source: 'staff', recordedBy: actor.userId, refused });
}

/** Attempts a participant sends from their phone (online or queued offline), through their personal link. */
export async function syncParticipantAttempts(options: {
  db: Db;
  identity: { personId: string; programmeId: string };
  attempts: { clientId: string; moduleId: string; phase: 'pre' | 'post'; answers: Record<string, string[]>; takenAt: string }[];
}): Promise<AttemptsOutcome> {
  const { db, identity, attempts } = options;
  const candidates = attempts.map((a) => ({ ...a, programmeId: identity.programmeId, personId: identity.personId }));
  return storeAttempts(db, { candidates, source: 'self', recordedBy: null, refused: new Map() });
}

type SummaryRow = { module_id: string; phase: string; people: number; average: number | null; passed: number | null };

/** Per module: questions in the bank, and people's best pre- and post-test scores. */
export async function testsSummary(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const [setting] = await db.select().from(certificateSetting).where(eq(certificateSetting.programmeId, programmeId));
  const pass = setting?.postTestPassPercent ?? null;
  const modules = await db.select().from(curriculumModule).where(and(eq(curriculumModule.programmeId, programmeId), isNull(curriculumModule.archivedAt))).orderBy(curriculumModule.code);
  const counts = await db
    .select({ moduleId: knowledgeQuestion.moduleId, n: sql<number>`count(*)::int` })
    .from(knowledgeQuestion)
    .where(and(eq(knowledgeQuestion.programmeId, programmeId), isNull(knowledgeQuestion.archivedAt)))
    .groupBy(knowledgeQuestion.moduleId);
  const rows = (
    (await db.execute(sql`
      with best as (
        select module_id, phase, person_id, max(score) as score,
          bool_or(${pass === null ? sql`false` : sql`points * 100 >= ${pass} * max_points`}) as passed
        from ${testAttempt} where programme_id = ${programmeId} group by module_id, phase, person_id)
      select module_id, phase::text as phase, count(*)::int as people, round(avg(score), 1)::float8 as average,
        ${pass === null ? sql`null::int` : sql`count(*) filter (where passed)::int`} as passed
      from best group by module_id, phase`)) as unknown as { rows: SummaryRow[] }
  ).rows;
  const figure = (moduleId: string, phase: string) => rows.find((r) => r.module_id === moduleId && r.phase === phase);
  return {
    postTestPassPercent: pass,
    modules: modules.map((m) => {
      const pre = figure(m.id, 'pre');
      const post = figure(m.id, 'post');
      return {
        module: { id: m.id, code: m.code, title: { id: m.titleId, en: m.titleEn } },
        questions: Number(counts.find((c) => c.moduleId === m.id)?.n ?? 0),
        pre: { people: Number(pre?.people ?? 0), averageScore: pre?.average ?? null },
        post: { people: Number(post?.people ?? 0), averageScore: post?.average ?? null, passed: pass === null ? null : Number(post?.passed ?? 0) },
      };
    }),
  };
}
