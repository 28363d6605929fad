import { and, eq, isNull, sql } from 'drizzle-orm';
import { SMALL_CELL } from '../../core/indicator-spec.ts';
import { project } from '../../core/periods.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { rollupState, target } from '../../db/schema/index.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { currentDefinitions, type IndicatorDefinition } from './definitions.ts';
import { factsPending, NO_JIT } from './facts.ts';
import { computeIndicator, type IndicatorCell, type IndicatorFilters } from './indicators.ts';
import { cellFromCounts, factCounts, factRegencies, rollupCounts, rollupPlan, rollupRegencies, type Counts, type Measures, type RollupEvent } from './rollups.ts';
import { suppress, suppresses } from './service.ts';

export const FUNNEL_STAGES = ['enrolled', 'invited', 'attended', 'completed', 'onboarded', 'first_sale'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Where each funnel stage is counted: the event dating it and the counter (people). */
const STAGE_SOURCE: Record<FunnelStage, [RollupEvent, keyof Measures]> = {
  enrolled: ['enrolled', 'people'],
  invited: ['enrolled', 'invited'],
  attended: ['attended', 'people'],
  completed: ['completed', 'people'],
  onboarded: ['enrolled', 'onboarded'],
  first_sale: ['enrolled', 'first_sale'],
};

export type DashboardIndicator = {
  code: string;
  name: { id: string; en: string };
  unit: string;
  version: number;
  value: number | null;
  numerator: number;
  denominator: number | null;
  target: number | null;
  progress: number | null;
  projected: number | null;
  suppressed: boolean;
};

export type Dashboard = {
  programmeId: string;
  asOf: string | null;
  pending: boolean;
  indicators: DashboardIndicator[];
  funnel: { stage: FunnelStage; count: number | null; suppressed: boolean }[];
  trend: { period: string; enrolled: number | null; attended: number | null; completed: number | null; onboarded: number | null }[];
  byProvince: { code: string; name: string | null; enrolled: number | null; completed: number | null; onboarded: number | null; suppressed: boolean }[];
  cascade: { trainersCertified: number | null; reach: number | null; suppressed: boolean };
};

/** The numbers behind a dashboard before suppression: what the naive module recomputes from raw tables. */
export type DashboardNumbers = {
  indicators: Record<string, { value: number | null; numerator: number; denominator: number | null; people: number }>;
  funnel: Record<FunnelStage, number>;
  trend: { period: string; enrolled: number; attended: number; completed: number; onboarded: number }[];
  byProvince: { code: string; enrolled: number; completed: number; onboarded: number }[];
};

const small = (n: number | null, hide: boolean) => hide && n !== null && n > 0 && n < SMALL_CELL;

/**
 * Every indicator of a programme under some filters: from the rollup when a slice answers the
 * filters exactly, else (and for indicators the rollup cannot express) from the facts.
 */
class Evaluator {
  private readonly memo = new Map<string, Promise<unknown>>();
  constructor(
    private readonly db: DbOrTx,
    private readonly programmeId: string,
    private readonly distinctMsmes: boolean,
    private readonly hasRollup: boolean,
  ) {}

  /** Each query once per request, however many indicators need it. */
  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (!found) {
      found = work();
      this.memo.set(key, found);
    }
    return found;
  }

  private plan(filters: IndicatorFilters) {
    return this.hasRollup ? rollupPlan(filters) : null;
  }

  counts(filters: IndicatorFilters): Promise<Counts> {
    return this.once(`counts ${JSON.stringify(filters)}`, () => {
      const plan = this.plan(filters);
      return plan ? rollupCounts(this.db, this.programmeId, plan) : factCounts(this.db, this.programmeId, filters);
    });
  }

  /** Regencies with a trained MSME: from the rollups when a slice answers, else from the facts. */
  regencies(filters: IndicatorFilters): Promise<number> {
    return this.once(`regencies ${JSON.stringify(filters)}`, async () => {
      const plan = this.plan(filters);
      return (plan ? await rollupRegencies(this.db, this.programmeId, plan) : null) ?? factRegencies(this.db, this.programmeId, filters);
    });
  }

  async indicator(d: IndicatorDefinition, filters: IndicatorFilters): Promise<IndicatorCell> {
    // Counts read from the facts answer the same filters exactly as a rollup slice does.
    const counts = await this.counts(filters);
    const counted = cellFromCounts(d.spec, counts, this.distinctMsmes);
    if (counted) return counted;
    if (d.spec.measure === 'count_regencies' && d.spec.where.length === 2 && d.spec.where.includes('has_msme') && d.spec.where.includes('completed')) {
      const regencies = await this.regencies(filters);
      const people = counts.totals.completed?.msmes ?? 0;
      return { dims: {}, value: regencies, numerator: regencies, denominator: null, people };
    }
    const [cell] = await computeIndicator({ db: this.db, spec: d.spec, programmeIds: [this.programmeId], filters });
    return cell ?? { dims: {}, value: null, numerator: 0, denominator: null, people: 0 };
  }
}

