import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { summariseFeedback } from '../../core/feedback.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { attendance, sessionFeedback, sessionParticipant, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession } from '../sessions/access.ts';
import { isEnrolled } from '../trainees/service.ts';

type FeedbackValues = { clientId: string; personId: string | null; rating?: number | null; recommend?: number | null; comment?: string | null; submittedAt: Date };

/**
 * Stores one feedback form exactly once: by its client id, and (for a named form) once per
 * person and session — sending it again is a duplicate, not a second vote.
 */
async function storeFeedback(tx: DbOrTx, options: { programmeId: string; sessionId: string; values: FeedbackValues; source: 'self' | 'staff'; recordedBy: string | null }): Promise<'accepted' | 'duplicate'> {
  const { programmeId, sessionId, values, source, recordedBy } = options;
  const inserted = await tx
    .insert(sessionFeedback)
    .values({
      programmeId,
      sessionId,
      personId: values.personId,
      rating: values.rating ?? null,
      recommend: values.recommend ?? null,
      comment: values.comment?.trim() || null,
      source,
      clientId: values.clientId,
      submittedAt: values.submittedAt,
      recordedBy,
    })
    .onConflictDoNothing()
    .returning({ id: sessionFeedback.id });
  const outcome = inserted.length ? 'accepted' : 'duplicate';
  if (outcome === 'accepted') await recordAudit(tx, { actorUserId: recordedBy, action: 'feedback.submit', entityType: 'session', entityId: sessionId, programmeId, details: { source, named: Boolean(values.personId) } });
  return outcome;
}

/** A paper feedback form typed in by the session's trainer (or an organiser). */
export async function recordSessionFeedback(options: {
  db: Db;
  actor: SessionActor;
  sessionId: string;
  input: { clientId: string; personId?: string; rating?: number | null; recommend?: number | null; comment?: string | null; submittedAt?: string };
  locale: Locale;
}) {
  const { db, actor, sessionId, input, locale } = options;
  return db.transaction(async (tx) => {
    const { session } = await authorizeSession(tx, actor, sessionId, 'feedback.record');
    if (input.personId && !(await isEnrolled(tx, session.programmeId, input.personId))) throw new AppError('validation', 'errors.validation', { fields: { personId: 'errors.roster.not_enrolled' } });
    const outcome = await storeFeedback(tx, {
      programmeId: session.programmeId,
      sessionId,
      values: { ...input, personId: input.personId ?? null, submittedAt: input.submittedAt ? new Date(input.submittedAt) : new Date() },
      source: 'staff',
      recordedBy: actor.userId,
    });
    return { outcome, message: translate(locale, `feedback.${outcome}`) };
  });
}

/** Feedback from the participant's own link: only for a session of their programme that they attended or were booked on. */
export async function submitParticipantFeedback(options: {
  db: Db;
  identity: { personId: string; programmeId: string };
  input: { clientId: string; sessionId: string; rating?: number | null; recommend?: number | null; comment?: string | null };
  locale: Locale;
}) {
  const { db, identity, input, locale } = options;
  return db.transaction(async (tx) => {
    const [session] = await tx.select({ id: trainingSession.id, programmeId: trainingSession.programmeId }).from(trainingSession).where(eq(trainingSession.id, input.sessionId));
    const [present] = session
      ? await tx
          .select({ one: sql`1` })
          .from(attendance)
          .where(and(eq(attendance.programmeId, identity.programmeId), eq(attendance.sessionId, input.sessionId), eq(attendance.personId, identity.personId)))
      : [];
    const [booked] = session && !present ? await tx.select({ one: sql`1` }).from(sessionParticipant).where(and(eq(sessionParticipant.sessionId, input.sessionId), eq(sessionParticipant.personId, identity.personId))) : [];
    if (!session || session.programmeId !== identity.programmeId || (!present && !booked)) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'session' } });
    const outcome = await storeFeedback(tx, { programmeId: identity.programmeId, sessionId: input.sessionId, values: { ...input, personId: identity.personId, submittedAt: new Date() }, source: 'self', recordedBy: null });
    return { outcome, message: translate(locale, `feedback.${outcome}`) };
  });
}

async function answersOf(db: DbOrTx, where: ReturnType<typeof and>) {
  return db
    .select({ sessionId: sessionFeedback.sessionId, rating: sessionFeedback.rating, recommend: sessionFeedback.recommend, comment: sessionFeedback.comment, submittedAt: sessionFeedback.submittedAt })
    .from(sessionFeedback)
    .where(where)
    .orderBy(asc(sessionFeedback.submittedAt));
}

/** A session's feedback: the summary (rating, NPS) and the comments (not for viewers). */
export async function getSessionFeedback(options: { db: Db; actor: SessionActor; sessionId: string }) {
  const { db, actor, sessionId } = options;
  const { session } = await authorizeSession(db, actor, sessionId, 'session.read');
  const answers = await answersOf(db, and(eq(sessionFeedback.programmeId, session.programmeId), eq(sessionFeedback.sessionId, sessionId)));
  return {
    sessionId,
    summary: summariseFeedback(answers),
    comments:
      actor.role === 'viewer'
        ? null
        : answers.filter((a) => a.comment).map((a) => ({ comment: a.comment as string, rating: a.rating, recommend: a.recommend, submittedAt: a.submittedAt.toISOString() })),
  };
}

/** The programme's feedback overall and per session (figures only). */
export async function programmeFeedback(options: { db: Db; actor: SessionActor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const answers = await answersOf(db, and(eq(sessionFeedback.programmeId, programmeId), isNotNull(sessionFeedback.sessionId)));
  const sessions = await db
    .select({ id: trainingSession.id, title: trainingSession.title, startsAt: trainingSession.startsAt })
    .from(trainingSession)
    .where(and(eq(trainingSession.programmeId, programmeId), sql`exists (select 1 from ${sessionFeedback} f where f.session_id = ${trainingSession.id})`))
    .orderBy(asc(trainingSession.startsAt));
  return {
    overall: summariseFeedback(answers),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), summary: summariseFeedback(answers.filter((a) => a.sessionId === s.id)) })),
  };
}
