import { z } from 'zod';
import { INDICATOR_CODES, type IndicatorCode, type IndicatorUnit } from './indicators.ts';

/** What an indicator can be broken down by (any one, or any two together). */
export const DIMENSIONS = ['province', 'regency', 'site', 'sector', 'gender', 'age_band', 'trainee_type', 'partner', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Conditions on a participant's facts (src/db/schema/monitoring.ts, participant_fact), the
 * vocabulary of indicator definitions. Each maps to one fixed SQL predicate in
 * src/modules/monitoring/indicators.ts — definitions never carry SQL.
 */
export const CONDITIONS = [
  'invited',
  'attended',
  'completed',
  'mentored',
  'onboarded',
  'first_sale',
  'female',
  'male',
  'gender_known',
  'msme_owner',
  'government_staff',
  'trainer',
  'champion',
  'has_msme',
  'maturity_pair',
  'test_pair',
] as const;
export type Condition = (typeof CONDITIONS)[number];

const conditions = z.array(z.enum(CONDITIONS)).max(6);

/** How a value is computed. `participants` indicators support every dimension; the others fewer. */
export const indicatorSpec = z.discriminatedUnion('measure', [
  /** People matching `where`. */
  z.object({ source: z.literal('participants'), measure: z.literal('count_people'), where: conditions }),
  /** Distinct MSMEs matching `where`: an MSME counts once however many of its people qualify. */
  z.object({ source: z.literal('participants'), measure: z.literal('count_msmes'), where: conditions }),
  /** Distinct regencies of the MSMEs matching `where`. */
  z.object({ source: z.literal('participants'), measure: z.literal('count_regencies'), where: conditions }),
  /** Percentage of the people matching `of` who also match `where`. */
  z.object({ source: z.literal('participants'), measure: z.literal('share'), where: conditions, of: conditions }),
  /** Mean change from baseline to endline (maturity level) or pre to post test (score 0–100). */
  z.object({ source: z.literal('participants'), measure: z.literal('mean_gain'), gain: z.enum(['maturity', 'test']), where: conditions }),
  /** Sessions held: not cancelled, and ended or marked done. */
  z.object({ source: z.literal('sessions'), measure: z.literal('sessions_held') }),
  /** Attendances ÷ roster places of the sessions held, as a percentage. */
  z.object({ source: z.literal('sessions'), measure: z.literal('attendance_rate') }),
  /** Sites with at least one session held. */
  z.object({ source: z.literal('sessions'), measure: z.literal('sites_active') }),
  /** Mean session rating 1–5. */
  z.object({ source: z.literal('feedback'), measure: z.literal('mean_rating') }),
  /** Net promoter score: % answering 9–10 minus % answering 0–6. */
  z.object({ source: z.literal('feedback'), measure: z.literal('nps') }),
  /** Trainers certified through training of trainers. */
  z.object({ source: z.literal('trainers'), measure: z.literal('trainers_certified') }),
  /** Distinct people who attended a session run by a certified trainer. */
  z.object({ source: z.literal('trainers'), measure: z.literal('cascade_reach') }),
  /**
   * Economic outcomes from the MSMEs' survey answers (src/modules/outcome-surveys): MSMEs whose
   * revenue band rose from baseline to their latest answer; mean online share of sales at the
   * latest answer; net new workers (paid + unpaid) from baseline to the latest answer. Each MSME
   * once; MSMEs that did not answer are left out, never counted as zero.
   */
  z.object({ source: z.literal('outcomes'), measure: z.enum(['revenue_growth', 'online_share', 'jobs_created']) }),
]);
export type IndicatorSpec = z.infer<typeof indicatorSpec>;

/** Dimensions each kind of source can be broken down by. */
export const SOURCE_DIMENSIONS: Record<IndicatorSpec['source'], readonly Dimension[]> = {
  participants: DIMENSIONS,
  sessions: ['province', 'regency', 'site', 'partner', 'month'],
  feedback: ['province', 'regency', 'site', 'month'],
  trainers: ['month'],
  outcomes: ['province', 'regency', 'sector'],
};

export type IndicatorDefinitionInput = {
  code: IndicatorCode;
  name: { id: string; en: string };
  description: { id: string; en: string };
  unit: IndicatorUnit;
  spec: IndicatorSpec;
};

/** The standard set shipped with Berdaya (version 1 of each). */
export const STANDARD_INDICATORS: IndicatorDefinitionInput[] = [
  {
    code: 'msme_enrolled',
    name: { id: 'UMKM terdaftar', en: 'MSMEs enrolled' },
    description: { id: 'UMKM berbeda yang terdaftar di program (satu UMKM dihitung sekali).', en: 'Distinct MSMEs enrolled in the programme (each MSME once).' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme'] },
  },
  {
    code: 'msme_trained',
    name: { id: 'UMKM terlatih', en: 'MSMEs trained' },
    description: { id: 'UMKM yang pemiliknya memenuhi aturan kelulusan jalur belajar.', en: 'MSMEs whose owner met the learning path completion rule.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme', 'completed'] },
  },
  {
    code: 'msme_mentored',
    name: { id: 'UMKM didampingi', en: 'MSMEs mentored' },
    description: { id: 'UMKM dengan sedikitnya satu kunjungan pendampingan.', en: 'MSMEs with at least one mentoring visit.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme', 'mentored'] },
  },
  {
    code: 'people_trained',
    name: { id: 'Orang terlatih', en: 'People trained' },
    description: { id: 'Orang yang memenuhi aturan kelulusan, dapat dipilah menurut jenis peserta.', en: 'People who met the completion rule; break down by trainee type.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_people', where: ['completed'] },
  },
  {
    code: 'government_staff_trained',
    name: { id: 'Aparatur pemerintah terlatih', en: 'Government staff trained' },
    description: { id: 'Aparatur (mis. humas Pemda) yang memenuhi aturan kelulusan.', en: 'Government staff (e.g. local PR officers) who met the completion rule.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_people', where: ['government_staff', 'completed'] },
  },
  {
    code: 'women_share',
    name: { id: 'Persentase perempuan', en: 'Share of women' },
    description: { id: 'Perempuan di antara orang terlatih yang jenis kelaminnya diketahui.', en: 'Women among people trained whose gender is known.' },
    unit: 'percent',
    spec: { source: 'participants', measure: 'share', where: ['female'], of: ['completed', 'gender_known'] },
  },
  {
    code: 'sessions_held',
    name: { id: 'Sesi terlaksana', en: 'Sessions held' },
    description: { id: 'Sesi yang tidak dibatalkan dan sudah selesai.', en: 'Sessions not cancelled that have ended.' },
    unit: 'count',
    spec: { source: 'sessions', measure: 'sessions_held' },
  },
  {
    code: 'attendance_rate',
    name: { id: 'Tingkat kehadiran', en: 'Attendance rate' },
    description: { id: 'Kehadiran dibagi jumlah peserta terdaftar di sesi yang terlaksana.', en: 'Attendances divided by roster places of the sessions held.' },
    unit: 'percent',
    spec: { source: 'sessions', measure: 'attendance_rate' },
  },
  {
    code: 'trainers_certified',
    name: { id: 'Pelatih tersertifikasi', en: 'Trainers certified' },
    description: { id: 'Pelatih yang disertifikasi melalui pelatihan untuk pelatih (ToT).', en: 'Trainers certified through training of trainers.' },
    unit: 'count',
    spec: { source: 'trainers', measure: 'trainers_certified' },
  },
  {
    code: 'cascade_reach',
    name: { id: 'Jangkauan kaskade', en: 'Cascade reach' },
    description: { id: 'Orang berbeda yang hadir di sesi yang dipimpin pelatih tersertifikasi.', en: 'Distinct people who attended a session run by a certified trainer.' },
    unit: 'count',
    spec: { source: 'trainers', measure: 'cascade_reach' },
  },
  {
    code: 'msme_onboarded',
    name: { id: 'UMKM go digital', en: 'MSMEs on-boarded digitally' },
    description: { id: 'UMKM dengan tingkat kematangan digital saat ini ≥ 2 (berjualan daring).', en: 'MSMEs whose current digital maturity is at least 2 (selling online).' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme', 'onboarded'] },
  },
  {
    code: 'first_online_sale',
    name: { id: 'UMKM dengan penjualan daring pertama', en: 'MSMEs with a first online sale' },
    description: { id: 'UMKM dengan capaian "penjualan daring pertama" yang terverifikasi.', en: 'MSMEs with a verified "first online sale" milestone.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_msmes', where: ['has_msme', 'first_sale'] },
  },
  {
    code: 'maturity_gain',
    name: { id: 'Kenaikan kematangan digital', en: 'Digital maturity gain' },
    description: { id: 'Rata-rata perubahan tingkat (0–4) dari awal ke akhir program.', en: 'Mean change of level (0–4) from baseline to endline.' },
    unit: 'score',
    spec: { source: 'participants', measure: 'mean_gain', gain: 'maturity', where: ['maturity_pair'] },
  },
  {
    code: 'test_gain',
    name: { id: 'Kenaikan nilai tes', en: 'Test score gain' },
    description: { id: 'Rata-rata perubahan nilai (0–100) dari pre-test ke post-test.', en: 'Mean change of score (0–100) from pre-test to post-test.' },
    unit: 'score',
    spec: { source: 'participants', measure: 'mean_gain', gain: 'test', where: ['test_pair'] },
  },
  {
    code: 'satisfaction',
    name: { id: 'Kepuasan peserta', en: 'Participant satisfaction' },
    description: { id: 'Rata-rata penilaian sesi (1–5).', en: 'Mean session rating (1–5).' },
    unit: 'score',
    spec: { source: 'feedback', measure: 'mean_rating' },
  },
  {
    code: 'nps',
    name: { id: 'Net Promoter Score', en: 'Net Promoter Score' },
    description: { id: 'Persen promotor (9–10) dikurangi persen pengkritik (0–6).', en: 'Percent promoters (9–10) minus percent detractors (0–6).' },
    unit: 'score',
    spec: { source: 'feedback', measure: 'nps' },
  },
  {
    code: 'regencies_reached',
    name: { id: 'Kabupaten/kota terjangkau', en: 'Regencies reached' },
    description: { id: 'Kabupaten/kota berbeda tempat UMKM terlatih berada.', en: 'Distinct regencies where trained MSMEs are.' },
    unit: 'count',
    spec: { source: 'participants', measure: 'count_regencies', where: ['has_msme', 'completed'] },
  },
  {
    code: 'sites_active',
    name: { id: 'Lokasi aktif', en: 'Active sites' },
    description: { id: 'Lokasi dengan sedikitnya satu sesi terlaksana.', en: 'Sites with at least one session held.' },
    unit: 'count',
    spec: { source: 'sessions', measure: 'sites_active' },
  },
  {
    code: 'msme_revenue_growth',
    name: { id: 'UMKM dengan omzet naik', en: 'MSMEs reporting revenue growth' },
    description: {
      id: 'UMKM yang kelompok omzet bulanannya pada jawaban survei terakhir lebih tinggi daripada saat baseline (hanya UMKM yang menjawab keduanya).',
      en: 'MSMEs whose monthly revenue band in their latest survey answer is higher than at baseline (only MSMEs that answered both).',
    },
    unit: 'count',
    spec: { source: 'outcomes', measure: 'revenue_growth' },
  },
  {
    code: 'online_sales_share',
    name: { id: 'Porsi penjualan daring', en: 'Share of online sales' },
    description: { id: 'Rata-rata persentase penjualan yang dilakukan secara daring, menurut jawaban survei terakhir tiap UMKM.', en: "Mean percentage of sales made online, from each MSME's latest survey answer." },
    unit: 'percent',
    spec: { source: 'outcomes', measure: 'online_share' },
  },
  {
    code: 'jobs_created',
    name: { id: 'Lapangan kerja tercipta', en: 'Jobs created' },
    description: {
      id: 'Pertambahan bersih pekerja (dibayar dan tidak dibayar) dari baseline ke jawaban survei terakhir; UMKM yang tidak menjawab tidak dihitung sebagai nol.',
      en: 'Net new workers (paid and unpaid) from baseline to the latest survey answer; MSMEs that did not answer are not counted as zero.',
    },
    unit: 'count',
    spec: { source: 'outcomes', measure: 'jobs_created' },
  },
];

/** Every standard code has a definition (checked at load time, so a new code cannot be forgotten). */
const missing = INDICATOR_CODES.filter((code) => !STANDARD_INDICATORS.some((d) => d.code === code));
if (missing.length) throw new Error(`standard indicators lack definitions: ${missing.join(', ')}`);

/** The dimensions allowed for a definition. */
export function dimensionsOf(spec: IndicatorSpec): readonly Dimension[] {
  return SOURCE_DIMENSIONS[spec.source];
}

/** Small cells: fewer people than this are never shown to viewers or the public. */
export const SMALL_CELL = 5;
