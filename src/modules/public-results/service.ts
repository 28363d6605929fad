import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { project } from '../../core/periods.ts';
import type { Actor } from '../../core/policy.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { organisation, programme, publicResults, region, rollupState, target } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/service.ts';
import { currentDefinitions } from '../monitoring/definitions.ts';
import { computeIndicator } from '../monitoring/indicators.ts';
import { suppress } from '../monitoring/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { headlineTarget } from '../reports/headline.ts';

/** The indicators a public results page shows, in this order. */
export const PUBLIC_INDICATORS = [
  'msme_enrolled',
  'msme_trained',
  'people_trained',
  'women_share',
  'msme_onboarded',
  'first_online_sale',
  'sessions_held',
  'regencies_reached',
] as const;

/** Per-province columns of the public page and the indicator each counts. */
const PROVINCE_COLUMNS = { enrolled: 'msme_enrolled', trained: 'msme_trained', onboarded: 'msme_onboarded' } as const;

export type PublicResultsSetting = { published: boolean; publishedAt: string | null };

export async function getPublicResultsSetting(options: { db: DbOrTx; actor: Actor; programmeId: string }): Promise<PublicResultsSetting> {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'programme.read');
  const [row] = await options.db.select().from(publicResults).where(eq(publicResults.programmeId, options.programmeId));
  return { published: Boolean(row), publishedAt: row?.publishedAt.toISOString() ?? null };
}

/** Publishes the programme's results page (opt-in by its manager) or withdraws it. */
export async function setPublicResults(options: { db: Db; actor: Actor; programmeId: string; published: boolean }): Promise<PublicResultsSetting> {
  const { db, actor, programmeId, published } = options;
  return db.transaction(async (tx) => {
    await authorizeProgramme(tx, actor, programmeId, 'results.publish');
    const [before] = await tx.select().from(publicResults).where(eq(publicResults.programmeId, programmeId));
    if (published && !before) await tx.insert(publicResults).values({ programmeId, publishedBy: actor.userId });
    if (!published && before) await tx.delete(publicResults).where(eq(publicResults.programmeId, programmeId));
    if (published !== Boolean(before)) {
      await recordAudit(tx, { actorUserId: actor.userId, action: published ? 'results.publish' : 'results.withdraw', entityType: 'programme', entityId: programmeId, programmeId, details: {} });
    }
    return getPublicResultsSetting({ db: tx, actor, programmeId });
  });
}

export type PublicResults = {
  code: string;
  name: string;
  owner: string;
  startDate: string | null;
  endDate: string | null;
  asOf: string;
  indicators: { code: string; name: { id: string; en: string }; unit: string; value: number | null; target: number | null; progress: number | null }[];
  byProvince: { code: string; name: string; enrolled: number | null; trained: number | null; onboarded: number | null }[];
};

const today = () => new Date(Date.now() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * The public results of a programme that its manager published: headline indicators against the
 * whole-programme targets and counts per province. Aggregates only, and every figure behind
 * fewer than 5 people is null. Not published (or unknown code): 404, the same answer.
 */
export async function publicProgrammeResults(db: DbOrTx, code: string): Promise<PublicResults> {
  const [p] = await db
    .select({ id: programme.id, code: programme.code, name: programme.name, startDate: programme.startDate, endDate: programme.endDate, owner: organisation.name })
    .from(programme)
    .innerJoin(publicResults, eq(publicResults.programmeId, programme.id))
    .innerJoin(organisation, eq(organisation.id, programme.ownerOrganisationId))
    .where(eq(programme.code, code.toUpperCase()));
  if (!p) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'results' } });
  const asOf = today();
  const definitions = (await currentDefinitions(db)).filter((d) => (PUBLIC_INDICATORS as readonly string[]).includes(d.code));
  const targets = await db
    .select()
    .from(target)
    .where(and(eq(target.programmeId, p.id), isNull(target.archivedAt), isNull(target.siteId), isNull(target.regionCode), isNull(target.sector), isNull(target.gender)));
  // The facts change only when the refresh job stamps rollup_state: until then the page is the same.
  const [state] = await db.select({ refreshedAt: rollupState.refreshedAt }).from(rollupState).where(eq(rollupState.programmeId, p.id));
  const key = JSON.stringify([p, asOf, state?.refreshedAt ?? null, definitions.map((d) => [d.code, d.version]), targets]);
  const cached = PAGE_CACHE.get(p.id);
  if (cached && cached.key === key && Date.now() - cached.at < PAGE_CACHE_MS) return cached.page;
  const page = await computePage(db, p, asOf, definitions, targets);
  PAGE_CACHE.set(p.id, { key, at: Date.now(), page });
  return page;
}

