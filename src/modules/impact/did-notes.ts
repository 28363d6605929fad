import { SMALL_CELL } from '../../core/indicator-spec.ts';

/**
 * What goes with every difference-in-differences estimate, whatever it measures (maturity and
 * first online sale in the impact report, workers, online share and revenue band in the outcome
 * surveys): the interval method, the caveats and the group sizes as shown to the caller.
 */

/** Text in both languages, shown next to the numbers. */
export type Bilingual = { id: string; en: string };
export type Caveat = Bilingual & { code: string };

/** The last sentence of every difference-in-differences method text. */
export const DID_INTERVAL: Bilingual = {
  id: 'Interval kepercayaan 95 % dengan galat baku Welch (varians tak sama) dan derajat bebas Welch–Satterthwaite, distribusi t.',
  en: '95 % confidence interval with Welch (unequal variances) standard error and Welch–Satterthwaite degrees of freedom, t distribution.',
};

/** Below this many MSMEs in either group the small-sample caveat is added. */
const SMALL_SAMPLE = 30;

const CAVEATS = {
  parallel_trends: {
    id: 'Asumsi tren paralel: estimasi hanya sahih bila, tanpa pelatihan, kedua kelompok akan berubah dengan laju yang sama. Asumsi ini tidak dapat diuji dengan dua titik waktu.',
    en: 'Parallel trends assumption: the estimate is valid only if, without training, both groups would have changed at the same rate. Two time points cannot test this.',
  },
  selection: {
    id: 'Seleksi: peserta yang menyelesaikan pelatihan bisa berbeda (lebih termotivasi, lebih siap digital) dari yang belum dilatih; perbedaan itu dapat ikut terhitung sebagai dampak.',
    en: 'Selection: those who completed training may differ (more motivated, more digitally ready) from those not yet trained; that difference can be counted as effect.',
  },
  small_sample: {
    id: 'Sampel kecil (kurang dari 30 per kelompok): interval kepercayaan lebar dan estimasi tidak stabil.',
    en: 'Small sample (fewer than 30 per group): wide confidence interval and an unstable estimate.',
  },
  no_interval: {
    id: 'Kelompok dengan kurang dari 2 UMKM: tidak ada interval kepercayaan.',
    en: 'A group with fewer than 2 MSMEs: no confidence interval.',
  },
  partial_excluded: {
    id: 'UMKM yang baru dilatih sebagian pada saat pengukuran akhirnya (endline) tidak dimasukkan ke kelompok mana pun.',
    en: 'MSMEs partly trained at the time of their later measurement (endline) are in neither group.',
  },
} satisfies Record<string, Bilingual>;

/** The caveats of an estimate from its group sizes (MSMEs treated, in comparison, partly trained and left out). */
export function didCaveats(groups: { treated: number; comparison: number; partial: number }): Caveat[] {
  const { treated, comparison, partial } = groups;
  return [
    { code: 'parallel_trends', ...CAVEATS.parallel_trends },
    { code: 'selection', ...CAVEATS.selection },
    ...(treated < SMALL_SAMPLE || comparison < SMALL_SAMPLE ? [{ code: 'small_sample', ...CAVEATS.small_sample }] : []),
    ...(treated < 2 || comparison < 2 ? [{ code: 'no_interval', ...CAVEATS.no_interval }] : []),
    ...(partial > 0 ? [{ code: 'partial_excluded', ...CAVEATS.partial_excluded }] : []),
  ];
}

/** A group size as shown: 1 to 4 hidden (null) from those who see no small cells; 0 stays 0. */
export const shownCount = (n: number, hide: boolean): number | null => (hide && n > 0 && n < SMALL_CELL ? null : n);
