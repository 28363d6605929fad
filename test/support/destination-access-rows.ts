/**
 * Access-matrix rows for destination context (series, figures, imports, panel, events, calendar)
 * and economic outcome surveys, in the shape of the rows of src/server/access-matrix.test.ts:
 *
 *   ...destinationAccessRows({ app: () => t, admin: () => admin, trainerId: () => sessions.trainer.userId }),
 *
 * Calls that consume what they touch (delete an event, enter a phase's answers) make a fresh
 * fixture each time. The matrix's trainer gets MSMEs in their caseload only in the programme
 * they already belong to ("own"), as in outcome-access-rows.ts.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../src/core/policy.ts';
import { contextSeries, enrolment } from '../../src/db/schema/index.ts';
import type { Client, TestApp } from './test-app.ts';
import { enrolPeople } from './training.ts';

type Upload = { fields?: Record<string, string>; name: string; type: string; content: Buffer };
type Call = { url: string; body?: unknown; upload?: Upload; headers?: Record<string, string>; remoteAddress?: string };
type SideLike = { programmeId: string; sessionId: string; siteId: string };
type Row = {
  access: readonly Role[] | 'public' | 'handoff';
  scope: 'programme' | 'global';
  ok: number;
  forbidden?: readonly Role[];
  call(f: { own: SideLike }, side: SideLike): Call | Promise<Call>;
  note?: string;
};

const ALL: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'];
const ORGANISERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator'];
const RECORDERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer'];
const REPORTERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'viewer'];

let serial = 0;
const ANSWER = { revenueBand: '5m_15m', onlineSharePercent: 20, workersPaid: 1, workersUnpaid: 1, workersWomen: 1, newHires: null, platforms: ['shopee'] };

export function destinationAccessRows(deps: { app: () => TestApp; admin: () => Client; trainerId: () => string }): Record<string, Row> {
  const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
    if (res.statusCode >= 300) throw new Error(`${what} fixture: ${res.statusCode} ${res.body}`);
    return res;
  };
  const visits = async () => {
    const [row] = await deps.app().ctx.db.select({ id: contextSeries.id }).from(contextSeries).where(and(isNull(contextSeries.programmeId), eq(contextSeries.code, 'tourist_visits_total')));
    if (!row) throw new Error('standard context series missing');
    return row.id;
  };
  const events = new Map<string, Promise<string>>();
  const newEvent = async (side: SideLike) =>
    ok(await deps.admin().post(`/api/programs/${side.programmeId}/events`, { title: `Festival Matriks ${++serial}`, kind: 'festival', season: 'high', startsOn: '2030-07-01', endsOn: '2030-07-03', regionCode: '31.74' }), 'event').json().id as string;
  const eventOf = (side: SideLike) => {
    let made = events.get(side.programmeId);
    if (!made) events.set(side.programmeId, (made = newEvent(side)));
    return made;
  };
  /** A fresh MSME of the side (its owner enrolled); in the trainer's caseload when the side is theirs. */
  const freshMsme = async (f: { own: SideLike }, side: SideLike) => {
    const db = deps.app().ctx.db;
    const [personId] = await enrolPeople(db, side.programmeId, [{}]);
    const [row] = await db.select({ msmeId: enrolment.msmeId }).from(enrolment).where(and(eq(enrolment.programmeId, side.programmeId), eq(enrolment.personId, personId as string)));
    const msmeId = row?.msmeId as string;
    if (side.programmeId === f.own.programmeId) ok(await deps.admin().post(`/api/programs/${side.programmeId}/caseloads`, { mentorUserId: deps.trainerId(), msmeIds: [msmeId] }), 'caseload');
    return msmeId;
  };
  const csv = Buffer.from('seri,tempat,periode,nilai,sumber\ntourist_visits_total,31.74,2023,1200,BPS\ntourist_visits_total,Tidak Ada,2023,5,BPS\n');
  const publicNote = 'The door is open to everyone; a wrong token is refused as invalid input (400) whoever asks.';

  return {
    // Destination context
    'GET /api/programs/:id/context/series': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/context/series` }) },
    'POST /api/programs/:id/context/series': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 201,
      call: (_, s) => ({ url: `/api/programs/${s.programmeId}/context/series`, body: { code: `kapal_pesiar_${++serial}`, name: { id: 'Kapal pesiar', en: 'Cruise ships' }, unit: 'count' } }),
    },
    'GET /api/programs/:id/context/values': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/context/values` }) },
    'POST /api/programs/:id/context/values': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/context/values`, body: { seriesId: await visits(), place: '31.74', period: '2024-Q1', value: '1.500', source: 'BPS' } }),
    },
    'POST /api/programs/:id/context/import': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      note: 'One row of two is rejected (unknown place): 200 with the report.',
      call: (_, s) => ({ url: `/api/programs/${s.programmeId}/context/import`, upload: { name: 'konteks.csv', type: 'text/csv', content: csv } }),
    },
    'GET /api/programs/:id/context/panel': {
      access: ALL,
      scope: 'programme',
      ok: 200,
      call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/context/panel?seriesId=${await visits()}&regionCode=31.74&period=year` }),
    },
    'GET /api/programs/:id/events': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/events` }) },
    'POST /api/programs/:id/events': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 201,
      call: (_, s) => ({ url: `/api/programs/${s.programmeId}/events`, body: { title: 'Festival Komodo', kind: 'festival', season: 'high', startsOn: '2030-08-01', endsOn: '2030-08-03', siteId: s.siteId } }),
    },
    'DELETE /api/programs/:id/events/:eventId': { access: ORGANISERS, scope: 'programme', ok: 204, call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/events/${await newEvent(s)}` }) },
    'PUT /api/programs/:id/sessions/:sessionId/event': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 200,
      call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/sessions/${s.sessionId}/event`, body: { eventId: await eventOf(s) } }),
    },
    'GET /api/programs/:id/calendar': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/calendar?from=2030-05-01&to=2030-08-31` }) },

    // Outcome surveys
    'GET /api/programs/:id/outcome-surveys': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/outcome-surveys` }) },
    'POST /api/programs/:id/outcome-surveys': {
      access: ORGANISERS,
      scope: 'programme',
      ok: 201,
      note: 'Sending a phase again tops it up (no second message to anyone).',
      call: (_, s) => ({ url: `/api/programs/${s.programmeId}/outcome-surveys`, body: { phase: 'baseline', channel: 'log', expiresOn: '2099-12-31' } }),
    },
    'POST /api/outcome-survey/open': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/outcome-survey/open', body: { token: 'bukan-token-yang-sah' } }) },
    'POST /api/outcome-survey/answer': { access: 'public', scope: 'global', ok: 400, note: publicNote, call: () => ({ url: '/api/outcome-survey/answer', body: { token: 'bukan-token-yang-sah', answer: ANSWER } }) },
    'POST /api/programs/:id/msmes/:msmeId/outcome-responses': {
      access: RECORDERS,
      scope: 'programme',
      ok: 201,
      call: async (f, s) => ({ url: `/api/programs/${s.programmeId}/msmes/${await freshMsme(f, s)}/outcome-responses`, body: { phase: 'baseline', answer: ANSWER } }),
    },
    'GET /api/programs/:id/msmes/:msmeId/outcome-link': {
      access: RECORDERS,
      scope: 'programme',
      ok: 200,
      call: async (f, s) => {
        const msmeId = await freshMsme(f, s);
        ok(await deps.admin().post(`/api/programs/${s.programmeId}/outcome-surveys`, { phase: 'baseline', channel: 'log', expiresOn: '2099-12-31' }), 'survey round');
        return { url: `/api/programs/${s.programmeId}/msmes/${msmeId}/outcome-link?phase=baseline` };
      },
    },
    'GET /api/programs/:id/outcomes': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/outcomes` }) },
  };
}
