import { sql } from 'drizzle-orm';
import { diffInDiff, type PanelUnit } from '../../core/impact-stats.ts';
import { SMALL_CELL } from '../../core/indicator-spec.ts';
import { REVENUE_BANDS } from '../../core/outcome-survey.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { currentDefinitions } from '../monitoring/definitions.ts';
import { computeIndicator } from '../monitoring/indicators.ts';
import { suppress, suppresses } from '../monitoring/service.ts';
import { DID_INTERVAL, didCaveats, shownCount, type Bilingual } from '../impact/did-notes.ts';
import { authorizeProgramme } from '../programmes/access.ts';
import { outcomeResponseCounts } from './indicator-cells.ts';

const OUTCOME_CODES = ['msme_revenue_growth', 'online_sales_share', 'jobs_created'] as const;

const rate = (n: number, of: number) => (of > 0 ? Math.round((1000 * n) / of) / 10 : null);
const round = (v: number | null, digits = 2) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** How the outcome estimates are made (the interval sentence is the impact report's). */
export const OUTCOME_DID_METHOD: Bilingual = {
  id:
    'Selisih-dalam-selisih (difference-in-differences) pada jawaban survei hasil: perubahan rata-rata (jawaban terakhir − baseline) kelompok terlatih dikurangi perubahan rata-rata kelompok pembanding. ' +
    'Hanya UMKM dengan jawaban baseline dan jawaban sesudahnya (endline atau 6 bulan sesudah; yang terakhir). Kelompok terlatih: pemiliknya menyelesaikan jalur belajar paling lambat saat jawaban terakhir itu. ' +
    'Kelompok pembanding: belum menghadiri sesi apa pun saat itu (belum dilatih, termasuk kohort berikutnya). UMKM yang baru dilatih sebagian dikeluarkan; UMKM yang belum menjawab tidak dihitung sebagai nol. ' +
    'Pekerja: dibayar + tidak dibayar, per UMKM. Porsi penjualan daring: dalam poin persentase. Kelompok omzet: selisih peringkat di antara enam kelompok omzet bulanan (skala urutan, bukan rupiah). ' +
    DID_INTERVAL.id,
  en:
    'Difference-in-differences on the outcome survey answers: the mean change (latest answer − baseline) of the trained group minus the mean change of the comparison group. ' +
    'Only MSMEs with a baseline answer and a later one (endline or six months after; the latest). Trained group: the owner completed the learning path by the time of that later answer. ' +
    'Comparison group: had attended no session by then (not yet trained, including a later cohort). Partly trained MSMEs are left out; MSMEs that did not answer are not counted as zero. ' +
    'Workers: paid + unpaid, per MSME. Online share of sales: in percentage points. Revenue band: steps between the six monthly revenue bands (an ordered scale, not rupiah). ' +
    DID_INTERVAL.en,
};

const NO_COMPARISON: Bilingual = {
  id: 'Tidak ada kelompok pembanding: tidak ada UMKM dengan jawaban baseline dan jawaban sesudahnya yang belum mengikuti pelatihan saat itu. Efek tidak dapat diperkirakan.',
  en: 'No comparison group: no MSME with a baseline and a later answer was still untrained at that time. An effect cannot be estimated.',
};
const NO_TREATED: Bilingual = {
  id: 'Belum ada UMKM terlatih dengan jawaban baseline dan jawaban sesudahnya: efek belum dapat diperkirakan.',
  en: 'No trained MSME has a baseline and a later answer yet: the effect cannot be estimated.',
};

type DidRow = { grp: 'treated' | 'comparison' | 'partial'; workers_before: number; workers_after: number; share_before: number; share_after: number; band_before: string; band_after: string };

/**
 * Difference-in-differences on the outcome answers (src/core/impact-stats.ts, as the impact
 * report does for maturity): MSMEs with a baseline and a later answer, treated when their owner
 * completed the learning path by the later answer, comparison when they had attended nothing by
 * then; partly trained MSMEs are left out (and counted). The method and caveats go with it.
 */
async function outcomeDid(db: DbOrTx, programmeId: string, hide: boolean) {
  const result = await db.execute(sql`
    WITH b AS (SELECT msme_id, workers_paid + workers_unpaid AS workers, online_share_percent AS share, revenue_band::text AS band FROM outcome_response WHERE programme_id = ${programmeId} AND phase = 'baseline'),
    l AS (SELECT DISTINCT ON (msme_id) msme_id, workers_paid + workers_unpaid AS workers, online_share_percent AS share, revenue_band::text AS band, answered_at
          FROM outcome_response WHERE programme_id = ${programmeId} AND phase <> 'baseline' ORDER BY msme_id, answered_at DESC),
    f AS (SELECT msme_id, min(completed_at) AS completed_at, min(first_attended_at) AS first_attended_at FROM participant_fact WHERE programme_id = ${programmeId} AND msme_id IS NOT NULL GROUP BY msme_id)
    SELECT CASE WHEN f.completed_at IS NOT NULL AND f.completed_at <= l.answered_at THEN 'treated'
                WHEN f.first_attended_at IS NULL OR f.first_attended_at > l.answered_at THEN 'comparison' ELSE 'partial' END AS grp,
           b.workers AS workers_before, l.workers AS workers_after, b.share AS share_before, l.share AS share_after, b.band AS band_before, l.band AS band_after
    FROM b JOIN l ON l.msme_id = b.msme_id LEFT JOIN f ON f.msme_id = b.msme_id`);
  const panel = (result as unknown as { rows: DidRow[] }).rows;
  const rows = panel.filter((r) => r.grp !== 'partial');
  const treated = rows.filter((r) => r.grp === 'treated').length;
  const comparison = rows.length - treated;
  const partial = panel.length - rows.length;
  const available = treated > 0 && comparison > 0;
  const hidden = hide && ((treated > 0 && treated < SMALL_CELL) || (comparison > 0 && comparison < SMALL_CELL));
  const estimate = (units: PanelUnit[]) => {
    if (!available || hidden) return null;
    const r = diffInDiff(units);
    return { estimate: round(r.estimate), low: round(r.interval?.low ?? null), high: round(r.interval?.high ?? null), treatedChange: round(r.treated.meanChange), comparisonChange: round(r.comparison.meanChange) };
  };
  const bandRank = (b: string) => REVENUE_BANDS.indexOf(b as (typeof REVENUE_BANDS)[number]);
  return {
    available,
    unavailableReason: available ? null : treated === 0 ? { code: 'no_treated_group', ...NO_TREATED } : { code: 'no_comparison_group', ...NO_COMPARISON },
    method: OUTCOME_DID_METHOD,
    treated: hidden ? null : treated,
    comparison: hidden ? null : comparison,
    /** MSMEs with both answers left out because they were partly trained at the later one. */
    partlyTrainedExcluded: shownCount(partial, hide),
    /** Net workers per MSME. */
    workers: estimate(rows.map((r) => ({ treated: r.grp === 'treated', before: Number(r.workers_before), after: Number(r.workers_after) }))),
    /** Percentage points of online sales. */
    onlineShare: estimate(rows.map((r) => ({ treated: r.grp === 'treated', before: Number(r.share_before), after: Number(r.share_after) }))),
    /** Revenue bands moved (rank difference). */
    revenueBand: estimate(rows.map((r) => ({ treated: r.grp === 'treated', before: bandRank(r.band_before), after: bandRank(r.band_after) }))),
    caveats: available ? didCaveats({ treated, comparison, partial }) : [],
  };
}

/**
 * The outcome indicators of a programme with their response rates: how many of the enrolled
 * MSMEs answered what each indicator needs (non-response is shown, never counted as zero),
 * answers per phase, and difference-in-differences where a comparison group exists.
 */
export async function programmeOutcomes(options: { db: DbOrTx; actor: Actor; programmeId: string }) {
  const { db, actor, programmeId } = options;
  await authorizeProgramme(db, actor, programmeId, 'report.read');
  const hide = suppresses(actor);
  const counts = await outcomeResponseCounts(db, programmeId);
  const definitions = (await currentDefinitions(db)).filter((d) => (OUTCOME_CODES as readonly string[]).includes(d.code));
  const indicators = [];
  for (const code of OUTCOME_CODES) {
    const d = definitions.find((x) => x.code === code);
    if (!d) continue;
    const [cell] = suppress(await computeIndicator({ db, spec: d.spec, programmeIds: [programmeId] }), hide);
    const respondents = cell?.denominator ?? 0;
    indicators.push({
      code: d.code,
      version: d.version,
      name: d.name,
      unit: d.unit,
      value: cell?.value ?? null,
      suppressed: cell?.suppressed ?? false,
      /** MSMEs whose answers the value is made of. */
      respondents,
      eligible: counts.eligible,
      responseRate: rate(respondents, counts.eligible),
    });
  }
  return {
    programmeId,
    eligible: counts.eligible,
    answered: counts.answered,
    responseRate: rate(counts.answered, counts.eligible),
    byPhase: counts.byPhase.map((p) => ({ ...p, responseRate: rate(p.answered, counts.eligible) })),
    indicators,
    differenceInDifferences: await outcomeDid(db, programmeId, hide),
  };
}
