import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { renderTemplate } from '../../core/message-template.ts';
import { createSurveyToken, readSurveyToken, type OutcomeAnswer, type SurveyPhase } from '../../core/outcome-survey.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { contactOptOut, enrolment, msme, outboxMessage, outcomeInvite, outcomeResponse, outcomeSurvey, person, programme } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/service.ts';
import { addressFor, LINK_SLOT } from '../campaigns/send-campaign.ts';
import { authorizeMsme } from '../mentoring/access.ts';
import type { Channel } from '../outbox/adapters.ts';
import type { OutboxRow, Personalise, PersonalisedText } from '../outbox/worker.ts';
import { authorizeProgramme } from '../programmes/access.ts';

/** Outbox messages of survey invitations carry this idempotency-key prefix and the invitation id as recipient. */
export const INVITE_KEY_PREFIX = 'outcome-invite-';

export const DEFAULT_SURVEY_TEMPLATE = [
  'Halo {{nama}},',
  '',
  'Bagaimana kabar usaha Anda, {{usaha}}? Mohon isi survei singkat (2 menit) tentang omzet, penjualan daring dan pekerja Anda:',
  '{{tautan}}',
  '',
  'Jawaban Anda membantu program mengukur hasilnya. Terima kasih.',
].join('\n');

export type SurveyRoundView = {
  id: string;
  phase: SurveyPhase;
  channel: Channel;
  expiresAt: string;
  sentAt: string | null;
  /** MSMEs the round was sent to (reachable, not opted out). */
  invited: number;
  skipped: number;
  answered: number;
  /** answered ÷ invited, percent (one decimal); null before anyone was invited. */
  responseRate: number | null;
};

async function roundViews(db: DbOrTx, programmeId: string): Promise<SurveyRoundView[]> {
  const rows = await db
    .select({
      s: outcomeSurvey,
      invited: sql<number>`count(${outcomeInvite.id}) filter (where ${outcomeInvite.skipReason} is null)::int`,
      skipped: sql<number>`count(${outcomeInvite.id}) filter (where ${outcomeInvite.skipReason} is not null)::int`,
      answered: sql<number>`count(${outcomeInvite.id}) filter (where ${outcomeInvite.answeredAt} is not null)::int`,
    })
    .from(outcomeSurvey)
    .leftJoin(outcomeInvite, eq(outcomeInvite.surveyId, outcomeSurvey.id))
    .where(eq(outcomeSurvey.programmeId, programmeId))
    .groupBy(outcomeSurvey.id)
    .orderBy(asc(outcomeSurvey.createdAt));
  return rows.map(({ s, invited, skipped, answered }) => ({
    id: s.id,
    phase: s.phase,
    channel: s.channel,
    expiresAt: s.expiresAt.toISOString(),
    sentAt: s.sentAt?.toISOString() ?? null,
    invited: Number(invited),
    skipped: Number(skipped),
    answered: Number(answered),
    responseRate: Number(invited) > 0 ? Math.round((1000 * Number(answered)) / Number(invited)) / 10 : null,
  }));
}

export async function listSurveyRounds(options: { db: DbOrTx; actor: Actor; programmeId: string }) {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'outcome.manage');
  return { items: await roundViews(options.db, options.programmeId) };
}

/**
 * Sends a survey round (baseline, endline or six months after) to every MSME enrolled in the
 * programme (its enrolled owner; withdrawn enrolments and opted-out people left out) as one
 * outbox message each with a personal link. Sending a phase again reaches MSMEs enrolled since
 * and moves the expiry: invitations and messages are unique, so nobody gets a second message.
 */
