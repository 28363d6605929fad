import { and, sql } from 'drizzle-orm';
import { diffInDiff, pairedChange, type PanelUnit } from '../../core/impact-stats.ts';
import { SMALL_CELL } from '../../core/indicator-spec.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { factsPending } from '../monitoring/facts.ts';
import { participantFilters, type IndicatorFilters } from '../monitoring/indicators.ts';
import { suppresses } from '../monitoring/service.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { DID_INTERVAL, didCaveats, shownCount, type Bilingual } from './did-notes.ts';

export type { Bilingual, Caveat } from './did-notes.ts';

export type PrePostView = {
  n: number | null;
  meanBefore: number | null;
  meanAfter: number | null;
  meanChange: number | null;
  low: number | null;
  high: number | null;
  df: number | null;
  suppressed: boolean;
};

export type GroupView = { n: number | null; meanBefore: number | null; meanAfter: number | null; meanChange: number | null };

export type DidEstimateView = {
  estimate: number | null;
  low: number | null;
  high: number | null;
  se: number | null;
  df: number | null;
  treated: GroupView;
  comparison: GroupView;
  suppressed: boolean;
};

export const DID_METHOD: Bilingual = {
  id:
    'Selisih-dalam-selisih (difference-in-differences) pada panel dua waktu: perubahan rata-rata (endline − baseline) kelompok terlatih dikurangi perubahan rata-rata kelompok pembanding. ' +
    'Kelompok terlatih: UMKM yang menyelesaikan jalur belajar paling lambat pada tanggal asesmen endline-nya. Kelompok pembanding: UMKM terdaftar yang belum menghadiri sesi apa pun sampai tanggal endline-nya ' +
    '(belum dilatih, termasuk kohort berikutnya). UMKM yang baru dilatih sebagian dikeluarkan. Hanya UMKM dengan baseline dan endline. Penjualan daring pertama: tonggak terverifikasi dengan tanggal tercapai paling lambat ' +
    'tanggal asesmen (model probabilitas linear, dalam poin persentase). ' +
    DID_INTERVAL.id,
  en:
    'Difference-in-differences on a two-period panel: the mean change (endline − baseline) of the trained group minus the mean change of the comparison group. ' +
    'Trained group: MSMEs that completed the learning path on or before the date of their endline assessment. Comparison group: enrolled MSMEs that had attended no session by the date of their endline ' +
    '(not yet trained, including a later cohort). Partly trained MSMEs are left out. Only MSMEs with both a baseline and an endline. First online sale: a verified milestone reached on or before the assessment ' +
    'date (linear probability model, in percentage points). ' +
    DID_INTERVAL.en,
};

export const PRE_POST_METHOD: Bilingual = {
  id: 'Perubahan rata-rata berpasangan (sesudah − sebelum) pada orang/UMKM yang memiliki kedua pengukuran, dengan interval kepercayaan 95 % dari distribusi t (derajat bebas n − 1). Ini bukan dampak kausal: tanpa pembanding, perubahan juga memuat tren umum.',
  en: 'Mean paired change (after − before) over people/MSMEs with both measurements, with a 95 % confidence interval from the t distribution (n − 1 degrees of freedom). Not a causal effect: without a comparison group the change includes general trends.',
};

const NO_COMPARISON: Bilingual = {
  id: 'Tidak ada kelompok pembanding: tidak ada UMKM dengan baseline dan endline yang belum dilatih saat endline. Dampak kausal tidak dapat diperkirakan; lihat hanya perubahan sebelum–sesudah.',
  en: 'No comparison group: no MSME with a baseline and an endline was still untrained at its endline. A causal effect cannot be estimated; see only the before–after change.',
};
const NO_TREATED: Bilingual = {
  id: 'Belum ada UMKM terlatih dengan baseline dan endline: dampak belum dapat diperkirakan.',
  en: 'No trained MSME has both a baseline and an endline yet: the effect cannot be estimated.',
};

const round = (v: number | null, digits = 3) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function prePostView(pairs: [number, number][], hide: boolean): PrePostView {
  const r = pairedChange(pairs);
  if (hide && r.n > 0 && r.n < SMALL_CELL) return { n: null, meanBefore: null, meanAfter: null, meanChange: null, low: null, high: null, df: null, suppressed: true };
  return {
    n: r.n,
    meanBefore: round(r.meanBefore),
    meanAfter: round(r.meanAfter),
    meanChange: round(r.meanChange),
    low: round(r.interval?.low ?? null),
    high: round(r.interval?.high ?? null),
    df: r.df,
    suppressed: false,
  };
}

type PanelRow = { before: number; after: number; sale_before: boolean; sale_after: boolean; grp: 'treated' | 'comparison' | 'partial' };

function didView(units: PanelUnit[], scale: number, hide: boolean): DidEstimateView {
  const r = diffInDiff(units);
  const small = (n: number) => n > 0 && n < SMALL_CELL;
  const scaled = (v: number | null) => round(v === null ? null : v * scale);
  const group = (g: typeof r.treated): GroupView => ({ n: g.n, meanBefore: scaled(g.meanBefore), meanAfter: scaled(g.meanAfter), meanChange: scaled(g.meanChange) });
  if (hide && (small(r.treated.n) || small(r.comparison.n))) {
    const blank: GroupView = { n: null, meanBefore: null, meanAfter: null, meanChange: null };
    return { estimate: null, low: null, high: null, se: null, df: null, treated: blank, comparison: blank, suppressed: true };
  }
  return {
    estimate: scaled(r.estimate),
    low: scaled(r.interval?.low ?? null),
    high: scaled(r.interval?.high ?? null),
    se: scaled(r.se),
    df: round(r.df, 2),
    treated: group(r.treated),
    comparison: group(r.comparison),
    suppressed: false,
  };
}

