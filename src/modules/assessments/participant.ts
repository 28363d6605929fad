import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { AppError } from '../../core/app-error.ts';
import { verificationUrl } from '../../core/certificate-code.ts';
import { createParticipantToken, readParticipantToken } from '../../core/signed-token.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { attendance, certificate, curriculumModule, enrolment, knowledgeQuestion, person, programme, sessionFeedback, sessionParticipant, sessionTrainer, testAttempt, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { authorizeProgramme } from '../programmes/access.ts';

/** A participant's personal link stays valid for a year: a programme's tests and feedback span months. */
const LINK_DAYS = 365;

export type ParticipantIdentity = { personId: string; programmeId: string; msmeId: string | null };

/** The participant a personal link belongs to; a tampered, expired or withdrawn link is refused. */
export async function participantOf(db: DbOrTx, secret: string, token: string | undefined): Promise<ParticipantIdentity> {
  const read = readParticipantToken(secret, token ?? '');
  if (!read.ok) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.participantLink.invalid' } });
  if (read.expired) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.participantLink.expired' } });
  const [row] = await db
    .select({ msmeId: enrolment.msmeId, status: enrolment.status })
    .from(enrolment)
    .where(and(eq(enrolment.programmeId, read.programmeId), eq(enrolment.personId, read.personId)));
  if (!row || row.status === 'withdrawn') throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.participantLink.invalid' } });
  return { personId: read.personId, programmeId: read.programmeId, msmeId: row.msmeId };
}

/**
 * A participant's personal link (tests, feedback, self-assessment, own certificate) as text,
 * URL and QR code. Organisers make it for anyone in the programme; trainers for the people of
 * the sessions they run (to show the QR at the end of a session).
 */
export async function participantLink(options: { db: Db; secret: string; actor: SessionActor; programmeId: string; personId: string; linkBase: string }) {
  const { db, secret, actor, programmeId, personId } = options;
  await authorizeProgramme(db, actor, programmeId, actor.role === 'trainer' ? 'attendance.record' : 'participant.read');
  const [enrolled] = await db.select({ id: enrolment.id }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), eq(enrolment.personId, personId)));
  let visible = Boolean(enrolled);
  if (visible && actor.role === 'trainer') {
    const mine = sql`(select ${sessionTrainer.sessionId} from ${sessionTrainer} where ${sessionTrainer.userId} = ${actor.userId} and ${sessionTrainer.programmeId} = ${programmeId})`;
    const [onRoster] = await db.select({ one: sql`1` }).from(sessionParticipant).where(and(eq(sessionParticipant.personId, personId), sql`${sessionParticipant.sessionId} in ${mine}`));
    visible = Boolean(onRoster);
  }
  if (!visible) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'participant' } });
  const expiresAt = new Date(Date.now() + LINK_DAYS * 24 * 60 * 60 * 1000);
  const token = createParticipantToken(secret, { personId, programmeId, expiresAt });
  const url = `${options.linkBase.replace(/\/+$/, '')}/peserta#${token}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { personId, programmeId, token, url, svg, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString() };
}

/** What the participant sees on their phone: the tests (without answers), their sessions for feedback, their certificate. */
export async function participantHome(options: { db: Db; identity: ParticipantIdentity }) {
  const { db, identity } = options;
  const { personId, programmeId } = identity;
  const [p] = await db.select({ id: programme.id, code: programme.code, name: programme.name }).from(programme).where(eq(programme.id, programmeId));
  const [who] = await db.select({ name: person.name }).from(person).where(eq(person.id, personId));
  if (!p || !who) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.participantLink.invalid' } });
  const questions = await db
    .select()
    .from(knowledgeQuestion)
    .where(and(eq(knowledgeQuestion.programmeId, programmeId), isNull(knowledgeQuestion.archivedAt)))
    .orderBy(asc(knowledgeQuestion.position), asc(knowledgeQuestion.createdAt));
  const moduleIds = [...new Set(questions.map((q) => q.moduleId))];
  const modules = moduleIds.length ? await db.select().from(curriculumModule).where(inArray(curriculumModule.id, moduleIds)).orderBy(asc(curriculumModule.code)) : [];
  const best = await db
    .select({ moduleId: testAttempt.moduleId, phase: testAttempt.phase, score: sql<number>`max(${testAttempt.score})::float8` })
    .from(testAttempt)
    .where(and(eq(testAttempt.programmeId, programmeId), eq(testAttempt.personId, personId)))
    .groupBy(testAttempt.moduleId, testAttempt.phase);
  const sessions = await db
    .select({ id: trainingSession.id, title: trainingSession.title, startsAt: trainingSession.startsAt, attended: sql<boolean>`${attendance.id} is not null` })
    .from(sessionParticipant)
    .innerJoin(trainingSession, eq(trainingSession.id, sessionParticipant.sessionId))
    .leftJoin(attendance, and(eq(attendance.programmeId, programmeId), eq(attendance.sessionId, sessionParticipant.sessionId), eq(attendance.personId, personId)))
    .where(and(eq(sessionParticipant.personId, personId), eq(sessionParticipant.programmeId, programmeId)))
    .orderBy(desc(trainingSession.startsAt));
  const given = new Set(
    (await db.select({ sessionId: sessionFeedback.sessionId }).from(sessionFeedback).where(and(eq(sessionFeedback.programmeId, programmeId), eq(sessionFeedback.personId, personId)))).map((r) => r.sessionId),
  );
  const [cert] = await db.select().from(certificate).where(and(eq(certificate.programmeId, programmeId), eq(certificate.personId, personId)));
  const bestOf = (moduleId: string, phase: 'pre' | 'post') => {
    const row = best.find((b) => b.moduleId === moduleId && b.phase === phase);
    return row ? Number(row.score) : null;
  };
  return {
    programme: p,
    name: who.name,
    hasBusiness: identity.msmeId !== null,
    tests: modules.map((m) => ({
      module: { id: m.id, code: m.code, title: { id: m.titleId, en: m.titleEn } },
      questions: questions.filter((q) => q.moduleId === m.id).map((q) => ({ id: q.id, kind: q.kind, prompt: { id: q.promptId, en: q.promptEn }, options: q.options })),
      bestPre: bestOf(m.id, 'pre'),
      bestPost: bestOf(m.id, 'post'),
    })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), attended: Boolean(s.attended), feedbackGiven: given.has(s.id) })),
    certificate: cert ? { serial: cert.serial, verificationCode: cert.verificationCode, verifyUrl: verificationUrl(cert.verifyBaseUrl, cert.verificationCode), revoked: cert.revokedAt !== null } : null,
  };
}
