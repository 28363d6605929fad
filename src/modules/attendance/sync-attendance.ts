import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { canOnSession, canSeeProgramme } from '../../core/policy.ts';
import type { Db } from '../../db/client.ts';
import { attendance, enrolment, programme, sessionParticipant, sessionTrainer, syncRejection, trainingSession } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { appendAuditEventsSql } from '../audit/chain.ts';
import { relationColumns, relationOf, type RelationColumns } from '../programmes/access.ts';
import { ATTENDANCE_METHODS, type AttendanceMethod, type SyncAttendanceResult, type SyncReason, type SyncRecordInput } from './schema.ts';
import { enqueueQualityChecksSql } from '../quality/service.ts';
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
 * Whole batches are read with a handful of set queries and written with one statement (INSERT …
 * SELECT FROM unnest … ON CONFLICT DO NOTHING and what goes with it), so that a phone's backlog of
 * thousands of records syncs in one call, and many phones syncing at once neither wait for one
 * another nor spend their time on round trips.
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

  // 2. Sessions with whether the caller runs each and the caller's relation to their programme, in one query.
  const sessionIds = [...new Set(readable.map((r) => r.sessionId))];
  // Whole batches: array parameters (`= any($1)`) rather than IN lists of thousands of parameters.
  const sessionRows = sessionIds.length
    ? rowsOf<{ id: string; programme_id: string; status: string; assigned: boolean } & RelationColumns>(
        await db.execute(sql`
          select s.id, s.programme_id, s.status,
            exists (select 1 from ${sessionTrainer} st where st.session_id = s.id and st.user_id = ${actor.userId}) as assigned,
            ${relationColumns(actor, sql`p`)}
          from ${trainingSession} s join ${programme} p on p.id = s.programme_id
          where s.id = any(${sql.param(sessionIds)}::uuid[])`),
      )
    : [];
  const sessions = sessionRows.map((s) => ({ id: s.id, programmeId: s.programme_id, status: s.status, assigned: Boolean(s.assigned), relation: relationOf(s) }));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const programmeIds = [...new Set(sessions.map((s) => s.programmeId))];
  const verdict = new Map<string, SyncReason | null>();
  for (const s of sessions) {
    const decision = canOnSession(actor, 'attendance.record', s.relation, s.assigned);
    if (decision === 'not_found') verdict.set(s.id, canSeeProgramme(actor, s.relation) ? 'not_your_session' : 'unknown_session');
    else if (decision === 'forbidden') verdict.set(s.id, 'not_your_session');
    else verdict.set(s.id, s.status === 'cancelled' ? 'session_cancelled' : null);
  }

  // 3. Records already stored (sent before) stay duplicates even if their session was cancelled since;
  //    and the people enrolled in the sessions' programmes. One query for both.
  const candidates = readable.filter((r) => verdict.get(r.sessionId) === null || (sessionById.has(r.sessionId) && verdict.get(r.sessionId) === 'session_cancelled'));
  const clientIds = [...new Set(candidates.map((r) => r.clientId))];
  const personIds = [...new Set(readable.filter((r) => uuid.safeParse(r.personId).success).map((r) => r.personId))];
  const known = new Set<string>();
  const enrolled = new Set<string>();
  if (programmeIds.length && (clientIds.length || personIds.length)) {
    const rows = rowsOf<{ kind: 'known' | 'enrolled'; value: string }>(
      await db.execute(sql`
        select 'known' as kind, ${attendance.clientId} as value from ${attendance}
        where ${attendance.programmeId} = any(${sql.param(programmeIds)}::uuid[]) and ${attendance.clientId} = any(${sql.param(clientIds)}::text[])
        union all
        select 'enrolled', ${enrolment.programmeId}::text || '|' || ${enrolment.personId}::text from ${enrolment}
        where ${enrolment.personId} = any(${sql.param(personIds)}::uuid[]) and ${enrolment.programmeId} = any(${sql.param(programmeIds)}::uuid[])`),
    );
    for (const row of rows) (row.kind === 'known' ? known : enrolled).add(row.value);
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

  // 4. What each programme's audit event counts: valid records (stored now, or duplicates within the
  //    batch), records stored before, refusals. How many valid ones were stored is known in step 5.
  const tally = new Map<string | null, { valid: number; known: number; rejected: number }>();
  const count = (programmeId: string | null, key: 'valid' | 'known' | 'rejected') => {
    const c = tally.get(programmeId) ?? { valid: 0, known: 0, rejected: 0 };
    c[key] += 1;
    tally.set(programmeId, c);
  };
  const programmeOf = new Map(readable.map((r) => [r.clientId, sessionById.get(r.sessionId)?.programmeId ?? null]));
  for (const r of valid) count(r.programmeId, 'valid');
  for (const id of duplicateIds) count(programmeOf.get(id) ?? null, 'known');
  for (const r of rejected.values()) count(r.programmeId, 'rejected');
  // Refused records that are now stored or known are resolved.
  const settled = [...new Set([...valid.map((r) => r.clientId), ...duplicateIds])].filter((id) => !rejected.has(id));

  // 5. One statement, so one round trip and atomic: the attendance, the roster places of people who
  //    came without a booking, refusals kept (a resend bumps `attempts` and re-opens one) or resolved,
  //    each programme's audit event and its data-quality checks queued (new attendance may break
  //    capacity, time windows or plausibility). It writes no row another sync writes too: the
  //    per-session counts and the fact-refresh queue are insert-only (see schema/dashboard.ts).
  const acceptedIds: string[] = [];
  if (tally.size > 0) {
    const refusals = [...rejected.values()].map((r) => ({ client_id: r.record.clientId, programme_id: r.programmeId, record: { ...r.record }, reason: r.reason }));
    const counts = [...tally].map(([programmeId, c]) => ({ programme_id: programmeId, ...c }));
    const inserted = rowsOf<{ client_id: string }>(
      await db.execute(sql`
        with batch as (
          select * from unnest(${sql.param(valid.map((r) => r.programmeId))}::uuid[], ${sql.param(valid.map((r) => r.sessionId))}::uuid[], ${sql.param(valid.map((r) => r.personId))}::uuid[],
                               ${sql.param(valid.map((r) => r.method))}::text[], ${sql.param(valid.map((r) => r.clientId))}::text[], ${sql.param(valid.map((r) => r.capturedAt))}::timestamptz[])
                 with ordinality as r(programme_id, session_id, person_id, method, client_id, captured_at, n)),
        stored as (
          insert into ${attendance} (programme_id, session_id, person_id, method, client_id, captured_at, recorded_by)
          select programme_id, session_id, person_id, method::attendance_method, client_id, captured_at, ${actor.userId}::uuid from batch order by n
          on conflict do nothing
          returning programme_id, session_id, person_id, client_id),
        rostered as (
          insert into ${sessionParticipant} (programme_id, session_id, person_id, source, added_by)
          select programme_id, session_id, person_id, 'attendance', ${actor.userId}::uuid from stored
          on conflict do nothing),
        refused as (
          insert into ${syncRejection} (client_id, submitted_by, programme_id, record, reason)
          select x.client_id, ${actor.userId}::uuid, x.programme_id, x.record, x.reason
          from jsonb_to_recordset(${JSON.stringify(refusals)}::jsonb) as x(client_id text, programme_id uuid, record jsonb, reason text)
          on conflict (client_id) do update set reason = excluded.reason, record = excluded.record, programme_id = excluded.programme_id,
            submitted_by = excluded.submitted_by, attempts = ${syncRejection}.attempts + 1, last_seen_at = now(), resolved_at = null),
        resolved as (
          update ${syncRejection} set resolved_at = now() where client_id = any(${sql.param(settled)}::text[]) and resolved_at is null),
        tally as (
          select t.programme_id, t.valid, t.known, t.rejected, (select count(*) from stored s where s.programme_id = t.programme_id)::int as accepted
          from jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) as t(programme_id uuid, valid int, known int, rejected int)),
        audited as (${appendAuditEventsSql({
          actorUserId: actor.userId,
          action: 'attendance.sync',
          entityType: 'attendance',
          rows: sql`select programme_id, jsonb_build_object('accepted', accepted, 'duplicates', valid - accepted + known, 'rejected', rejected) as details from tally`,
        })}),
        checks as (${enqueueQualityChecksSql(sql`select programme_id from tally where programme_id is not null and accepted > 0`, actor.userId)})
        select client_id from stored`),
    );
    // The first record of each stored client id is the accepted one; any repeat in the batch is a duplicate.
    const stored = new Set(inserted.map((row) => row.client_id));
    for (const r of valid) {
      if (stored.delete(r.clientId)) acceptedIds.push(r.clientId);
      else duplicateIds.push(r.clientId);
    }
  }

  return {
    accepted: acceptedIds.length,
    duplicates: duplicateIds.length,
    rejected: [...rejected.entries()].map(([clientId, r]) => ({ clientId, reason: r.reason })),
    acceptedIds,
    duplicateIds,
  };
}
