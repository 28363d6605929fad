import { z } from 'zod';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams } from '../../server/schema-helpers.ts';
import { indicatorFiltersQuery } from '../monitoring/routes.ts';
import { programmeImpact } from './service.ts';

export const bilingual = z.object({ id: z.string(), en: z.string() });
/** A caveat or a reason (src/modules/impact/did-notes.ts): a stable code and its text in both languages. */
export const caveatView = bilingual.extend({ code: z.string() });
const num = z.number().nullable();

const prePostView = z.object({ n: num, meanBefore: num, meanAfter: num, meanChange: num, low: num, high: num, df: num, suppressed: z.boolean() });
const groupView = z.object({ n: num, meanBefore: num, meanAfter: num, meanChange: num });
const didEstimate = z.object({ estimate: num, low: num, high: num, se: num, df: num, treated: groupView, comparison: groupView, suppressed: z.boolean() });
const sampleView = z.object({ baseline: num, endline: num });

export const impactView = z.object({
  programmeId: z.uuid(),
  /** Changes not yet in the facts the estimates read (a refresh job is queued). */
  factsPending: z.boolean(),
  prePost: z.object({ method: bilingual, maturity: prePostView, testScore: prePostView }),
  differenceInDifferences: z.object({
    available: z.boolean(),
    unavailableReason: caveatView.nullable(),
    method: bilingual,
    samples: z.object({ treated: sampleView, comparison: sampleView, partlyTrainedExcluded: num }),
    maturity: didEstimate.nullable(),
    /** In percentage points. */
    firstOnlineSale: didEstimate.nullable(),
    caveats: z.array(caveatView),
  }),
});

export function registerImpactRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/programs/:id/impact',
    {
      config: { access: { roles: ['admin', 'program_manager', 'partner_coordinator', 'viewer'] } },
      schema: {
        tags: ['monitoring'],
        summary: 'Impact: before–after change with 95 % intervals, and difference-in-differences where a comparison group exists (groups under 5 hidden from viewers)',
        params: idParams,
        querystring: indicatorFiltersQuery,
        response: { 200: impactView },
      },
    },
    async (request) => programmeImpact({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, filters: request.query }),
  );
}
