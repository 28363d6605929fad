/**
 * Access-matrix rows for the report and public-results routes, in the shape of the rows of
 * src/server/access-matrix.test.ts, so that the matrix takes them with one line:
 *
 *   ...reportAccessRows({ app: () => t, viewer: () => sessions.viewer }),
 *
 * The report read by the rows is made by a viewer (small cells hidden), so that every role that
 * may export reports may also read it; a report made with every cell shown is refused to viewers
 * (tested in src/modules/reports/reports.test.ts).
 */
import type { Role } from '../../src/core/policy.ts';
import { publicResults } from '../../src/db/schema/index.ts';
import { claimNextJob } from '../../src/modules/jobs/service.ts';
import { runJob } from '../../src/modules/jobs/runner.ts';
import { PROGRAMME_REPORT } from '../../src/modules/reports/report-job.ts';
import { JOB_HANDLERS } from '../../src/server/app.ts';
import { makeProgramme } from './factories.ts';
import { nextAddress, type Client, type TestApp } from './test-app.ts';

type Call = { url: string; body?: unknown; remoteAddress?: string };
type SideLike = { programmeId: string };
type Row = {
  access: readonly Role[] | 'public' | 'handoff';
  scope: 'programme' | 'global';
  ok: number;
  forbidden?: readonly Role[];
  call(f: { own: SideLike }, side: SideLike): Call | Promise<Call>;
  note?: string;
};

const ALL: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'];
const MANAGERS: readonly Role[] = ['admin', 'program_manager'];
const REPORTERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'viewer'];

export function reportAccessRows(deps: { app: () => TestApp; viewer: () => Client }): Record<string, Row> {
  const reports = new Map<string, Promise<string>>();
  /** A finished report of the side's programme, made once by the viewer. */
  const reportOf = (side: SideLike) => {
    let made = reports.get(side.programmeId);
    if (!made) {
      made = (async () => {
        const res = await deps.viewer().post(`/api/programs/${side.programmeId}/reports`, { format: 'pdf' });
        if (res.statusCode !== 202) throw new Error(`report fixture: ${res.body}`);
        const t = deps.app();
        for (let next = await claimNextJob(t.ctx.db, [PROGRAMME_REPORT]); next; next = await claimNextJob(t.ctx.db, [PROGRAMME_REPORT])) await runJob(t.ctx.database, JOB_HANDLERS, next);
        return res.json().id as string;
      })();
      reports.set(side.programmeId, made);
    }
    return made;
  };
  return {
    'POST /api/programs/:id/reports': { access: REPORTERS, scope: 'programme', ok: 202, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/reports`, body: { format: 'xlsx' } }) },
    'GET /api/reports/:id': { access: REPORTERS, scope: 'programme', ok: 200, call: async (_, s) => ({ url: `/api/reports/${await reportOf(s)}` }) },
    'GET /api/reports/:id/download': { access: REPORTERS, scope: 'programme', ok: 200, call: async (_, s) => ({ url: `/api/reports/${await reportOf(s)}/download` }) },
    'GET /api/programs/:id/public-results': { access: ALL, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/public-results` }) },
    'PUT /api/programs/:id/public-results': { access: MANAGERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/public-results`, body: { published: false } }) },
    'GET /api/public/programs/:code/results': {
      access: 'public',
      scope: 'global',
      ok: 200,
      note: 'A programme that published its results, made for the call.',
      call: async () => {
        const db = deps.app().ctx.db;
        const p = await makeProgramme(db);
        await db.insert(publicResults).values({ programmeId: p.id });
        return { url: `/api/public/programs/${p.code}/results`, remoteAddress: nextAddress() };
      },
    },
  };
}