export async function sendSurveyRound(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  linkBase: string;
  input: { phase: SurveyPhase; channel: Channel; template?: string | null; expiresOn: string };
}): Promise<SurveyRoundView> {
  const { db, actor, programmeId, input } = options;
  const p = await authorizeProgramme(db, actor, programmeId, 'outcome.manage');
  // Links work to the end of the chosen day in WIB.
  const expiresAt = new Date(`${input.expiresOn}T23:59:59+07:00`);
  if (expiresAt.getTime() <= Date.now()) throw new AppError('validation', 'errors.validation', { fields: { expiresOn: 'errors.outcomeSurvey.expiryPast' } });
  const template = input.template?.trim() || DEFAULT_SURVEY_TEMPLATE;
  if (!template.includes(LINK_SLOT)) throw new AppError('validation', 'errors.validation', { fields: { template: 'errors.outcomeSurvey.templateNeedsLink' }, params: { tautan: LINK_SLOT } });
  return db.transaction(async (tx) => {
    const [survey] = await tx
      .insert(outcomeSurvey)
      .values({ programmeId, phase: input.phase, channel: input.channel, template, linkBase: options.linkBase, expiresAt, createdBy: actor.userId, sentAt: new Date() })
      .onConflictDoUpdate({ target: [outcomeSurvey.programmeId, outcomeSurvey.phase], set: { expiresAt, template, channel: input.channel, linkBase: options.linkBase, sentAt: new Date() } })
      .returning();
    if (!survey) throw new Error('upsert returned no row');
    const address = addressFor(survey.channel);
    const optedOut = sql`exists (select 1 from ${contactOptOut} where ${contactOptOut.personId} = ${enrolment.personId})`;
    await tx.execute(sql`
      insert into ${outcomeInvite} (id, programme_id, survey_id, msme_id, person_id, address, skip_reason)
      select distinct on (${enrolment.msmeId}) gen_random_uuid(), ${programmeId}::uuid, ${survey.id}::uuid, ${enrolment.msmeId}, ${enrolment.personId}, ${address},
             case when ${optedOut} then 'opted_out'::recipient_skip when ${address} is null then 'no_address'::recipient_skip end
      from ${enrolment} join ${person} on ${person.id} = ${enrolment.personId}
      where ${enrolment.programmeId} = ${programmeId} and ${enrolment.msmeId} is not null and ${enrolment.status} <> 'withdrawn'
      order by ${enrolment.msmeId}, ${enrolment.seq}
      on conflict (survey_id, msme_id) do nothing`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await tx
        .select({ id: outcomeInvite.id, address: outcomeInvite.address, name: person.name, businessName: msme.businessName })
        .from(outcomeInvite)
        .innerJoin(person, eq(person.id, outcomeInvite.personId))
        .innerJoin(msme, eq(msme.id, outcomeInvite.msmeId))
        .where(and(eq(outcomeInvite.surveyId, survey.id), isNull(outcomeInvite.skipReason), isNull(outcomeInvite.answeredAt), gt(outcomeInvite.id, after)))
        .orderBy(asc(outcomeInvite.id))
        .limit(1000);
      if (rows.length === 0) break;
      await tx
        .insert(outboxMessage)
        .values(
          rows.map((r) => ({
            programmeId,
            recipientId: r.id,
            channel: survey.channel,
            address: r.address ?? '',
            subject: survey.channel === 'email' ? `Survei hasil usaha — ${p.name}` : null,
            body: renderTemplate(template, { nama: r.name, usaha: r.businessName, sesi: p.name, tanggal: '', tempat: '', tautan: LINK_SLOT }),
            idempotencyKey: `${INVITE_KEY_PREFIX}${r.id}`,
          })),
        )
        .onConflictDoNothing();
      after = rows.at(-1)?.id ?? after;
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: 'outcome_survey.send', entityType: 'outcome_survey', entityId: survey.id, programmeId, details: { phase: input.phase } });
    const [view] = (await roundViews(tx, programmeId)).filter((r) => r.id === survey.id);
    if (!view) throw new Error('survey vanished');
    return view;
  });
}

/**
 * Signs the personal survey link into an invitation's message when the outbox hands it to the
 * provider (no live token is stored); every other message goes to `next` (campaigns).
 */
