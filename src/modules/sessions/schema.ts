import { z } from 'zod';
import { isLocalDateTime, TIME_ZONE_NAMES } from '../../core/time-zone.ts';
import { SECTORS } from '../../core/sector.ts';
import { isoDate, optionalText, pageQuery, paged } from '../../server/schema-helpers.ts';
import { httpUrl, MODULE_TOPICS } from '../curriculum/schema.ts';

export const SESSION_MODALITIES = ['in_person', 'online', 'hybrid'] as const;
export const SESSION_STATUSES = ['planned', 'open', 'done', 'cancelled'] as const;
/** `tot`: training of trainers (its attendees may be certified as trainers: the cascade). */
export const SESSION_KINDS = ['regular', 'tot'] as const;
export const ROSTER_SOURCES = ['manual', 'filter', 'cohort', 'rsvp', 'walk_in', 'attendance', 'import'] as const;
export type SessionModality = (typeof SESSION_MODALITIES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * A session time as typed: local wall-clock time at the site (`2024-01-23T09:00`), converted
 * with the site's zone (WIB/WITA/WIT); or an ISO 8601 instant with an offset, taken as it is.
 */
export const sessionTime = z
  .string()
  .trim()
  .refine((v) => isLocalDateTime(v) || z.iso.datetime({ offset: true }).safeParse(v).success, 'errors.field.dateTimeFormat');

/** A range bound for list queries: a date (`2024-01-23`, a day in WIB) or an ISO instant with offset. */
export const rangeBound = z
  .string()
  .trim()
  .refine((v) => isoDate.safeParse(v).success || z.iso.datetime({ offset: true }).safeParse(v).success, 'errors.field.dateOrDateTime');

const meetingRequired = (b: { modality?: SessionModality; meetingUrl?: string | null }) => b.modality === undefined || b.modality === 'in_person' || Boolean(b.meetingUrl);
const meetingIssue = { message: 'errors.session.meetingUrlRequired', path: ['meetingUrl'] };
const uniqueIds = (ids: string[]) => new Set(ids).size === ids.length;

export const createSessionBody = z
  .object({
    siteId: z.uuid(),
    cohortId: z.uuid().nullish(),
    title: z.string().trim().min(1).max(200),
    kind: z.enum(SESSION_KINDS).default('regular'),
    modality: z.enum(SESSION_MODALITIES),
    /** Required for online and hybrid sessions. */
    meetingUrl: httpUrl.nullish(),
    venue: optionalText(500),
    startsAt: sessionTime,
    endsAt: sessionTime,
    capacity: z.number().int().min(1).max(100_000),
    status: z.enum(['planned', 'open']).default('planned'),
    moduleIds: z.array(z.uuid()).min(1).max(50).refine(uniqueIds, 'errors.session.duplicateId'),
    /** Users with the trainer role; they become members of the programme. */
    trainerIds: z.array(z.uuid()).max(20).refine(uniqueIds, 'errors.session.duplicateId').default([]),
    notes: optionalText(5000),
  })
  .refine(meetingRequired, meetingIssue);
export type CreateSessionInput = z.infer<typeof createSessionBody>;

export const updateSessionBody = z
  .object({
    siteId: z.uuid().optional(),
    cohortId: z.uuid().nullish(),
    title: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(SESSION_KINDS).optional(),
    modality: z.enum(SESSION_MODALITIES).optional(),
    meetingUrl: httpUrl.nullish(),
    venue: optionalText(500),
    startsAt: sessionTime.optional(),
    endsAt: sessionTime.optional(),
    capacity: z.number().int().min(1).max(100_000).optional(),
    status: z.enum(SESSION_STATUSES).optional(),
    moduleIds: z.array(z.uuid()).min(1).max(50).refine(uniqueIds, 'errors.session.duplicateId').optional(),
    trainerIds: z.array(z.uuid()).max(20).refine(uniqueIds, 'errors.session.duplicateId').optional(),
    notes: optionalText(5000),
  })
  .refine((b) => b.modality === undefined || b.modality === 'in_person' || b.meetingUrl !== null, meetingIssue);
export type UpdateSessionInput = z.infer<typeof updateSessionBody>;

export const listSessionsQuery = pageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  siteId: z.uuid().optional(),
  cohortId: z.uuid().optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  trainerId: z.uuid().optional(),
  /** Sessions that end after this (a date is the start of that day in WIB). */
  from: rangeBound.optional(),
  /** Sessions that start before this (a date is the end of that day in WIB). */
  to: rangeBound.optional(),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuery>;

export const calendarQuery = z.object({
  from: rangeBound,
  to: rangeBound,
  siteId: z.uuid().optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  trainerId: z.uuid().optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const mySessionsQuery = z.object({ from: rangeBound.optional(), to: rangeBound.optional(), status: z.enum(SESSION_STATUSES).optional() });
export type MySessionsQuery = z.infer<typeof mySessionsQuery>;

const timeFields = {
  /** UTC instant. */
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The site's zone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: z.enum(TIME_ZONE_NAMES as [string, ...string[]]),
  timeZoneLabel: z.string(),
  /** Local wall-clock time at the site, `2024-01-23T09:00`. */
  startsAtLocal: z.string(),
  endsAtLocal: z.string(),
  /** As people read it, in the caller's language: `Selasa, 23 Januari 2024, 09.00–12.00 WITA`. */
  when: z.string(),
};

export const sessionSummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  title: z.string(),
  site: z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() }),
  cohort: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  kind: z.enum(SESSION_KINDS),
  modality: z.enum(SESSION_MODALITIES),
  status: z.enum(SESSION_STATUSES),
  capacity: z.number().int(),
  rosterCount: z.number().int(),
  attendedCount: z.number().int(),
  ...timeFields,
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const sessionView = sessionSummary.extend({
  meetingUrl: z.string().nullable(),
  venue: z.string().nullable(),
  notes: z.string().nullable(),
  modules: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.object({ id: z.string(), en: z.string() }), topic: z.enum(MODULE_TOPICS), durationMinutes: z.number().int() })),
  /** Empty for viewers (no names). */
  trainers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  trainerCount: z.number().int(),
  /** Share of the roster who attended (0–1); null while the roster is empty. */
  attendanceRate: z.number().nullable(),
  /** The destination event the session is planned around (set with PUT …/sessions/:sessionId/event). */
  event: z
    .object({
      id: z.uuid(),
      title: z.string(),
      kind: z.enum(['festival', 'national_event', 'regional_event', 'programme_launch', 'other']),
      season: z.enum(['low', 'high']).nullable(),
      startsOn: z.string(),
      endsOn: z.string(),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SessionView = z.infer<typeof sessionView>;

export const rosterEntry = z.object({
  personId: z.uuid(),
  name: z.string(),
  /** Masked unless the caller's role needs the full NIK. */
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
  businessName: z.string().nullable(),
  source: z.enum(ROSTER_SOURCES),
  addedAt: z.iso.datetime(),
  attendance: z.object({ method: z.enum(['qr', 'manual', 'import', 'offline']), capturedAt: z.iso.datetime() }).nullable(),
  rsvp: z.enum(['yes', 'no']).nullable(),
  /** The participant's version, to send back with an offline edit (`baseVersion`). */
  version: z.string(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

/** A session with its roster; the roster is null for callers who may not see personal data. */
export const sessionDetail = sessionView.extend({ roster: z.array(rosterEntry).nullable() });
export type SessionDetail = z.infer<typeof sessionDetail>;

export const sessionList = paged(sessionSummary);
export const calendarList = z.object({ items: z.array(sessionSummary), truncated: z.boolean() });
export const mySessionList = z.object({ items: z.array(sessionSummary.extend({ programme: z.object({ id: z.uuid(), code: z.string(), name: z.string() }) })) });

export const sessionParams = z.object({ id: z.uuid() });
export const sessionPersonParams = z.object({ id: z.uuid(), personId: z.uuid() });

export const createCohortBody = z.object({ name: z.string().trim().min(1).max(200), description: optionalText(2000) });
export type CreateCohortInput = z.infer<typeof createCohortBody>;
export const updateCohortBody = z.object({ name: z.string().trim().min(1).max(200).optional(), description: optionalText(2000), archived: z.boolean().optional() });
export type UpdateCohortInput = z.infer<typeof updateCohortBody>;
export const cohortView = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  sessionCount: z.number().int(),
  firstStartsAt: z.iso.datetime().nullable(),
  lastEndsAt: z.iso.datetime().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type CohortView = z.infer<typeof cohortView>;
export const cohortList = z.object({ items: z.array(cohortView), total: z.number().int() });
export const cohortParams = z.object({ id: z.uuid(), cohortId: z.uuid() });

/** Who to pick from the programme's participants. Absent keys do not narrow. */
export const participantFilter = z.object({
  regency: z.string().regex(/^\d{2}\.\d{2}$/).optional(),
  province: z.string().regex(/^\d{2}$/).optional(),
  sector: z.enum(SECTORS).optional(),
  gender: z.enum(['female', 'male']).optional(),
  /** null: either. */
  active: z.boolean().nullish(),
  willing: z.boolean().nullish(),
  /** Has not attended any session of this programme yet. */
  notYetTrained: z.boolean().optional(),
});
export type ParticipantFilter = z.infer<typeof participantFilter>;

export const addParticipantsBody = z
  .object({
    personIds: z.array(z.uuid()).min(1).max(2000).optional(),
    filter: participantFilter.optional(),
    /** With a filter: the most people to try, in enrolment order. */
    limit: z.number().int().min(1).max(2000).default(500),
  })
  .refine((b) => (b.personIds === undefined) !== (b.filter === undefined), { message: 'errors.session.personIdsOrFilter', path: ['personIds'] });
export type AddParticipantsInput = z.infer<typeof addParticipantsBody>;

export const REFUSAL_REASONS = ['not_enrolled', 'full', 'double_booked'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const addParticipantsResult = z.object({
  /** People the filter matched (or the ids given). */
  matched: z.number().int(),
  added: z.array(z.uuid()),
  alreadyOnRoster: z.array(z.uuid()),
  refused: z.array(
    z.object({
      personId: z.uuid(),
      /** Who was refused (organisers see names on the roster anyway). */
      name: z.string().nullable(),
      reason: z.enum(REFUSAL_REASONS),
      /** The reason in words, naming the session and the clash. */
      message: z.string(),
      session: z.object({ id: z.uuid(), title: z.string() }).nullable(),
      /** The overlapping session (its title only when it is in the same programme). */
      conflict: z.object({ sessionId: z.uuid().nullable(), title: z.string().nullable(), startsAt: z.iso.datetime() }).nullable(),
    }),
  ),
});
export type AddParticipantsResult = z.infer<typeof addParticipantsResult>;

/** The most lines an enrolment list (file or pasted) may hold: the filter path's limit. */
export const MAX_LIST_LINES = 2000;

/** A pasted list: one NIK or phone number per line (a NIK and a phone side by side also do). */
export const addFromListBody = z.object({ text: z.string().max(200_000) });
export type AddFromListInput = z.infer<typeof addFromListBody>;

export const addFromFileQuery = z.object({ sheet: z.string().trim().max(100).optional() });

/** Why a line of a list named nobody who could be added. */
export const LIST_LINE_REASONS = ['nik_invalid', 'phone_invalid', 'not_identifier', 'no_identity', 'not_found', 'ambiguous', 'duplicate'] as const;
export type ListLineReason = (typeof LIST_LINE_REASONS)[number];

const refusedEntry = addParticipantsResult.shape.refused.element;

export const addFromListResult = addParticipantsResult.extend({
  /** Lines read (blank lines and the header row not counted). */
  lines: z.number().int(),
  /** Refused people, with the (first) line that named them. */
  refused: z.array(refusedEntry.extend({ line: z.number().int() })),
  /** Lines that named nobody who could be added: invalid, unknown in the programme, ambiguous or repeated. */
  unmatched: z.array(
    z.object({
      /** Line in the file (the header is line 1) or in the pasted text. */
      line: z.number().int(),
      reason: z.enum(LIST_LINE_REASONS),
      message: z.string(),
      /** What the line held, masked (`3174********0001`, `+62812****7890`). */
      value: z.string().nullable(),
    }),
  ),
});
export type AddFromListResult = z.infer<typeof addFromListResult>;

export const trainerList = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(), member: z.boolean() })) });