const today = () => new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** The programme-wide target of an indicator (no narrowing): the one running today, else undated, else the latest. */
function headlineTarget(targets: (typeof target.$inferSelect)[], code: string, asOf: string) {
  const wide = targets.filter((t) => t.indicator === code && !t.siteId && !t.regionCode && !t.sector && !t.gender);
  const running = wide.find((t) => t.periodStart && t.periodEnd && t.periodStart <= asOf && asOf <= t.periodEnd);
  return running ?? wide.find((t) => !t.periodStart && !t.periodEnd) ?? [...wide].sort((a, b) => String(b.periodEnd).localeCompare(String(a.periodEnd)))[0];
}

/** Reads in one transaction (one snapshot of facts and rollups) without JIT compilation (see NO_JIT). */
function reading<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(NO_JIT);
    return work(tx);
  });
}

/** The dashboard's numbers, unsuppressed (shared by the service and the benchmark's comparison). */
export async function dashboardNumbers(options: { db: DbOrTx; programmeId: string; filters?: IndicatorFilters; definitions?: IndicatorDefinition[] }) {
  return reading(options.db, (db) => numbersOf({ ...options, db }));
}

async function numbersOf(options: { db: DbOrTx; programmeId: string; filters?: IndicatorFilters; definitions?: IndicatorDefinition[] }) {
  const { db, programmeId } = options;
  const filters = options.filters ?? {};
  const [state] = await db.select().from(rollupState).where(eq(rollupState.programmeId, programmeId));
  const evaluator = new Evaluator(db, programmeId, (state?.sharedMsmes ?? 1) === 0, Boolean(state));
  const definitions = options.definitions ?? (await currentDefinitions(db));
  const cells: { definition: IndicatorDefinition; cell: IndicatorCell }[] = [];
  for (const d of definitions) cells.push({ definition: d, cell: await evaluator.indicator(d, filters) });
  const counts = await evaluator.counts(filters);
  const read = (event: RollupEvent, column: keyof Measures, measures?: Partial<Record<RollupEvent, Measures>>) => (measures ?? counts.totals)[event]?.[column] ?? 0;

  const funnel = Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, read(...STAGE_SOURCE[stage])])) as Record<FunnelStage, number>;

  const months = new Map<string, Partial<Record<RollupEvent, Measures>>>();
  for (const row of counts.byMonth) months.set(row.month, { ...months.get(row.month), [row.event]: row.measures });
  const trend = [...months.keys()]
    .sort()
    .map((period) => {
      const m = months.get(period);
      return { period, enrolled: read('enrolled', 'people', m), attended: read('attended', 'people', m), completed: read('completed', 'people', m), onboarded: read('enrolled', 'onboarded', m) };
    })
    .filter((t) => t.enrolled + t.attended + t.completed + t.onboarded > 0);

  const provinces = new Map<string, Partial<Record<RollupEvent, Measures>>>();
  for (const row of counts.byProvince) if (row.event === 'enrolled' || row.event === 'completed') provinces.set(row.province, { ...provinces.get(row.province), [row.event]: row.measures });
  const byProvince = [...provinces.keys()]
    .sort()
    .map((code) => {
      const m = provinces.get(code);
      return { code, enrolled: read('enrolled', 'people', m), completed: read('completed', 'people', m), onboarded: read('enrolled', 'onboarded', m) };
    })
    .filter((p) => p.enrolled + p.completed > 0);

  return { state, evaluator, cells, numbers: { indicators: Object.fromEntries(cells.map(({ definition, cell }) => [definition.code, { value: cell.value, numerator: cell.numerator, denominator: cell.denominator, people: cell.people }])), funnel, trend, byProvince } };
}

/**
 * The programme dashboard: every indicator with its target, progress and projection, the
 * funnel, the monthly trend, the provinces and the ToT cascade, under the same filters. Small
 * cells are suppressed for viewers.
 */
