import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { job } from '../../db/schema/index.ts';
import { JOB_HANDLERS } from '../../server/app.ts';
import { REFRESH_FACTS, sweepFactRefresh } from '../monitoring/facts.ts';
import { RUN_QUALITY_CHECKS } from '../quality/service.ts';
import { runJob } from './runner.ts';
import { claimNextJob, enqueueJob } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('coalescing job kinds', () => {
  it('merges the queued runs of the same kind and programme into the one that starts, and leaves other programmes alone', async () => {
    const a = await makeProgramme(t.ctx.db);
    const b = await makeProgramme(t.ctx.db);
    const queue = (programmeId: string) => enqueueJob(t.ctx.db, { kind: RUN_QUALITY_CHECKS, programmeId, payload: { programmeId } });
    const first = await queue(a.id);
    const repeats = [await queue(a.id), await queue(a.id)];
    const other = await queue(b.id);

    const claimed = await claimNextJob(t.ctx.db, [RUN_QUALITY_CHECKS]);
    expect(claimed?.id).toBe(first.id);
    if (!claimed) return;
    const done = await runJob(t.ctx.database, JOB_HANDLERS, claimed);
    expect(done.status).toBe('done');

    const merged = await t.ctx.db.select().from(job).where(inArray(job.id, repeats.map((r) => r.id)));
    expect(merged.map((m) => [m.status, m.result])).toEqual([
      ['done', { coalescedInto: first.id }],
      ['done', { coalescedInto: first.id }],
    ]);
    const [untouched] = await t.ctx.db.select().from(job).where(eq(job.id, other.id));
    expect(untouched?.status).toBe('queued');
  });
});

describe('the fact refresh sweep', () => {
  it('queues a refresh for people left queued with no job to take them, once, and the refresh empties the queue', async () => {
    const p = await makeProgramme(t.ctx.db);
    // What a writer leaves behind when it saw a queued refresh just before a runner took it.
    await t.ctx.database.query('INSERT INTO fact_refresh (programme_id, person_id) VALUES ($1, $2)', [p.id, '00000000-0000-0000-0000-000000000000']);
    const pending = () => t.ctx.db.select().from(job).where(and(eq(job.kind, REFRESH_FACTS), eq(job.programmeId, p.id), eq(job.status, 'queued')));
    expect(await pending()).toHaveLength(0);

    expect(await sweepFactRefresh(t.ctx.db)).toBe(1);
    expect(await pending()).toHaveLength(1);
    expect(await sweepFactRefresh(t.ctx.db)).toBe(0);

    const claimed = await claimNextJob(t.ctx.db, [REFRESH_FACTS]);
    expect(claimed?.programmeId).toBe(p.id);
    if (!claimed) return;
    expect((await runJob(t.ctx.database, JOB_HANDLERS, claimed)).status).toBe('done');
    const left = await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM fact_refresh WHERE programme_id = $1', [p.id]);
    expect(Number(left[0]?.n)).toBe(0);
    expect(await sweepFactRefresh(t.ctx.db)).toBe(0);
  });
});
