import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { buildCascadeTree } from '../../core/cascade.ts';
import { ONBOARDED_LEVEL } from '../../core/maturity.ts';
import { utcToLocal } from '../../core/time-zone.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { appUser, attendance, enrolment, organisation, person, sessionTrainer, trainerCertification, trainingSession, userProgramme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { translate, type Locale } from '../../server/i18n.ts';
import { recordAudit } from '../audit/service.ts';
import { completedPeopleSql } from '../certificates/completion.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { authorizeSession } from '../sessions/access.ts';
import { isEnrolled } from '../trainees/service.ts';
import type { CascadeView, CertifyTrainersInput, CreateCertificationInput, UpdateCertificationInput } from './schema.ts';
import { rowsOf } from '../../db/rows.ts';

type CertificationRow = typeof trainerCertification.$inferSelect;

function view(row: CertificationRow) {
  return {
    id: row.id,
    programmeId: row.programmeId,
    personId: row.personId,
    userId: row.userId,
    organisationId: row.organisationId,
    parentId: row.parentId,
    totSessionId: row.totSessionId,
    certifiedOn: row.certifiedOn,
  };
}

function fieldError(field: string, key: string): AppError {
  return new AppError('validation', 'errors.validation', { fields: { [field]: key } });
}

const today = () => utcToLocal(new Date(), 'Asia/Jakarta').slice(0, 10);

/** An active account with the trainer role; it becomes a member of the programme (it will run sessions there). */
async function assertTrainerAccount(tx: DbOrTx, programmeId: string, userId: string, field: string): Promise<void> {
  const [row] = await tx.select({ id: appUser.id }).from(appUser).where(and(eq(appUser.id, userId), eq(appUser.role, 'trainer'), eq(appUser.active, true)));
  if (!row) throw fieldError(field, 'errors.field.trainerUnknown');
  await tx.insert(userProgramme).values({ userId, programmeId }).onConflictDoNothing();
}

async function assertAccountFree(tx: DbOrTx, programmeId: string, userId: string, field: string, except?: string): Promise<void> {
  const [taken] = await tx.select({ id: trainerCertification.id }).from(trainerCertification).where(and(eq(trainerCertification.programmeId, programmeId), eq(trainerCertification.userId, userId)));
  if (taken && taken.id !== except) throw fieldError(field, 'errors.cascade.accountLinked');
}

/** Records a master trainer (no parent) or a trainer certified outside a ToT session of the programme. */
export async function createCertification(options: { db: Db; actor: SessionActor; programmeId: string; input: CreateCertificationInput }) {
  const { db, actor, programmeId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'trainer.certify');
    if (!(await isEnrolled(tx, programmeId, input.personId))) throw fieldError('personId', 'errors.roster.not_enrolled');
    const [existing] = await tx.select({ id: trainerCertification.id }).from(trainerCertification).where(and(eq(trainerCertification.programmeId, programmeId), eq(trainerCertification.personId, input.personId)));
    if (existing) throw new AppError('conflict', 'errors.cascade.alreadyCertified');
    if (input.parentId) {
      const [parent] = await tx.select({ id: trainerCertification.id }).from(trainerCertification).where(and(eq(trainerCertification.id, input.parentId), eq(trainerCertification.programmeId, programmeId)));
      if (!parent) throw fieldError('parentId', 'errors.cascade.parentUnknown');
    }
    if (input.userId) {
      await assertTrainerAccount(tx, programmeId, input.userId, 'userId');
      await assertAccountFree(tx, programmeId, input.userId, 'userId');
    }
    if (input.organisationId) {
      const [org] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, input.organisationId));
      if (!org) throw fieldError('organisationId', 'errors.field.organisationUnknown');
    }
    const [row] = await tx
      .insert(trainerCertification)
      .values({ programmeId, personId: input.personId, userId: input.userId ?? null, organisationId: input.organisationId ?? null, parentId: input.parentId ?? null, certifiedOn: input.certifiedOn ?? today(), recordedBy: actor.userId })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'trainer.certify', entityType: 'trainer_certification', entityId: row.id, programmeId, details: { personId: row.personId, parentId: row.parentId, userId: row.userId } });
    return view(row);
  });
}

