import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_INDICATORS, type IndicatorSpec } from '../../core/indicator-spec.ts';
import { makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { clientId, enrolPeople } from '../../../test/support/training.ts';
import { computeIndicator } from './indicators.ts';
import { naiveDashboardNumbers } from './naive.ts';
import { foldSessionStats } from './session-stats.ts';

/**
 * Per-session attendance and roster counts (session_stat plus the deltas the triggers append,
 * folded in by the server) against the independent count from raw tables, before and after folds.
 */
let t: TestApp;
let programmeId: string;
let sessions: [string, string];
let people: string[];

async function q<T = Record<string, unknown>>(text: string, params: unknown[] = []) {
  return t.ctx.database.query<T>(text, params);
}

const spec = (code: string) => STANDARD_INDICATORS.find((d) => d.code === code)?.spec as IndicatorSpec;

/** Attendances and roster places of the held sessions as the indicators compute them, checked against the naive count. */
async function counts() {
  const [rate] = await computeIndicator({ db: t.ctx.db, spec: spec('attendance_rate'), programmeIds: [programmeId] });
  const [held] = await computeIndicator({ db: t.ctx.db, spec: spec('sessions_held'), programmeIds: [programmeId] });
  const naive = (await naiveDashboardNumbers(t.ctx.db, programmeId)).indicators.attendance_rate;
  const counted = { attended: rate?.numerator, rostered: rate?.denominator, rate: rate?.value };
  expect(counted).toEqual({ attended: naive?.numerator, rostered: naive?.denominator, rate: naive?.value });
  return { ...counted, people: held?.people };
}

const attend = (sessionId: string, personId: string) =>
  q(`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES ($1, $2, $3, 'offline', $4, now())`, [programmeId, sessionId, personId, clientId()]);
const pending = async () => (await q<{ n: number }>('SELECT count(*)::int AS n FROM session_stat_delta'))[0]?.n;
const book = (sessionId: string, personIds: string[]) =>
  q(`INSERT INTO session_participant (programme_id, session_id, person_id, source) SELECT $1, $2, unnest($3::uuid[]), 'manual'`, [programmeId, sessionId, personIds]);

beforeAll(async () => {
  t = await createTestApp();
  programmeId = (await makeProgramme(t.ctx.db)).id;
  const site = await makeSite(t.ctx.db, programmeId);
  const ids: string[] = [];
  for (const day of [1, 2]) {
    const [row] = await q<{ id: string }>(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity, status)
       VALUES ($1, $2, 'Sesi', 'in_person', $3::timestamptz, $3::timestamptz + interval '3 hours', 100, 'done') RETURNING id`,
      [programmeId, site.id, `2024-03-0${day}T02:00:00Z`],
    );
    ids.push(row?.id as string);
  }
  sessions = ids as [string, string];
  people = await enrolPeople(t.ctx.db, programmeId, Array.from({ length: 24 }, () => ({})));
});
afterAll(() => t.close());

describe('per-session counts', () => {
  it('follow every insert and delete of attendance and roster places exactly, before and after a fold', async () => {
    const [s1, s2] = sessions;
    const [a, b, c, d] = people as [string, string, string, string];
    await book(s1, [a, b, c, d]);
    await book(s2, [a, b]);
    for (const person of [a, b, c]) await attend(s1, person);
    await attend(s2, a);
    const expected = { attended: 4, rostered: 6, rate: 66.7, people: 6 };
    expect(await pending()).toBeGreaterThan(0);
    expect(await counts()).toEqual(expected);
    expect(await foldSessionStats(t.ctx.db)).toBe(6);
    expect(await pending()).toBe(0);
    expect(await counts()).toEqual(expected);
    expect(await q('SELECT session_id, attended, rostered FROM session_stat WHERE programme_id = $1 ORDER BY attended DESC', [programmeId])).toEqual([
      { session_id: s1, attended: 3, rostered: 4 },
      { session_id: s2, attended: 1, rostered: 2 },
    ]);

    // Removals are negative deltas: counted at once, folded later.
    await q('DELETE FROM attendance WHERE session_id = $1 AND person_id = $2', [s1, c]);
    await q('DELETE FROM session_participant WHERE session_id = $1 AND person_id = $2', [s1, d]);
    const after = { attended: 3, rostered: 5, rate: 60, people: 5 };
    expect(await counts()).toEqual(after);
    await foldSessionStats(t.ctx.db);
    expect(await counts()).toEqual(after);
  });

  it('stay exact when many transactions add to the same sessions while folds run', async () => {
    const [s1, s2] = sessions;
    const before = await counts();
    const newcomers = people.slice(4);
    // One transaction per person (concurrent on PostgreSQL), folds in between: on both rosters, present at S2.
    await Promise.all([
      ...newcomers.map((person) =>
        t.ctx.db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO session_participant (programme_id, session_id, person_id, source) VALUES (${programmeId}, ${s1}, ${person}, 'manual'), (${programmeId}, ${s2}, ${person}, 'manual')`);
          await tx.execute(sql`INSERT INTO attendance (programme_id, session_id, person_id, method, client_id, captured_at) VALUES (${programmeId}, ${s2}, ${person}, 'qr', ${clientId()}, now())`);
        }),
      ),
      foldSessionStats(t.ctx.db),
      foldSessionStats(t.ctx.db),
      foldSessionStats(t.ctx.db),
    ]);
    const expected = { attended: (before.attended ?? 0) + newcomers.length, rostered: (before.rostered ?? 0) + 2 * newcomers.length };
    expect(await counts()).toMatchObject(expected);
    await foldSessionStats(t.ctx.db);
    expect(await pending()).toBe(0);
    expect(await counts()).toMatchObject(expected);
  });
});
