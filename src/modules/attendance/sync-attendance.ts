import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { canOnSession, canSeeProgramme } from '../../core/policy.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { attendance, enrolment, programme, sessionTrainer, syncRejection, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { programmeRelation } from '../programmes/access.ts';
import { ATTENDANCE_METHODS, type AttendanceMethod, type SyncAttendanceResult, type SyncReason, type SyncRecordInput } from './schema.ts';
import { enqueueQualityChecks } from '../quality/service.ts';
import { rowsOf } from '../../db/rows.ts';

const uuid = z.uuid();
const instant = z.iso.datetime({ offset: true });

type ValidRecord = { clientId: string; sessionId: string; personId: string; programmeId: string; method: AttendanceMethod; capturedAt: string };

export type SyncOutcome = SyncAttendanceResult & {
  /** Client ids stored by this call, and those the server already had. */
  acceptedIds: string[];
  duplicateIds: string[];
};

/**
 * Stores attendance records sent by a device, exactly once each. The record's `clientId`
 * identifies it: sending the same record again, in any order, any number of times, finds it
 * (duplicate) instead of storing it again; a second record for the same person and session is
 * a duplicate too (attendance is one fact per person and session). Records the server refuses
 * are kept in `sync_rejection` with the reason, for the trainer to see; a refused record that is
 * later accepted is marked resolved. An accepted person not on the roster joins it (they were there).
 *
 * Whole batches are read with a handful of set queries and written with one INSERT … SELECT FROM
 * unnest … ON CONFLICT DO NOTHING, so that a phone's backlog of thousands of records syncs in one call.
 */
