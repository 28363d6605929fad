import { sql, type SQL } from 'drizzle-orm';

/**
 * The data-quality checks. Each is one set-based query over a programme's facts that yields
 * one row per problem: `subject_key` (what it is about, unique within the check), `details`
 * (the numbers that make the problem: ids, counts, no names, NIKs or phones) and
 * `assignee_user_id` (who should fix it: a trainer or a partner coordinator; null = the
 * programme's managers).
 */
export const QUALITY_CHECKS = [
  'session_over_capacity',
  'attendance_outside_window',
  'participant_two_places',
  'attendance_spike',
  'missing_gender_sector',
  'milestone_without_evidence',
  'trainer_implausible_roster',
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** Check-ins captured this long before a session starts or after it ends are outside its window. */
export const WINDOW_GRACE_MINUTES = 60;
/**
 * A trainer can check in at most this many people per minute of a session (one every 30 seconds,
 * sustained for the whole session while also teaching): more from one trainer is implausible.
 */
export const CHECK_INS_PER_MINUTE = 2;
/** A day is a spike when its attendance is above this many times the programme's median day… */
export const SPIKE_FACTOR = 3;
/** …and at least this many records, judged only once the programme has this many other days. */
export const SPIKE_MIN_RECORDS = 10;
export const SPIKE_MIN_OTHER_DAYS = 3;
/** Participants listed in a missing-field task (the count is complete). */
export const SAMPLE_SIZE = 20;

/** The first trainer assigned to a session. */
const sessionTrainer = (sessionId: SQL) => sql`(SELECT st.user_id FROM session_trainer st WHERE st.session_id = ${sessionId} ORDER BY st.created_at, st.user_id LIMIT 1)`;

/** A partner coordinator of a user's organisation (the trainer's coordinator), if any. */
const coordinatorOf = (userId: SQL) => sql`(
  SELECT c.id FROM app_user c JOIN app_user u ON u.organisation_id = c.organisation_id
  WHERE u.id = ${userId} AND c.role = 'partner_coordinator' AND c.active ORDER BY c.created_at, c.id LIMIT 1)`;

const sessionInfo = sql`'sessionId', s.id, 'title', s.title, 'startsAt', s.starts_at, 'endsAt', s.ends_at, 'siteId', s.site_id`;

export function checkQuery(check: QualityCheck, programmeId: string): SQL {
  switch (check) {
    case 'session_over_capacity':
      return sql`
        SELECT s.id::text AS subject_key, jsonb_build_object(${sessionInfo}, 'capacity', s.capacity, 'attended', count(*)) AS details,
               ${sessionTrainer(sql`s.id`)} AS assignee_user_id
        FROM training_session s JOIN attendance a ON a.programme_id = s.programme_id AND a.session_id = s.id
        WHERE s.programme_id = ${programmeId}
        GROUP BY s.id HAVING count(*) > s.capacity`;
    case 'attendance_outside_window':
      return sql`
        SELECT s.id::text AS subject_key,
               jsonb_build_object(${sessionInfo}, 'outside', count(*), 'earliest', min(a.captured_at), 'latest', max(a.captured_at), 'graceMinutes', ${WINDOW_GRACE_MINUTES}::int) AS details,
               ${sessionTrainer(sql`s.id`)} AS assignee_user_id
        FROM training_session s JOIN attendance a ON a.programme_id = s.programme_id AND a.session_id = s.id
        WHERE s.programme_id = ${programmeId}
          AND (a.captured_at < s.starts_at - make_interval(mins => ${WINDOW_GRACE_MINUTES}::int) OR a.captured_at > s.ends_at + make_interval(mins => ${WINDOW_GRACE_MINUTES}::int))
        GROUP BY s.id`;
    case 'participant_two_places':
      // Attended two sessions at different sites whose times overlap; routed to the trainer of the
      // session whose record arrived last (the one more likely to be wrong).
      return sql`
        SELECT a1.person_id::text || ':' || s1.id::text || ':' || s2.id::text AS subject_key,
               jsonb_build_object('personId', a1.person_id, 'sessionIds', jsonb_build_array(s1.id, s2.id), 'siteIds', jsonb_build_array(s1.site_id, s2.site_id),
                                  'titles', jsonb_build_array(s1.title, s2.title), 'startsAt', jsonb_build_array(s1.starts_at, s2.starts_at)) AS details,
               ${sessionTrainer(sql`CASE WHEN a2.received_at >= a1.received_at THEN s2.id ELSE s1.id END`)} AS assignee_user_id
        FROM attendance a1
        JOIN training_session s1 ON s1.id = a1.session_id
        JOIN attendance a2 ON a2.programme_id = a1.programme_id AND a2.person_id = a1.person_id AND a2.session_id > a1.session_id
        JOIN training_session s2 ON s2.id = a2.session_id
        WHERE a1.programme_id = ${programmeId} AND s1.site_id <> s2.site_id AND s1.starts_at < s2.ends_at AND s2.starts_at < s1.ends_at`;
    case 'attendance_spike':
      // Days in WIB. The "usual" day is the median of the programme's other days with attendance.
      return sql`
        WITH d AS (
          SELECT (a.captured_at AT TIME ZONE 'Asia/Jakarta')::date AS day, count(*)::int AS n FROM attendance a WHERE a.programme_id = ${programmeId} GROUP BY 1),
        judged AS (
          SELECT d.day, d.n,
                 (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o.n) FROM d o WHERE o.day <> d.day) AS usual,
                 (SELECT count(*) FROM d o WHERE o.day <> d.day)::int AS others
          FROM d)
        SELECT to_char(j.day, 'YYYY-MM-DD') AS subject_key,
               jsonb_build_object('day', to_char(j.day, 'YYYY-MM-DD'), 'attended', j.n, 'usual', j.usual, 'factor', ${SPIKE_FACTOR}::int) AS details,
               (SELECT a.recorded_by FROM attendance a WHERE a.programme_id = ${programmeId} AND (a.captured_at AT TIME ZONE 'Asia/Jakarta')::date = j.day AND a.recorded_by IS NOT NULL
                GROUP BY a.recorded_by ORDER BY count(*) DESC, a.recorded_by LIMIT 1) AS assignee_user_id
        FROM judged j
        WHERE j.others >= ${SPIKE_MIN_OTHER_DAYS}::int AND j.n >= ${SPIKE_MIN_RECORDS}::int AND j.n > ${SPIKE_FACTOR}::int * j.usual`;
    case 'missing_gender_sector':
      // One task per import (routed to whoever uploaded it) or per other enrolment source. A blank
      // sector is stored as `lainnya` by the import (src/core/sector.ts), so `lainnya` counts as missing.
      return sql`
        WITH gaps AS (
          SELECT CASE WHEN e.import_job_id IS NOT NULL THEN 'import:' || e.import_job_id::text ELSE 'source:' || e.source::text END AS subject_key,
                 e.import_job_id, e.person_id, pr.gender IS NULL AS no_gender, (m.id IS NOT NULL AND m.sector = 'lainnya') AS no_sector
          FROM enrolment e JOIN person pr ON pr.id = e.person_id LEFT JOIN msme m ON m.id = e.msme_id
          WHERE e.programme_id = ${programmeId} AND (pr.gender IS NULL OR (m.id IS NOT NULL AND m.sector = 'lainnya')))
        SELECT g.subject_key,
               jsonb_build_object('missingGender', count(*) FILTER (WHERE g.no_gender), 'missingSector', count(*) FILTER (WHERE g.no_sector),
                                  'importJobId', min(g.import_job_id::text),
                                  'personIds', (array_agg(g.person_id::text ORDER BY g.person_id))[1:${SAMPLE_SIZE}::int]) AS details,
               (SELECT j.created_by FROM job j WHERE j.id = min(g.import_job_id::text)::uuid) AS assignee_user_id
        FROM gaps g GROUP BY g.subject_key`;
    case 'milestone_without_evidence':
      return sql`
        SELECT ms.id::text AS subject_key,
               jsonb_build_object('milestoneId', ms.id, 'msmeId', ms.msme_id, 'kind', ms.kind, 'reachedOn', ms.reached_on, 'status', ms.status) AS details,
               ms.submitted_by AS assignee_user_id
        FROM msme_milestone ms
        WHERE ms.programme_id = ${programmeId} AND ms.status <> 'rejected' AND ms.evidence_url IS NULL AND ms.evidence_document_id IS NULL`;
    case 'trainer_implausible_roster':
      // Check-ins a trainer captured by hand or QR in one session, against what the session's
      // length allows; routed to a partner coordinator of the trainer's organisation.
      return sql`
        SELECT s.id::text || ':' || a.recorded_by::text AS subject_key,
               jsonb_build_object(${sessionInfo}, 'trainerUserId', a.recorded_by, 'checkIns', count(*),
                                  'plausible', floor(extract(epoch FROM s.ends_at - s.starts_at) / 60 * ${CHECK_INS_PER_MINUTE}::int)) AS details,
               ${coordinatorOf(sql`a.recorded_by`)} AS assignee_user_id
        FROM training_session s JOIN attendance a ON a.programme_id = s.programme_id AND a.session_id = s.id
        WHERE s.programme_id = ${programmeId} AND a.recorded_by IS NOT NULL AND a.method <> 'import'
        GROUP BY s.id, a.recorded_by
        HAVING count(*) > floor(extract(epoch FROM s.ends_at - s.starts_at) / 60 * ${CHECK_INS_PER_MINUTE}::int)`;
  }
}
