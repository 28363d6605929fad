import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { SMALL_CELL, type Dimension } from '../../core/indicator-spec.ts';
import { project, type Granularity } from '../../core/periods.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { nationalJobs } from '../outcome-surveys/indicator-cells.ts';
import { region, target } from '../../db/schema/index.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { currentDefinitions, type IndicatorDefinition } from './definitions.ts';
import { factsPending } from './facts.ts';
import { computeIndicator, type IndicatorCell, type IndicatorFilters } from './indicators.ts';

/** Viewers (oversight) and the public never see a cell of fewer than SMALL_CELL people. */
export function suppresses(actor: Actor | null): boolean {
  return actor === null || actor.role === 'viewer';
}

export type ShownCell = IndicatorCell & { suppressed: boolean };

/** Blanks cells behind fewer than SMALL_CELL people (but not empty ones: zero reveals no one). */
export function suppress(cells: IndicatorCell[], apply: boolean): ShownCell[] {
  return cells.map((c) =>
    apply && c.people > 0 && c.people < SMALL_CELL ? { ...c, value: null, numerator: 0, denominator: null, people: 0, suppressed: true } : { ...c, suppressed: false },
  );
}

const today = () => new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

export type TargetComparison = {
  targetId: string;
  value: number;
  periodStart: string | null;
  periodEnd: string | null;
  narrowedBy: { siteId: string | null; regionCode: string | null; sector: string | null; gender: string | null };
  actual: number | null;
  suppressed: boolean;
  progress: number | null;
  projected: number | null;
  elapsed: number | null;
};

export type ProgrammeIndicator = {
  code: string;
  version: number;
  name: { id: string; en: string };
  unit: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  suppressed: boolean;
  targets: TargetComparison[];
};

/** A target's narrowing as indicator filters (a province code has 2 digits, a regency `dd.dd`). */
function targetFilters(t: typeof target.$inferSelect, base: IndicatorFilters): IndicatorFilters {
  return {
    ...base,
    ...(t.siteId ? { siteId: t.siteId } : {}),
    ...(t.regionCode ? (t.regionCode.length === 2 ? { province: t.regionCode } : { regency: t.regionCode.slice(0, 5) }) : {}),
    ...(t.sector ? { sector: t.sector } : {}),
    ...(t.gender ? { gender: t.gender } : {}),
    ...(t.periodStart ? { from: t.periodStart } : {}),
    ...(t.periodEnd ? { to: t.periodEnd } : {}),
  };
}

/**
 * Every current indicator of a programme with its value, and each of its targets compared with
 * the actual value for the target's narrowing and period: progress and the projected value
 * at the end of the period (or of the programme) at the current pace.
 */
export async function programmeIndicators(options: { db: DbOrTx; actor: Actor; programmeId: string; filters?: IndicatorFilters }) {
  const { db, actor, programmeId } = options;
  const p = await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const filters = options.filters ?? {};
  const definitions = await currentDefinitions(db);
  const targets = await db.select().from(target).where(and(eq(target.programmeId, programmeId), isNull(target.archivedAt)));
  const hide = suppresses(actor);
  const asOf = today();
  const items: ProgrammeIndicator[] = [];
  for (const d of definitions) {
    const [cell] = suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [programmeId], filters }), hide);
    const comparisons: TargetComparison[] = [];
    for (const t of targets.filter((x) => x.indicator === d.code)) {
      const [actual] = suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [programmeId], filters: targetFilters(t, filters) }), hide);
      const start = t.periodStart ?? p.startDate;
      const end = t.periodEnd ?? p.endDate;
      const value = actual?.value ?? null;
      comparisons.push({
        targetId: t.id,
        value: Number(t.value),
        periodStart: t.periodStart,
        periodEnd: t.periodEnd,
        narrowedBy: { siteId: t.siteId, regionCode: t.regionCode, sector: t.sector, gender: t.gender },
        actual: value,
        suppressed: actual?.suppressed ?? false,
        ...project({ actual: value, target: Number(t.value), start, end, asOf }),
      });
    }
    items.push({
      code: d.code,
      version: d.version,
      name: d.name,
      unit: d.unit,
      value: cell?.value ?? null,
      numerator: cell?.numerator ?? 0,
      denominator: cell?.denominator ?? null,
      suppressed: cell?.suppressed ?? false,
      targets: comparisons,
    });
  }
  return { programmeId, asOf, factsPending: await factsPending(db, programmeId), items };
}

async function definitionOf(db: DbOrTx, code: string): Promise<IndicatorDefinition> {
  const d = (await currentDefinitions(db)).find((x) => x.code === code);
  if (!d) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'indicator' } });
  return d;
}

