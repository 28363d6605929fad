import { z } from 'zod';
import { AppError } from '../../core/app-error.ts';
import { DIMENSIONS, indicatorSpec } from '../../core/indicator-spec.ts';
import { ANY_ROLE, GLOBAL_ACTION_ROLES } from '../../core/policy.ts';
import { SECTORS } from '../../core/sector.ts';
import type { ApiApp } from '../../server/api-app.ts';
import { actorOf } from '../../server/api-app.ts';
import type { AppContext } from '../../server/context.ts';
import { idParams, isoDate } from '../../server/schema-helpers.ts';
import { FUNNEL_STAGES, programmeDashboard } from './dashboard.ts';
import { currentDefinitions, definitionHistory, reviseDefinition } from './definitions.ts';
import { indicatorBreakdown, nationalReport, programmeIndicators } from './service.ts';

const localized = z.object({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

const definitionView = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  name: z.object({ id: z.string(), en: z.string() }),
  description: z.object({ id: z.string(), en: z.string() }),
  unit: z.string(),
  spec: z.record(z.string(), z.unknown()),
  disaggregations: z.array(z.string()),
  createdAt: z.string(),
});

export const indicatorFiltersQuery = z.object({
  province: z.string().regex(/^\d{2}$/).optional(),
  regency: z.string().regex(/^\d{2}\.\d{2}$/).optional(),
  siteId: z.uuid().optional(),
  sector: z.enum(SECTORS).optional(),
  gender: z.enum(['female', 'male']).optional(),
  ageBand: z.enum(['<25', '25-34', '35-44', '45-54', '55+', 'unknown']).optional(),
  traineeType: z.enum(['msme_owner', 'trainee', 'trainer', 'champion', 'government_staff']).optional(),
  partnerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const dimensionList = z
  .string()
  .transform((v) => v.split(',').map((d) => d.trim()).filter(Boolean))
  .pipe(z.array(z.enum(DIMENSIONS)).min(1).max(2, 'errors.indicator.twoDimensions'));

const cellView = z.object({
  dims: z.record(z.string(), z.string().nullable()),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  people: z.number(),
  suppressed: z.boolean(),
});

const targetView = z.object({
  targetId: z.uuid(),
  value: z.number(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  narrowedBy: z.object({ siteId: z.string().nullable(), regionCode: z.string().nullable(), sector: z.string().nullable(), gender: z.string().nullable() }),
  actual: z.number().nullable(),
  suppressed: z.boolean(),
  progress: z.number().nullable(),
  projected: z.number().nullable(),
  elapsed: z.number().nullable(),
});

const programmeIndicatorsView = z.object({
  programmeId: z.uuid(),
  asOf: z.string(),
  /** Changes not yet reflected in the facts the indicators read (a refresh job is queued). */
  factsPending: z.boolean(),
  items: z.array(
    z.object({
      code: z.string(),
      version: z.number().int(),
      name: z.object({ id: z.string(), en: z.string() }),
      unit: z.string(),
      value: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number().nullable(),
      suppressed: z.boolean(),
      targets: z.array(targetView),
    }),
  ),
});

const nationalView = z.object({
  uniqueMsmes: z.number().int(),
  uniquePersons: z.number().int(),
  onboardedMsmes: z.number().int(),
  goal: z.number().int(),
  programmes: z.number().int(),
  trainedInSeveral: z.number().int(),
  enrolledInSeveral: z.number().int(),
  jobsCreated: z.number().int(),
  jobsMsmesMeasured: z.number().int(),
  jobsGoal: z.number().int(),
});

/** The programme dashboard (shared with the web dashboard: keep these names). Counts are people unless the indicator says otherwise. */
export const dashboardView = z.object({
  programmeId: z.uuid(),
  /** When the facts and rollups read were last refreshed (null before the first refresh). */
  asOf: z.string().nullable(),
  /** Refresh jobs are queued: recent changes are not counted yet. */
  pending: z.boolean(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.object({ id: z.string(), en: z.string() }),
      unit: z.string(),
      version: z.number().int(),
      value: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number().nullable(),
      /** The programme-wide target (no narrowing): the one running today, else undated, else the latest. */
      target: z.number().nullable(),
      /** actual ÷ target (1 = reached), the actual counted over the target's period. */
      progress: z.number().nullable(),
      /** Value expected at the end of the target's (or programme's) period at the current pace. */
      projected: z.number().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  /** People at each stage; each stage dated by its own event (enrolment, first attendance, completion; on-boarding and first sale by enrolment). */
  funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int().nullable(), suppressed: z.boolean() })),
  /** People per month (WIB) of enrolment, first attendance, completion, and on-boarded MSME owners by month of enrolment; small counts are null for viewers. */
  trend: z.array(
    z.object({
      period: z.string().regex(/^\d{4}-\d{2}$/),
      enrolled: z.number().int().nullable(),
      attended: z.number().int().nullable(),
      completed: z.number().int().nullable(),
      onboarded: z.number().int().nullable(),
    }),
  ),
  /** People per province of their MSME ('' when unknown). */
  byProvince: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      enrolled: z.number().int().nullable(),
      completed: z.number().int().nullable(),
      onboarded: z.number().int().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  cascade: z.object({ trainersCertified: z.number().int().nullable(), reach: z.number().int().nullable(), suppressed: z.boolean() }),
});
export type DashboardView = z.infer<typeof dashboardView>;

export function registerMonitoringRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    '/api/indicators',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['monitoring'], summary: 'Current indicator definitions (newest version of each)', response: { 200: z.object({ items: z.array(definitionView) }) } } },
    async () => ({ items: await currentDefinitions(ctx.db) }),
  );
  app.get(
    '/api/indicators/:code/versions',
    { config: { access: { roles: ANY_ROLE } }, schema: { tags: ['monitoring'], summary: 'Every version of a definition, newest first', params: z.object({ code: z.string().max(60) }), response: { 200: z.object({ items: z.array(definitionView) }) } } },
    async (request) => ({ items: await definitionHistory(ctx.db, request.params.code) }),
  );
  app.put(
    '/api/indicators/:code',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['monitoring'],
        summary: 'Revise a definition: writes a new version',
        params: z.object({ code: z.string().max(60) }),
        body: z.object({ name: localized, description: localized, unit: z.enum(['count', 'percent', 'score']), spec: z.unknown() }),
        response: { 200: definitionView },
      },
    },
    async (request) => {
      const spec = indicatorSpec.safeParse(request.body.spec);
      if (!spec.success) throw new AppError('validation', 'errors.validation', { fields: { spec: 'errors.indicator.specInvalid' } });
      return reviseDefinition({ db: ctx.db, actor: actorOf(request), code: request.params.code, input: { ...request.body, spec: spec.data } });
    },
  );
  app.get(
    '/api/programs/:id/indicators',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['monitoring'], summary: 'Every indicator of a programme with its targets, progress and projection', params: idParams, querystring: indicatorFiltersQuery, response: { 200: programmeIndicatorsView } },
    },
    async (request) => programmeIndicators({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, filters: request.query }),
  );
  app.get(
    '/api/programs/:id/indicators/:code',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['monitoring'],
        summary: 'One indicator broken down by one or two dimensions; small cells are hidden from viewers',
        params: z.object({ id: z.uuid(), code: z.string().max(60) }),
        querystring: indicatorFiltersQuery.extend({ by: dimensionList, period: z.enum(['month', 'quarter', 'year']).default('month') }),
        response: {
          200: z.object({
            code: z.string(),
            version: z.number().int(),
            name: z.object({ id: z.string(), en: z.string() }),
            unit: z.string(),
            by: z.array(z.string()),
            period: z.string(),
            labels: z.record(z.string(), z.string()),
            cells: z.array(cellView),
          }),
        },
      },
    },
    async (request) => {
      const { by, period, ...filters } = request.query;
      return indicatorBreakdown({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, code: request.params.code, by, period, filters });
    },
  );
  app.get(
    '/api/programs/:id/dashboard',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['monitoring'],
        summary: 'The programme dashboard: indicators against targets, funnel, trend, provinces and cascade, read from rollups; small cells hidden from viewers',
        params: idParams,
        querystring: indicatorFiltersQuery,
        response: { 200: dashboardView },
      },
    },
    async (request) => programmeDashboard({ db: ctx.db, actor: actorOf(request), programmeId: request.params.id, filters: request.query }),
  );
  app.get(
    '/api/national',
    {
      config: { access: { roles: GLOBAL_ACTION_ROLES['national.read'] } },
      schema: { tags: ['monitoring'], summary: 'Unique MSMEs and people reached across all programmes, against the national goal', response: { 200: nationalView } },
    },
    async () => nationalReport(ctx.db),
  );
}
