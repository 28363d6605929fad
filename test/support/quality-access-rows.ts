/**
 * Access-matrix rows for the impact and data-quality routes, in the shape of the rows of
 * src/server/access-matrix.test.ts (taken with one line there). Resolving consumes a task, so
 * each call plants a fresh open task, routed to the matrix's trainer: a trainer may resolve
 * only the tasks routed to them, and the matrix's trainer is a member of "own" only.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/core/policy.ts';
import { qualityTask } from '../../src/db/schema/index.ts';
import type { TestApp } from './test-app.ts';

type Call = { url: string; body?: unknown };
type SideLike = { programmeId: string };
type Row = { access: readonly Role[]; scope: 'programme'; ok: number; call(f: { own: SideLike }, side: SideLike): Call | Promise<Call> };

const WORKERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'trainer'];
const ORGANISERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator'];
const REPORTERS: readonly Role[] = ['admin', 'program_manager', 'partner_coordinator', 'viewer'];

export function qualityAccessRows(deps: { app: () => TestApp; trainerId: () => string }): Record<string, Row> {
  const plantTask = async (side: SideLike) => {
    const [row] = await deps
      .app()
      .ctx.db.insert(qualityTask)
      .values({ programmeId: side.programmeId, check: 'attendance_spike', subjectKey: randomUUID(), details: { attended: 40, usual: 5 }, fingerprint: randomUUID(), assigneeUserId: deps.trainerId() })
      .returning({ id: qualityTask.id });
    return row?.id ?? '';
  };
  return {
    'GET /api/programs/:id/impact': { access: REPORTERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/impact` }) },
    'GET /api/programs/:id/quality/tasks': { access: WORKERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/quality/tasks?status=open` }) },
    'POST /api/programs/:id/quality/run': { access: ORGANISERS, scope: 'programme', ok: 200, call: (_, s) => ({ url: `/api/programs/${s.programmeId}/quality/run` }) },
    'POST /api/programs/:id/quality/tasks/:taskId/resolve': {
      access: WORKERS,
      scope: 'programme',
      ok: 200,
      call: async (_, s) => ({ url: `/api/programs/${s.programmeId}/quality/tasks/${await plantTask(s)}/resolve`, body: { comment: 'Sudah diperiksa di lapangan' } }),
    },
  };
}
