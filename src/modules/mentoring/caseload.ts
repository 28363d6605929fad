import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/client.ts';
import { appUser, enrolment, mentorCaseload, mentoringVisit, msme, msmeMilestone, person, programme, userProgramme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { authorizeProgramme, visibleProgrammes } from '../programmes/access.ts';
import { decryptPhone } from '../personal-data/values.ts';
import type { CaseloadInput } from './schema.ts';

/** Assigns MSMEs of the programme to a mentor (an active trainer account, made a member of the programme). */
export async function assignCaseload(options: { db: Db; actor: SessionActor; programmeId: string; input: CaseloadInput }) {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'mentoring.manage');
    const [mentor] = await tx.select({ id: appUser.id }).from(appUser).where(and(eq(appUser.id, input.mentorUserId), eq(appUser.role, 'trainer'), eq(appUser.active, true)));
    if (!mentor) throw new AppError('validation', 'errors.validation', { fields: { mentorUserId: 'errors.field.trainerUnknown' } });
    await tx.insert(userProgramme).values({ userId: mentor.id, programmeId }).onConflictDoNothing();
    const ids = [...new Set(input.msmeIds)];
    const enrolled = new Set(
      (await tx.select({ id: enrolment.msmeId }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), inArray(enrolment.msmeId, ids)))).map((r) => r.id),
    );
    const current = await tx
      .select({ msmeId: mentorCaseload.msmeId, endedAt: mentorCaseload.endedAt })
      .from(mentorCaseload)
      .where(and(eq(mentorCaseload.programmeId, programmeId), eq(mentorCaseload.mentorUserId, mentor.id), inArray(mentorCaseload.msmeId, ids)));
    const active = new Set(current.filter((r) => !r.endedAt).map((r) => r.msmeId));
    const added: string[] = [];
    const already: string[] = [];
    const notEnrolled: string[] = [];
    for (const id of ids) {
      if (!enrolled.has(id)) notEnrolled.push(id);
      else if (active.has(id)) already.push(id);
      else added.push(id);
    }
    if (added.length) {
      await tx
        .insert(mentorCaseload)
        .values(added.map((msmeId) => ({ programmeId, mentorUserId: mentor.id, msmeId, assignedBy: actor.userId })))
        .onConflictDoUpdate({ target: [mentorCaseload.programmeId, mentorCaseload.mentorUserId, mentorCaseload.msmeId], set: { endedAt: null, assignedAt: new Date(), assignedBy: actor.userId } });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: 'caseload.assign', entityType: 'caseload', entityId: mentor.id, programmeId, details: { added, already: already.length, notEnrolled: notEnrolled.length } });
    return { added, already, notEnrolled };
  });
}

export async function endCaseload(options: { db: Db; actor: SessionActor; programmeId: string; input: CaseloadInput }) {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'mentoring.manage');
    const ended = await tx
      .update(mentorCaseload)
      .set({ endedAt: new Date() })
      .where(and(eq(mentorCaseload.programmeId, programmeId), eq(mentorCaseload.mentorUserId, input.mentorUserId), inArray(mentorCaseload.msmeId, input.msmeIds), isNull(mentorCaseload.endedAt)))
      .returning({ msmeId: mentorCaseload.msmeId });
    await recordAudit(tx, { actorUserId: actor.userId, action: 'caseload.end', entityType: 'caseload', entityId: input.mentorUserId, programmeId, details: { ended: ended.map((r) => r.msmeId) } });
    return { ended: ended.length };
  });
}

const visitStats = sql`(select count(*)::int from ${mentoringVisit} v where v.programme_id = ${mentorCaseload.programmeId} and v.msme_id = ${mentorCaseload.msmeId})`;
const lastVisit = sql<string | null>`(select max(v.visited_on)::text from ${mentoringVisit} v where v.programme_id = ${mentorCaseload.programmeId} and v.msme_id = ${mentorCaseload.msmeId})`;

/** The active caseloads of a programme (organisers). */
export async function listCaseloads(options: { db: Db; actor: SessionActor; programmeId: string; mentorUserId?: string }) {
  const { db, actor, programmeId, mentorUserId } = options;
  await authorizeProgramme(db, actor, programmeId, 'mentoring.manage');
  const rows = await db
    .select({ caseload: mentorCaseload, mentorName: appUser.name, msme, ownerName: person.name, visits: visitStats, lastVisitOn: lastVisit })
    .from(mentorCaseload)
    .innerJoin(appUser, eq(appUser.id, mentorCaseload.mentorUserId))
    .innerJoin(msme, eq(msme.id, mentorCaseload.msmeId))
    .innerJoin(person, eq(person.id, msme.ownerPersonId))
    .where(and(eq(mentorCaseload.programmeId, programmeId), isNull(mentorCaseload.endedAt), mentorUserId ? eq(mentorCaseload.mentorUserId, mentorUserId) : undefined))
    .orderBy(asc(appUser.name), asc(msme.businessName))
    .limit(5000);
  return {
    items: rows.map((r) => ({
      mentor: { id: r.caseload.mentorUserId, name: r.mentorName },
      msmeId: r.msme.id,
      businessName: r.msme.businessName,
      ownerName: r.ownerName,
      sector: r.msme.sector,
      regencyCode: r.msme.regencyCode,
      maturityLevel: r.msme.maturityLevel,
      assignedAt: r.caseload.assignedAt.toISOString(),
      visits: Number(r.visits),
      lastVisitOn: r.lastVisitOn,
    })),
  };
}

/** The caller's own caseload across the programmes they see: the trainer app's mentoring list (works offline from it). */
export async function listMyCaseload(options: { db: Db; actor: SessionActor }) {
  const { db, actor } = options;
  const rows = await db
    .select({ caseload: mentorCaseload, programme: { id: programme.id, code: programme.code, name: programme.name }, msme, owner: { id: person.id, name: person.name, phoneCipher: person.phoneCipher }, lastVisitOn: lastVisit })
    .from(mentorCaseload)
    .innerJoin(programme, eq(programme.id, mentorCaseload.programmeId))
    .innerJoin(msme, eq(msme.id, mentorCaseload.msmeId))
    .innerJoin(person, eq(person.id, msme.ownerPersonId))
    .where(and(eq(mentorCaseload.mentorUserId, actor.userId), isNull(mentorCaseload.endedAt), visibleProgrammes(actor)))
    .orderBy(asc(programme.code), asc(msme.businessName))
    .limit(5000);
  const milestones = rows.length
    ? await db
        .select({ programmeId: msmeMilestone.programmeId, msmeId: msmeMilestone.msmeId, kind: msmeMilestone.kind, status: msmeMilestone.status })
        .from(msmeMilestone)
        .where(inArray(msmeMilestone.msmeId, [...new Set(rows.map((r) => r.msme.id))]))
        .orderBy(desc(msmeMilestone.updatedAt))
    : [];
  return {
    items: rows.map((r) => ({
      programme: r.programme,
      msmeId: r.msme.id,
      businessName: r.msme.businessName,
      ownerName: r.owner.name,
      ownerPersonId: r.owner.id,
      sector: r.msme.sector,
      regencyCode: r.msme.regencyCode,
      maturityLevel: r.msme.maturityLevel,
      phone: decryptPhone(r.owner.phoneCipher),
      address: r.msme.address,
      lastVisitOn: r.lastVisitOn,
      milestones: milestones.filter((m) => m.msmeId === r.msme.id && m.programmeId === r.programme.id).map((m) => ({ kind: m.kind, status: m.status })),
    })),
  };
}
