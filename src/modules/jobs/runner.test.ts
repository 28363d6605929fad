import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { job } from '../../db/schema/index.ts';
import { JOB_HANDLERS } from '../../server/app.ts';
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