export async function syncAttendance(options: { db: Db; actor: SessionActor; records: SyncRecordInput[] }): Promise<SyncOutcome> {
  const { db, actor, records } = options;
  const rejected = new Map<string, { reason: SyncReason; record: SyncRecordInput; programmeId: string | null }>();
  const reject = (record: SyncRecordInput, reason: SyncReason, programmeId: string | null = null) => rejected.set(record.clientId, { reason, record, programmeId });

  // 1. Records whose session id cannot even be read name no session.
  const readable: SyncRecordInput[] = [];
  for (const r of records) {
    if (uuid.safeParse(r.sessionId).success) readable.push(r);
    else reject(r, 'unknown_session');
  }

  // 2. Sessions, the caller's right on each, and the people enrolled in their programmes.
  const sessionIds = [...new Set(readable.map((r) => r.sessionId))];
  // Whole batches: array parameters (`= any($1)`) rather than IN lists of thousands of parameters.
  const sessions = sessionIds.length
    ? await db
        .select({ id: trainingSession.id, programmeId: trainingSession.programmeId, status: trainingSession.status })
        .from(trainingSession)
        .where(sql`${trainingSession.id} = any(${sql.param(sessionIds)}::uuid[])`)
    : [];
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const programmeIds = [...new Set(sessions.map((s) => s.programmeId))];
  const programmes = programmeIds.length ? await db.select().from(programme).where(inArray(programme.id, programmeIds)) : [];
  const relations = new Map(await Promise.all(programmes.map(async (p) => [p.id, await programmeRelation(db, actor, p)] as const)));
  const assigned = new Set(
    sessionIds.length
      ? (await db.select({ id: sessionTrainer.sessionId }).from(sessionTrainer).where(and(eq(sessionTrainer.userId, actor.userId), sql`${sessionTrainer.sessionId} = any(${sql.param(sessionIds)}::uuid[])`))).map((r) => r.id)
      : [],
  );
  const verdict = new Map<string, SyncReason | null>();
  for (const s of sessions) {
    const relation = relations.get(s.programmeId);
    const decision = relation ? canOnSession(actor, 'attendance.record', relation, assigned.has(s.id)) : 'not_found';
    if (decision === 'not_found') verdict.set(s.id, relation && canSeeProgramme(actor, relation) ? 'not_your_session' : 'unknown_session');
    else if (decision === 'forbidden') verdict.set(s.id, 'not_your_session');
    else verdict.set(s.id, s.status === 'cancelled' ? 'session_cancelled' : null);
  }

  // 3. Records already stored (sent before) stay duplicates even if their session was cancelled since.
  const candidates = readable.filter((r) => verdict.get(r.sessionId) === null || (sessionById.has(r.sessionId) && verdict.get(r.sessionId) === 'session_cancelled'));
  const known = new Set<string>();
  if (candidates.length) {
    const ids = [...new Set(candidates.map((r) => r.clientId))];
    const rows = await db
      .select({ clientId: attendance.clientId })
      .from(attendance)
      .where(sql`${attendance.programmeId} = any(${sql.param(programmeIds)}::uuid[]) and ${attendance.clientId} = any(${sql.param(ids)}::text[])`);
    for (const row of rows) known.add(row.clientId);
  }
  const personIds = [...new Set(readable.filter((r) => uuid.safeParse(r.personId).success).map((r) => r.personId))];
  const enrolled = new Set<string>();
  if (personIds.length && programmeIds.length) {
    const rows = await db
      .select({ programmeId: enrolment.programmeId, personId: enrolment.personId })
      .from(enrolment)
      .where(sql`${enrolment.personId} = any(${sql.param(personIds)}::uuid[]) and ${enrolment.programmeId} = any(${sql.param(programmeIds)}::uuid[])`);
    for (const row of rows) enrolled.add(`${row.programmeId}|${row.personId}`);
  }

  const valid: ValidRecord[] = [];
  const duplicateIds: string[] = [];
  for (const r of readable) {
    const session = sessionById.get(r.sessionId);
    if (session && known.has(r.clientId)) {
      duplicateIds.push(r.clientId);
      continue;
    }
    const reason = verdict.get(r.sessionId);
    if (!session) reject(r, 'unknown_session');
    else if (reason === 'unknown_session' || reason === 'not_your_session') reject(r, reason, reason === 'unknown_session' ? null : session.programmeId);
    // The capture time is the device's clock: kept as sent (a wrong clock must not lose a record).
    else if (!(ATTENDANCE_METHODS as readonly string[]).includes(r.method) || !instant.safeParse(r.capturedAt).success) reject(r, 'invalid_record', session.programmeId);
    else if (reason) reject(r, reason, session.programmeId);
    else if (!uuid.safeParse(r.personId).success || !enrolled.has(`${session.programmeId}|${r.personId}`)) reject(r, 'unknown_person', session.programmeId);
    else valid.push({ clientId: r.clientId, sessionId: r.sessionId, personId: r.personId, programmeId: session.programmeId, method: r.method as AttendanceMethod, capturedAt: new Date(r.capturedAt).toISOString() });
  }

  const acceptedIds: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < valid.length; i += 5000) {
      const chunk = valid.slice(i, i + 5000);
      const inserted = rowsOf<{ client_id: string }>(
        await tx.execute(sql`
          insert into ${attendance} (programme_id, session_id, person_id, method, client_id, captured_at, recorded_by)
          select r.programme_id, r.session_id, r.person_id, r.method::attendance_method, r.client_id, r.captured_at, ${actor.userId}::uuid
          from unnest(${sql.param(chunk.map((r) => r.programmeId))}::uuid[], ${sql.param(chunk.map((r) => r.sessionId))}::uuid[], ${sql.param(chunk.map((r) => r.personId))}::uuid[],
                      ${sql.param(chunk.map((r) => r.method))}::text[], ${sql.param(chunk.map((r) => r.clientId))}::text[], ${sql.param(chunk.map((r) => r.capturedAt))}::timestamptz[])
               as r(programme_id, session_id, person_id, method, client_id, captured_at)
          on conflict do nothing
          returning client_id`),
      );
      // The first record of each stored client id is the accepted one; any repeat in the batch is a duplicate.
      const stored = new Set(inserted.map((row) => row.client_id));
      const fresh: ValidRecord[] = [];
      for (const r of chunk) {
        if (stored.delete(r.clientId)) {
          acceptedIds.push(r.clientId);
          fresh.push(r);
        } else duplicateIds.push(r.clientId);
      }
      if (fresh.length) {
        // Present means on the roster: someone who came without being booked joins it.
        await tx.execute(sql`
          insert into session_participant (programme_id, session_id, person_id, source, added_by)
          select r.programme_id, r.session_id, r.person_id, 'attendance', ${actor.userId}::uuid
          from unnest(${sql.param(fresh.map((r) => r.programmeId))}::uuid[], ${sql.param(fresh.map((r) => r.sessionId))}::uuid[], ${sql.param(fresh.map((r) => r.personId))}::uuid[])
               as r(programme_id, session_id, person_id)
          on conflict do nothing`);
      }
    }
    await storeRejections(tx, actor.userId, [...rejected.values()]);
    const settled = [...new Set([...acceptedIds, ...duplicateIds])].filter((id) => !rejected.has(id));
    if (settled.length) {
      await tx
        .update(syncRejection)
        .set({ resolvedAt: new Date() })
        .where(sql`${syncRejection.clientId} = any(${sql.param(settled)}::text[]) and ${syncRejection.resolvedAt} is null`);
    }
    const byProgramme = new Map<string | null, { accepted: number; duplicates: number; rejected: number }>();
    const count = (programmeId: string | null, key: 'accepted' | 'duplicates' | 'rejected') => {
      const c = byProgramme.get(programmeId) ?? { accepted: 0, duplicates: 0, rejected: 0 };
      c[key] += 1;
      byProgramme.set(programmeId, c);
    };
    const programmeOf = new Map(readable.map((r) => [r.clientId, sessionById.get(r.sessionId)?.programmeId ?? null]));
    for (const id of acceptedIds) count(programmeOf.get(id) ?? null, 'accepted');
    for (const id of duplicateIds) count(programmeOf.get(id) ?? null, 'duplicates');
    for (const r of rejected.values()) count(r.programmeId, 'rejected');
    for (const [programmeId, counts] of byProgramme) {
      await recordAudit(tx, { actorUserId: actor.userId, action: 'attendance.sync', entityType: 'attendance', programmeId, details: counts });
      // New attendance may break capacity, time windows or plausibility: queue the data-quality checks.
      if (programmeId && counts.accepted > 0) await enqueueQualityChecks(tx, programmeId, actor.userId);
    }
  });

  return {
    accepted: acceptedIds.length,
    duplicates: duplicateIds.length,
    rejected: [...rejected.entries()].map(([clientId, r]) => ({ clientId, reason: r.reason })),
    acceptedIds,
    duplicateIds,
  };
}

/** Keeps refused records, one row per client id: a resend bumps `attempts` and re-opens it. */
async function storeRejections(tx: DbOrTx, userId: string, rejections: { reason: SyncReason; record: SyncRecordInput; programmeId: string | null }[]): Promise<void> {
  for (let i = 0; i < rejections.length; i += 1000) {
    const chunk = rejections.slice(i, i + 1000);
    await tx
      .insert(syncRejection)
      .values(chunk.map((r) => ({ clientId: r.record.clientId, submittedBy: userId, programmeId: r.programmeId, record: { ...r.record }, reason: r.reason })))
      .onConflictDoUpdate({
        target: syncRejection.clientId,
        set: {
          reason: sql`excluded.reason`,
          record: sql`excluded.record`,
          programmeId: sql`excluded.programme_id`,
          submittedBy: sql`excluded.submitted_by`,
          attempts: sql`${syncRejection.attempts} + 1`,
          lastSeenAt: sql`now()`,
          resolvedAt: null,
        },
      });
  }
}