/** Names for region, site and partner codes in breakdown cells. */
async function labels(db: DbOrTx, dims: readonly Dimension[], cells: ShownCell[]): Promise<Record<string, string>> {
  const wanted = new Set<string>();
  for (const c of cells) for (const d of dims) if (['province', 'regency', 'site', 'partner'].includes(d) && c.dims[d]) wanted.add(c.dims[d] as string);
  if (wanted.size === 0) return {};
  const list = `{${[...wanted].join(',')}}`;
  const rows = await db.execute<{ key: string; label: string }>(sql`
    SELECT code AS key, name AS label FROM ${region} WHERE code = ANY(${list}::text[])
    UNION ALL SELECT id::text, name FROM site WHERE id::text = ANY(${list}::text[])
    UNION ALL SELECT id::text, coalesce(short_name, name) FROM organisation WHERE id::text = ANY(${list}::text[])`);
  return Object.fromEntries((rows as unknown as { rows: { key: string; label: string }[] }).rows.map((r) => [r.key, r.label]));
}

/** One indicator broken down by one or two dimensions (and by period length for `month`). */
export async function indicatorBreakdown(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  code: string;
  by: Dimension[];
  period?: Granularity;
  filters?: IndicatorFilters;
}) {
  const { db, actor, programmeId, code, by } = options;
  await authorizeProgramme(db, actor, programmeId, 'programme.read');
  const d = await definitionOf(db, code);
  const refused = by.find((dim) => !d.disaggregations.includes(dim));
  if (refused) throw new AppError('validation', 'errors.validation', { fields: { by: 'errors.indicator.dimension' }, params: { dimension: refused } });
  const cells = suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [programmeId], filters: options.filters, by, period: options.period }), suppresses(actor));
  cells.sort((a, b) => by.map((dim) => String(a.dims[dim] ?? '~').localeCompare(String(b.dims[dim] ?? '~'))).find((x) => x !== 0) ?? 0);
  return { code: d.code, version: d.version, name: d.name, unit: d.unit, by, period: options.period ?? 'month', labels: await labels(db, by, cells), cells };
}

/** The national goal: 30 million MSMEs on-boarded digitally (of 60 million). */
export const NATIONAL_GOAL = 30_000_000;
/** The national goal for tourism and the creative economy: 4.4 million new jobs. */
export const NATIONAL_JOBS_GOAL = 4_400_000;

export type NationalReport = {
  uniqueMsmes: number;
  uniquePersons: number;
  onboardedMsmes: number;
  goal: number;
  programmes: number;
  /** MSMEs trained (completed) in two or more programmes: counted once above. */
  trainedInSeveral: number;
  /** MSMEs enrolled in two or more programmes. */
  enrolledInSeveral: number;
  /** Net new workers across all programmes, each MSME once (first baseline → latest answer). */
  jobsCreated: number;
  /** MSMEs behind jobsCreated (a baseline and a later answer); the others are not counted as zero. */
  jobsMsmesMeasured: number;
  jobsGoal: number;
};

/**
 * Reach across all programmes, each MSME and person counted once however many programmes they
 * are in (the registry is shared), against the national goal.
 */
export async function nationalReport(db: DbOrTx): Promise<NationalReport> {
  const rows = await db.execute<Record<string, number>>(sql`
    SELECT
      (SELECT count(DISTINCT msme_id) FROM enrolment WHERE msme_id IS NOT NULL)::int AS unique_msmes,
      (SELECT count(DISTINCT person_id) FROM enrolment)::int AS unique_persons,
      (SELECT count(*) FROM msme m WHERE m.maturity_level >= 2 AND EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = m.owner_person_id))::int AS onboarded,
      (SELECT count(*) FROM programme WHERE archived_at IS NULL)::int AS programmes,
      (SELECT count(*) FROM (SELECT msme_id FROM participant_fact WHERE completed AND msme_id IS NOT NULL GROUP BY msme_id HAVING count(DISTINCT programme_id) > 1) x)::int AS trained_several,
      (SELECT count(*) FROM (SELECT msme_id FROM enrolment WHERE msme_id IS NOT NULL GROUP BY msme_id HAVING count(*) > 1) y)::int AS enrolled_several`);
  const r = (rows as unknown as { rows: Record<string, number>[] }).rows[0] ?? {};
  const jobs = await nationalJobs(db);
  return {
    uniqueMsmes: Number(r.unique_msmes ?? 0),
    uniquePersons: Number(r.unique_persons ?? 0),
    onboardedMsmes: Number(r.onboarded ?? 0),
    goal: NATIONAL_GOAL,
    programmes: Number(r.programmes ?? 0),
    trainedInSeveral: Number(r.trained_several ?? 0),
    enrolledInSeveral: Number(r.enrolled_several ?? 0),
    jobsCreated: jobs.jobsCreated,
    jobsMsmesMeasured: jobs.msmesMeasured,
    jobsGoal: NATIONAL_JOBS_GOAL,
  };
}