export function surveyPersonaliser(secret: string, next: Personalise): Personalise {
  return async (db: DbOrTx, row: OutboxRow): Promise<PersonalisedText> => {
    if (!row.idempotencyKey.startsWith(INVITE_KEY_PREFIX) || !row.recipientId) return next(db, row);
    const [s] = await db
      .select({ linkBase: outcomeSurvey.linkBase, expiresAt: outcomeSurvey.expiresAt })
      .from(outcomeInvite)
      .innerJoin(outcomeSurvey, eq(outcomeSurvey.id, outcomeInvite.surveyId))
      .where(eq(outcomeInvite.id, row.recipientId));
    if (!s) throw new Error('survey invitation not found');
    const link = surveyLink(secret, s.linkBase, row.recipientId, s.expiresAt);
    return { subject: row.subject?.replaceAll(LINK_SLOT, link) ?? null, body: row.body.replaceAll(LINK_SLOT, link) };
  };
}

/** `<base>/survei#<token>`: a URL fragment never reaches a server or its logs. */
export function surveyLink(secret: string, linkBase: string, inviteId: string, expiresAt: Date): string {
  return `${linkBase.replace(/\/+$/, '')}/survei#${createSurveyToken(secret, { inviteId, expiresAt })}`;
}

type OpenedInvite = { inviteId: string; programmeId: string; msmeId: string; personId: string; phase: SurveyPhase; programmeName: string; businessName: string; answeredAt: Date | null };