/** Links (or unlinks) a certified trainer's account, or changes their organisation. */
export async function updateCertification(options: { db: Db; actor: SessionActor; programmeId: string; certificationId: string; input: UpdateCertificationInput }) {
  const { db, actor, programmeId, certificationId, input } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'trainer.certify');
    const [current] = await tx.select().from(trainerCertification).where(and(eq(trainerCertification.id, certificationId), eq(trainerCertification.programmeId, programmeId)));
    if (!current) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'certification' } });
    if (input.userId) {
      await assertTrainerAccount(tx, programmeId, input.userId, 'userId');
      await assertAccountFree(tx, programmeId, input.userId, 'userId', certificationId);
    }
    const [row] = await tx
      .update(trainerCertification)
      .set({ ...(input.userId !== undefined ? { userId: input.userId } : {}), ...(input.organisationId !== undefined ? { organisationId: input.organisationId } : {}), updatedAt: new Date() })
      .where(eq(trainerCertification.id, certificationId))
      .returning();
    if (!row) throw new Error('update returned no row');
    await recordAudit(tx, { actorUserId: actor.userId, action: 'trainer.update', entityType: 'trainer_certification', entityId: row.id, programmeId, details: { fields: Object.keys(input) } });
    return view(row);
  });
}

/**
 * Certifies attendees of a ToT session as trainers. Their certification hangs under the
 * session's trainer (their own certification in the programme), which makes the cascade: a
 * trainer's sessions record who trained them through this link.
 */
export async function certifyTrainers(options: { db: Db; actor: SessionActor; sessionId: string; input: CertifyTrainersInput; locale: Locale }) {
  const { db, actor, sessionId, input, locale } = options;
  return db.transaction(async (tx) => {
    const { session } = await authorizeSession(tx, actor, sessionId, 'trainer.certify');
    const programmeId = session.programmeId;
    if (session.kind !== 'tot') throw new AppError('conflict', 'errors.cascade.notTot', { params: { title: session.title } });
    if (session.status === 'cancelled') throw new AppError('conflict', 'errors.session.closed', { params: { title: session.title } });
    // The certifying trainer: one of the session's trainers who is certified in the programme.
    const certifiedTrainers = await tx
      .select({ id: trainerCertification.id, userId: trainerCertification.userId })
      .from(sessionTrainer)
      .innerJoin(trainerCertification, and(eq(trainerCertification.programmeId, programmeId), eq(trainerCertification.userId, sessionTrainer.userId)))
      .where(eq(sessionTrainer.sessionId, sessionId));
    let parentId: string | null = null;
    if (input.certifiedByUserId) {
      const chosen = certifiedTrainers.find((t) => t.userId === input.certifiedByUserId);
      if (!chosen) throw fieldError('certifiedByUserId', 'errors.cascade.notSessionTrainer');
      parentId = chosen.id;
    } else if (certifiedTrainers.length > 1) {
      throw fieldError('certifiedByUserId', 'errors.cascade.whichTrainer');
    } else parentId = certifiedTrainers[0]?.id ?? null;

    const personIds = [...new Set(input.personIds)];
    const attended = new Set(
      (await tx.select({ personId: attendance.personId }).from(attendance).where(and(eq(attendance.programmeId, programmeId), eq(attendance.sessionId, sessionId), inArray(attendance.personId, personIds)))).map((r) => r.personId),
    );
    const enrolled = new Set((await tx.select({ personId: enrolment.personId }).from(enrolment).where(and(eq(enrolment.programmeId, programmeId), inArray(enrolment.personId, personIds)))).map((r) => r.personId));
    const existing = new Set(
      (await tx.select({ personId: trainerCertification.personId }).from(trainerCertification).where(and(eq(trainerCertification.programmeId, programmeId), inArray(trainerCertification.personId, personIds)))).map((r) => r.personId),
    );
    const accounts = new Map(input.accounts.map((a) => [a.personId, a.userId]));
    const certified: { personId: string; certificationId: string }[] = [];
    const alreadyCertified: string[] = [];
    const refused: { personId: string; reason: 'not_attended' | 'not_enrolled'; message: string }[] = [];
    for (const [index, personId] of personIds.entries()) {
      if (existing.has(personId)) alreadyCertified.push(personId);
      else if (!enrolled.has(personId)) refused.push({ personId, reason: 'not_enrolled', message: translate(locale, 'errors.roster.not_enrolled') });
      else if (!attended.has(personId)) refused.push({ personId, reason: 'not_attended', message: translate(locale, 'errors.cascade.not_attended', { title: session.title }) });
      else {
        const userId = accounts.get(personId) ?? null;
        if (userId) {
          await assertTrainerAccount(tx, programmeId, userId, `accounts.${index}.userId`);
          await assertAccountFree(tx, programmeId, userId, `accounts.${index}.userId`);
        }
        const [row] = await tx
          .insert(trainerCertification)
          .values({ programmeId, personId, userId, parentId, totSessionId: sessionId, certifiedOn: input.certifiedOn ?? utcToLocal(session.endsAt, 'Asia/Jakarta').slice(0, 10), recordedBy: actor.userId })
          .returning({ id: trainerCertification.id });
        if (!row) throw new Error('insert returned no row');
        certified.push({ personId, certificationId: row.id });
      }
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'trainer.certify_tot',
      entityType: 'session',
      entityId: sessionId,
      programmeId,
      details: { parentId, certified: certified.map((c) => c.certificationId), already: alreadyCertified.length, refused: refused.length },
    });
    return { certified, alreadyCertified, refused, parentId };
  });
}