/**
 * The last page computed per programme, with what it was computed from. The page is public and
 * unauthenticated: without this every visit would count the programme's facts again.
 */
const PAGE_CACHE = new Map<string, { key: string; at: number; page: PublicResults }>();
const PAGE_CACHE_MS = 5 * 60 * 1000;

type PublishedProgramme = { id: string; code: string; name: string; startDate: string | null; endDate: string | null; owner: string };

async function computePage(
  db: DbOrTx,
  p: PublishedProgramme,
  asOf: string,
  definitions: Awaited<ReturnType<typeof currentDefinitions>>,
  targets: (typeof target.$inferSelect)[],
): Promise<PublicResults> {
  const indicators: PublicResults['indicators'] = [];
  for (const code of PUBLIC_INDICATORS) {
    const d = definitions.find((x) => x.code === code);
    if (!d) continue;
    const [cell] = suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [p.id] }), true);
    const comparisons = [];
    for (const t of targets.filter((x) => x.indicator === code)) {
      const period = { ...(t.periodStart ? { from: t.periodStart } : {}), ...(t.periodEnd ? { to: t.periodEnd } : {}) };
      const [actual] = t.periodStart || t.periodEnd ? suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [p.id], filters: period }), true) : [cell];
      const value = actual?.value ?? null;
      comparisons.push({
        targetId: t.id,
        value: Number(t.value),
        periodStart: t.periodStart,
        periodEnd: t.periodEnd,
        narrowedBy: { siteId: null, regionCode: null, sector: null, gender: null },
        actual: value,
        suppressed: actual?.suppressed ?? false,
        ...project({ actual: value, target: Number(t.value), start: t.periodStart ?? p.startDate, end: t.periodEnd ?? p.endDate, asOf }),
      });
    }
    const headline = headlineTarget(comparisons, asOf);
    indicators.push({ code, name: d.name, unit: d.unit, value: cell?.value ?? null, target: headline?.value ?? null, progress: headline?.progress ?? null });
  }
  const provinces = new Map<string, PublicResults['byProvince'][number]>();
  for (const [column, code] of Object.entries(PROVINCE_COLUMNS) as [keyof typeof PROVINCE_COLUMNS, string][]) {
    const d = definitions.find((x) => x.code === code);
    if (!d) continue;
    for (const cell of suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [p.id], by: ['province'] }), true)) {
      const province = cell.dims.province;
      if (!province) continue;
      const row = provinces.get(province) ?? { code: province, name: province, enrolled: 0, trained: 0, onboarded: 0 };
      row[column] = cell.value;
      provinces.set(province, row);
    }
  }
  if (provinces.size) {
    const names = await db.select({ code: region.code, name: region.name }).from(region).where(inArray(region.code, [...provinces.keys()]));
    for (const n of names) {
      const row = provinces.get(n.code);
      if (row) row.name = n.name;
    }
  }
  return {
    code: p.code,
    name: p.name,
    owner: p.owner,
    startDate: p.startDate,
    endDate: p.endDate,
    asOf,
    indicators,
    byProvince: [...provinces.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}