/** The invitation behind a link; tampered, expired (by the link or by its round) and already-answered links are refused with their own message. */
async function openInvite(db: DbOrTx, secret: string, token: string, options: { allowAnswered: boolean }): Promise<OpenedInvite> {
  const read = readSurveyToken(secret, token);
  if (!read.ok) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.invalid' } });
  if (read.expired) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.expired' } });
  const [row] = await db
    .select({
      inviteId: outcomeInvite.id,
      programmeId: outcomeInvite.programmeId,
      msmeId: outcomeInvite.msmeId,
      personId: outcomeInvite.personId,
      phase: outcomeSurvey.phase,
      expiresAt: outcomeSurvey.expiresAt,
      programmeName: programme.name,
      businessName: msme.businessName,
      answeredAt: outcomeInvite.answeredAt,
    })
    .from(outcomeInvite)
    .innerJoin(outcomeSurvey, eq(outcomeSurvey.id, outcomeInvite.surveyId))
    .innerJoin(programme, eq(programme.id, outcomeInvite.programmeId))
    .innerJoin(msme, eq(msme.id, outcomeInvite.msmeId))
    .where(eq(outcomeInvite.id, read.inviteId));
  if (!row) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.invalid' } });
  // Links already sent carry the expiry of their day; a round sent again with an earlier expiry ends them too.
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError('validation', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.expired' } });
  if (!options.allowAnswered && row.answeredAt) throw new AppError('conflict', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.used' } });
  return row;
}

/** What the phone page shows before the form: whose survey and which phase (no personal data beyond the business name). */
export async function openSurvey(options: { db: DbOrTx; secret: string; token: string }) {
  const invite = await openInvite(options.db, options.secret, options.token, { allowAnswered: true });
  return { programme: invite.programmeName, businessName: invite.businessName, phase: invite.phase, answered: invite.answeredAt !== null, asksNewHires: invite.phase !== 'baseline' };
}

async function storeResponse(db: DbOrTx, values: { programmeId: string; msmeId: string; personId: string | null; phase: SurveyPhase; inviteId: string | null; source: 'link' | 'mentor'; recordedBy: string | null; answer: OutcomeAnswer }) {
  const { answer } = values;
  const [row] = await db
    .insert(outcomeResponse)
    .values({
      programmeId: values.programmeId,
      msmeId: values.msmeId,
      personId: values.personId,
      phase: values.phase,
      inviteId: values.inviteId,
      revenueBand: answer.revenueBand,
      onlineSharePercent: answer.onlineSharePercent,
      workersPaid: answer.workersPaid,
      workersUnpaid: answer.workersUnpaid,
      workersWomen: answer.workersWomen,
      // Hires "since baseline" mean nothing at baseline.
      newHires: values.phase === 'baseline' ? null : answer.newHires,
      platforms: [...new Set(answer.platforms)],
      source: values.source,
      recordedBy: values.recordedBy,
    })
    .onConflictDoNothing()
    .returning({ id: outcomeResponse.id });
  return row ?? null;
}

/**
 * The participant's answer through their link. Stored at most once: the invitation is marked
 * answered in the same transaction, and an answer already entered for the phase (by a mentor,
 * say) makes the link "already answered" too.
 */
export async function answerSurvey(options: { db: DbOrTx; secret: string; token: string; answer: OutcomeAnswer }) {
  const { db } = options;
  return db.transaction(async (tx) => {
    const invite = await openInvite(tx, options.secret, options.token, { allowAnswered: false });
    const claimed = await tx
      .update(outcomeInvite)
      .set({ answeredAt: new Date() })
      .where(and(eq(outcomeInvite.id, invite.inviteId), isNull(outcomeInvite.answeredAt)))
      .returning({ id: outcomeInvite.id });
    if (claimed.length === 0) throw new AppError('conflict', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.used' } });
    const stored = await storeResponse(tx, { programmeId: invite.programmeId, msmeId: invite.msmeId, personId: invite.personId, phase: invite.phase, inviteId: invite.inviteId, source: 'link', recordedBy: null, answer: options.answer });
    if (!stored) throw new AppError('conflict', 'errors.validation', { fields: { token: 'errors.outcomeSurvey.used' } });
    return { phase: invite.phase, stored: true as const };
  });
}

/** An answer entered by a mentor (their caseload) or an organiser, e.g. from a visit or a phone call. */
export async function recordResponse(options: { db: DbOrTx; actor: Actor; programmeId: string; msmeId: string; phase: SurveyPhase; answer: OutcomeAnswer }) {
  const { db, actor, programmeId, msmeId, phase } = options;
  const { msme: m } = await authorizeMsme(db, actor, programmeId, msmeId, 'outcome.record');
  return db.transaction(async (tx) => {
    const stored = await storeResponse(tx, { programmeId, msmeId, personId: m.ownerPersonId, phase, inviteId: null, source: 'mentor', recordedBy: actor.userId, answer: options.answer });
    if (!stored) throw new AppError('conflict', 'errors.validation', { fields: { phase: 'errors.outcomeSurvey.phaseAnswered' } });
    // A link sent for the same phase is spent: the phase is answered.
    await tx.execute(sql`update ${outcomeInvite} set answered_at = now() from ${outcomeSurvey}
      where ${outcomeSurvey.id} = ${outcomeInvite.surveyId} and ${outcomeSurvey.programmeId} = ${programmeId} and ${outcomeSurvey.phase} = ${phase}
        and ${outcomeInvite.msmeId} = ${msmeId} and ${outcomeInvite.answeredAt} is null`);
    await recordAudit(tx, { actorUserId: actor.userId, action: 'outcome_response.record', entityType: 'msme', entityId: msmeId, programmeId, details: { phase } });
    return { id: stored.id, phase };
  });
}

/**
 * An MSME's personal link for a phase already sent, signed afresh (nothing stored): for a mentor
 * to show on a visit or send by hand. Mentors only for their caseload.
 */
export async function surveyLinkFor(options: { db: DbOrTx; actor: Actor; secret: string; linkBase: string; programmeId: string; msmeId: string; phase: SurveyPhase }) {
  const { db, actor, programmeId, msmeId, phase } = options;
  await authorizeMsme(db, actor, programmeId, msmeId, 'outcome.record');
  const [row] = await db
    .select({ inviteId: outcomeInvite.id, expiresAt: outcomeSurvey.expiresAt, answeredAt: outcomeInvite.answeredAt })
    .from(outcomeInvite)
    .innerJoin(outcomeSurvey, eq(outcomeSurvey.id, outcomeInvite.surveyId))
    .where(and(eq(outcomeSurvey.programmeId, programmeId), eq(outcomeSurvey.phase, phase), eq(outcomeInvite.msmeId, msmeId)));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'survey' } });
  return { url: surveyLink(options.secret, options.linkBase, row.inviteId, row.expiresAt), expiresAt: row.expiresAt.toISOString(), answered: row.answeredAt !== null };
}