export async function programmeDashboard(options: { db: DbOrTx; actor: Actor; programmeId: string; filters?: IndicatorFilters }): Promise<Dashboard> {
  return reading(options.db, (db) => dashboardOf({ ...options, db }));
}

async function dashboardOf(options: { db: DbOrTx; actor: Actor; programmeId: string; filters?: IndicatorFilters }): Promise<Dashboard> {
  const { db, actor, programmeId } = options;
  const p = await authorizeProgramme(db, actor, programmeId, 'dashboard.read');
  const filters = options.filters ?? {};
  const hide = suppresses(actor);
  const asOf = today();
  const { state, evaluator, cells, numbers } = await numbersOf({ db, programmeId, filters });
  const targets = await db.select().from(target).where(and(eq(target.programmeId, programmeId), isNull(target.archivedAt)));

  const indicators: DashboardIndicator[] = [];
  for (const { definition: d, cell } of cells) {
    const [shown] = suppress([cell], hide);
    const t = headlineTarget(targets, d.code, asOf);
    let progress: number | null = null;
    let projected: number | null = null;
    if (t && shown && !shown.suppressed) {
      // The actual for a dated target is counted over the target's period, as the indicators page does.
      const periodFilters = { ...filters, ...(t.periodStart ? { from: t.periodStart } : {}), ...(t.periodEnd ? { to: t.periodEnd } : {}) };
      const [actual] = suppress([t.periodStart || t.periodEnd ? await evaluator.indicator(d, periodFilters) : cell], hide);
      const value = actual && !actual.suppressed ? actual.value : null;
      const targetValue = Number(t.value);
      progress = value !== null && targetValue > 0 ? Math.round((value / targetValue) * 10_000) / 10_000 : null;
      projected = project({ actual: value, target: targetValue, start: t.periodStart ?? p.startDate, end: t.periodEnd ?? p.endDate, asOf }).projected;
    }
    indicators.push({
      code: d.code,
      name: d.name,
      unit: d.unit,
      version: d.version,
      value: shown?.value ?? null,
      numerator: shown?.numerator ?? 0,
      denominator: shown?.denominator ?? null,
      target: t ? Number(t.value) : null,
      progress,
      projected,
      suppressed: shown?.suppressed ?? false,
    });
  }

  const names = await provinceNames(db, numbers.byProvince.map((r) => r.code));
  const trainers = numbers.indicators.trainers_certified?.value ?? null;
  const reach = numbers.indicators.cascade_reach?.value ?? null;
  const cascadeHidden = small(trainers, hide) || small(reach, hide);
  return {
    programmeId,
    asOf: state ? state.refreshedAt.toISOString() : null,
    pending: await factsPending(db, programmeId),
    indicators,
    funnel: FUNNEL_STAGES.map((stage) => {
      const count = numbers.funnel[stage];
      return small(count, hide) ? { stage, count: null, suppressed: true } : { stage, count, suppressed: false };
    }),
    trend: numbers.trend.map((t) => ({
      period: t.period,
      enrolled: small(t.enrolled, hide) ? null : t.enrolled,
      attended: small(t.attended, hide) ? null : t.attended,
      completed: small(t.completed, hide) ? null : t.completed,
      onboarded: small(t.onboarded, hide) ? null : t.onboarded,
    })),
    byProvince: numbers.byProvince.map((r) => {
      const hidden = small(r.enrolled, hide) || small(r.completed, hide) || small(r.onboarded, hide);
      return hidden
        ? { code: r.code, name: names[r.code] ?? null, enrolled: null, completed: null, onboarded: null, suppressed: true }
        : { code: r.code, name: names[r.code] ?? null, enrolled: r.enrolled, completed: r.completed, onboarded: r.onboarded, suppressed: false };
    }),
    cascade: cascadeHidden ? { trainersCertified: null, reach: null, suppressed: true } : { trainersCertified: trainers, reach, suppressed: false },
  };
}

async function provinceNames(db: DbOrTx, codes: string[]): Promise<Record<string, string>> {
  const known = codes.filter(Boolean);
  if (known.length === 0) return {};
  const result = await db.execute(sql`SELECT code, name FROM region WHERE code = ANY(${`{${known.join(',')}}`}::text[])`);
  return Object.fromEntries((result as unknown as { rows: { code: string; name: string }[] }).rows.map((r) => [r.code, r.name]));
}