/**
 * Impact of a programme: before–after change with 95 % intervals for maturity level and test
 * score, and, where a comparison group exists, difference-in-differences on maturity and on the
 * first-online-sale rate with the method, sample sizes and caveats. Viewers never see a group
 * of fewer than 5.
 */
export async function programmeImpact(options: { db: DbOrTx; actor: Actor; programmeId: string; filters?: IndicatorFilters }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'impact.read');
  const hide = suppresses(actor);
  const scope = and(sql`f.programme_id = ${programmeId}`, ...participantFilters(options.filters ?? {}, sql`f.enrolled_at`));

  const maturityRows = await db.execute<{ before: number; after: number }>(sql`
    SELECT DISTINCT ON (f.msme_id) f.maturity_baseline AS before, f.maturity_endline AS after
    FROM participant_fact f WHERE ${scope} AND f.msme_id IS NOT NULL AND f.maturity_baseline IS NOT NULL AND f.maturity_endline IS NOT NULL
    ORDER BY f.msme_id, f.person_id`);
  const testRows = await db.execute<{ before: string; after: string }>(sql`
    SELECT f.pre_score AS before, f.post_score AS after FROM participant_fact f WHERE ${scope} AND f.pre_score IS NOT NULL AND f.post_score IS NOT NULL`);
  const pairs = (result: unknown) => (result as { rows: { before: unknown; after: unknown }[] }).rows.map((r) => [Number(r.before), Number(r.after)] as [number, number]);

  // The panel: MSMEs with a baseline and an endline in this programme, their group at endline,
  // and whether their first online sale (verified, in any programme) had happened at each time.
  const panelResult = await db.execute(sql`
    WITH panel AS (
      SELECT DISTINCT ON (b.msme_id) b.level AS before, e.level AS after, b.assessed_on AS base_on, e.assessed_on AS end_on, f.completed_at, f.first_attended_at,
             (SELECT min(ms.reached_on) FROM msme_milestone ms WHERE ms.msme_id = b.msme_id AND ms.kind = 'first_online_sale' AND ms.status = 'verified') AS sale_on
      FROM maturity_assessment b
      JOIN maturity_assessment e ON e.programme_id = b.programme_id AND e.msme_id = b.msme_id AND e.phase = 'endline'
      JOIN participant_fact f ON f.programme_id = b.programme_id AND f.msme_id = b.msme_id
      WHERE b.programme_id = ${programmeId} AND b.phase = 'baseline' AND ${scope}
      ORDER BY b.msme_id, f.person_id)
    SELECT before, after, coalesce(sale_on <= base_on, false) AS sale_before, coalesce(sale_on <= end_on, false) AS sale_after,
           CASE WHEN completed_at IS NOT NULL AND (completed_at AT TIME ZONE 'Asia/Jakarta')::date <= end_on THEN 'treated'
                WHEN first_attended_at IS NULL OR (first_attended_at AT TIME ZONE 'Asia/Jakarta')::date > end_on THEN 'comparison'
                ELSE 'partial' END AS grp
    FROM panel`);
  const panel = (panelResult as unknown as { rows: PanelRow[] }).rows;
  const inPanel = panel.filter((r) => r.grp !== 'partial');
  const maturityUnits = inPanel.map((r) => ({ treated: r.grp === 'treated', before: Number(r.before), after: Number(r.after) }));
  const saleUnits = inPanel.map((r) => ({ treated: r.grp === 'treated', before: r.sale_before ? 1 : 0, after: r.sale_after ? 1 : 0 }));
  const treatedN = inPanel.filter((r) => r.grp === 'treated').length;
  const comparisonN = inPanel.length - treatedN;
  const partialN = panel.length - inPanel.length;
  const caveats = didCaveats({ treated: treatedN, comparison: comparisonN, partial: partialN });
  const available = treatedN > 0 && comparisonN > 0;
  const unavailable = treatedN === 0 ? { code: 'no_treated_group', ...NO_TREATED } : { code: 'no_comparison_group', ...NO_COMPARISON };

  return {
    programmeId,
    factsPending: await factsPending(db, programmeId),
    prePost: {
      method: PRE_POST_METHOD,
      maturity: prePostView(pairs(maturityRows), hide),
      testScore: prePostView(pairs(testRows), hide),
    },
    differenceInDifferences: {
      available,
      unavailableReason: available ? null : unavailable,
      method: DID_METHOD,
      samples: {
        treated: { baseline: shownCount(treatedN, hide), endline: shownCount(treatedN, hide) },
        comparison: { baseline: shownCount(comparisonN, hide), endline: shownCount(comparisonN, hide) },
        partlyTrainedExcluded: shownCount(partialN, hide),
      },
      maturity: available ? didView(maturityUnits, 1, hide) : null,
      firstOnlineSale: available ? didView(saleUnits, 100, hide) : null,
      caveats: available ? caveats : [],
    },
  };
}