type NodeRow = {
  id: string;
  parent_id: string | null;
  person_id: string;
  person_name: string;
  user_id: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  certified_on: string;
  tot_session_id: string | null;
  tot_session_title: string | null;
  own_sessions: number;
  own_participants: number;
  trainers_below: number;
  sessions: number;
  participants: number;
  completed: number;
  onboarded: number;
};


/**
 * The programme's ToT cascade with reach rolled up at every node, in one recursive query (the
 * same on PGlite and PostgreSQL): `closure` pairs every trainer with every trainer below them
 * (themselves included); each node's figures are counted over its closure, distinct, so that a
 * participant reached by two branches counts once where the branches meet.
 */
export async function getCascade(options: { db: Db; actor: SessionActor; programmeId: string }): Promise<CascadeView> {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'cascade.read');
  const completed = await completedPeopleSql(db, programmeId);
  const base = sql`
    node_sessions as (
      select tc.id as node_id, s.id as session_id, s.kind from ${trainerCertification} tc
      join ${sessionTrainer} st on st.user_id = tc.user_id and st.programme_id = ${programmeId}
      join ${trainingSession} s on s.id = st.session_id and s.status <> 'cancelled'
      where tc.programme_id = ${programmeId} and tc.user_id is not null),
    reached as (
      select ns.node_id, a.person_id from node_sessions ns
      join ${attendance} a on a.programme_id = ${programmeId} and a.session_id = ns.session_id
      where ns.kind = 'regular'),
    done as ${completed},
    onboarded as (
      select e.person_id from ${enrolment} e join msme m on m.id = e.msme_id
      where e.programme_id = ${programmeId} and m.maturity_level >= ${ONBOARDED_LEVEL})`;
  const rows = rowsOf<NodeRow>(
    await db.execute(sql`
      with recursive closure(ancestor_id, node_id, depth) as (
        select id, id, 0 from ${trainerCertification} where programme_id = ${programmeId}
        union all
        select c.ancestor_id, t.id, c.depth + 1 from closure c
        join ${trainerCertification} t on t.parent_id = c.node_id and t.programme_id = ${programmeId}
        where c.depth < 100),
      ${base},
      session_reach as (
        select c.ancestor_id, count(distinct ns.session_id)::int as sessions
        from closure c join node_sessions ns on ns.node_id = c.node_id group by c.ancestor_id),
      people_reach as (
        select c.ancestor_id, count(distinct r.person_id)::int as participants,
          count(distinct d.person_id)::int as completed, count(distinct o.person_id)::int as onboarded
        from closure c join reached r on r.node_id = c.node_id
        left join done d on d.person_id = r.person_id
        left join onboarded o on o.person_id = r.person_id
        group by c.ancestor_id),
      below as (select ancestor_id, (count(distinct node_id) - 1)::int as trainers_below from closure group by ancestor_id)
      select t.id, t.parent_id, t.person_id, p.name as person_name, t.user_id, t.organisation_id, org.name as organisation_name,
        t.certified_on::text as certified_on, t.tot_session_id, tot.title as tot_session_title,
        (select count(distinct session_id)::int from node_sessions ns where ns.node_id = t.id) as own_sessions,
        (select count(distinct person_id)::int from reached r where r.node_id = t.id) as own_participants,
        coalesce(b.trainers_below, 0) as trainers_below, coalesce(sr.sessions, 0) as sessions,
        coalesce(pr.participants, 0) as participants, coalesce(pr.completed, 0) as completed, coalesce(pr.onboarded, 0) as onboarded
      from ${trainerCertification} t
      join ${person} p on p.id = t.person_id
      left join ${organisation} org on org.id = t.organisation_id
      left join ${trainingSession} tot on tot.id = t.tot_session_id
      left join below b on b.ancestor_id = t.id
      left join session_reach sr on sr.ancestor_id = t.id
      left join people_reach pr on pr.ancestor_id = t.id
      where t.programme_id = ${programmeId}
      order by t.certified_on, t.created_at, t.id`),
  );
  const [totals] = rowsOf<{ trainers: number; sessions: number; participants: number; completed: number; onboarded: number }>(
    await db.execute(sql`
      with all_sessions as (
        select s.id from ${trainingSession} s where s.programme_id = ${programmeId} and s.status <> 'cancelled'),
      people as (
        select distinct a.person_id from ${attendance} a join ${trainingSession} s on s.id = a.session_id and s.kind = 'regular' and s.status <> 'cancelled'
        where a.programme_id = ${programmeId}),
      done as ${completed},
      onboarded as (
        select e.person_id from ${enrolment} e join msme m on m.id = e.msme_id
        where e.programme_id = ${programmeId} and m.maturity_level >= ${ONBOARDED_LEVEL})
      select (select count(*)::int from ${trainerCertification} where programme_id = ${programmeId}) as trainers,
        (select count(*)::int from all_sessions) as sessions,
        (select count(*)::int from people) as participants,
        (select count(*)::int from people where person_id in (select person_id from done)) as completed,
        (select count(*)::int from people where person_id in (select person_id from onboarded)) as onboarded`),
  );
  const showNames = actor.role !== 'viewer';
  const nodes = rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    trainer: {
      personId: r.person_id,
      name: showNames ? r.person_name : null,
      userId: r.user_id,
      organisation: r.organisation_id && r.organisation_name ? { id: r.organisation_id, name: r.organisation_name } : null,
    },
    certifiedOn: r.certified_on,
    totSession: r.tot_session_id && r.tot_session_title ? { id: r.tot_session_id, title: r.tot_session_title } : null,
    own: { sessions: Number(r.own_sessions), participants: Number(r.own_participants) },
    reach: { trainersCertified: Number(r.trainers_below), sessions: Number(r.sessions), participants: Number(r.participants), completed: Number(r.completed), onboarded: Number(r.onboarded) },
  }));
  let roots = buildCascadeTree(nodes);
  // A trainer sees the branch below their own certification, nothing above or beside it.
  if (actor.role === 'trainer') {
    const mine: typeof roots = [];
    const visit = (list: typeof roots) => {
      for (const n of list) {
        if (n.trainer.userId === actor.userId) mine.push(n);
        else visit(n.children);
      }
    };
    visit(roots);
    roots = mine;
  }
  return {
    roots,
    totals: {
      trainersCertified: Number(totals?.trainers ?? 0),
      sessions: Number(totals?.sessions ?? 0),
      participants: Number(totals?.participants ?? 0),
      completed: Number(totals?.completed ?? 0),
      onboarded: Number(totals?.onboarded ?? 0),
    },
  };
}
