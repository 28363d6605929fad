import { PassThrough } from 'node:stream';
import { translate, type Locale } from '../../server/i18n.ts';
import type { ReportData, ReportValue } from './report-data.ts';

/** What a suppressed cell shows: fewer than 5 people. */
export const SUPPRESSED_TEXT = '<5';

const cellOf = (v: ReportValue | undefined): number | string | null => (v?.suppressed ? SUPPRESSED_TEXT : (v?.value ?? null));

/** `2024-01-01 – 2024-06-30`, `awal – sekarang`… in the report's language. */
export function periodText(data: ReportData, locale: Locale): string {
  if (!data.filters.from && !data.filters.to) return translate(locale, 'report.wholePeriod');
  return `${data.filters.from ?? translate(locale, 'report.start')} – ${data.filters.to ?? translate(locale, 'report.now')}`;
}

/**
 * The XLSX report, written with ExcelJS's streaming writer (rows are committed as they are
 * added): a summary sheet, one sheet per disaggregation and the indicator definitions with the
 * version each value used. Column headers end with the indicator code in brackets, e.g.
 * `UMKM terdaftar [msme_enrolled]`, so that scripts can find them in either language.
 */
export async function renderReportXlsx(data: ReportData, locale: Locale, generatedAt: Date): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Berdaya';
  workbook.created = generatedAt;
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
  const bold = (row: { font: unknown }) => Object.assign(row, { font: { bold: true } });

  const summary = workbook.addWorksheet(t('report.sheet.summary'));
  summary.columns = [{ width: 26 }, { width: 44 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 18 }, { width: 22 }, { width: 9 }];
  summary.addRow([t('report.title')]).commit();
  summary.addRow([t('report.programme', { name: data.programme.name, code: data.programme.code })]).commit();
  summary.addRow([`${t('report.periodLabel')}: ${periodText(data, locale)}`]).commit();
  summary.addRow([t('report.generated', { date: wib(generatedAt) })]).commit();
  if (data.suppressed) summary.addRow([t('report.suppressed')]).commit();
  if (data.factsPending) summary.addRow([t('report.pending')]).commit();
  summary.addRow([]).commit();
  const header = summary.addRow(['code', 'indicator', 'unit', 'value', 'target', 'progress', 'projected', 'version'].map((c) => t(`report.column.${c}`)));
  bold(header);
  header.commit();
  for (const row of data.summary) {
    summary.addRow([row.code, row.name[locale], t(`report.unit.${row.unit}`), cellOf(row.value), row.target, row.progress, row.projected, row.version]).commit();
  }
  summary.commit();

  for (const sheet of data.sheets) {
    const ws = workbook.addWorksheet(t(`report.sheet.${sheet.dimension}`));
    ws.columns = [{ width: 14 }, { width: 32 }, ...sheet.indicators.map(() => ({ width: 18 }))];
    const head = ws.addRow([t('report.column.code'), t(`report.sheet.${sheet.dimension}`), ...sheet.indicators.map((i) => `${i.name[locale]} [${i.code}]`)]);
    bold(head);
    head.commit();
    for (const row of sheet.rows) ws.addRow([row.key ?? '', row.label, ...sheet.indicators.map((i) => cellOf(row.values[i.code]))]).commit();
    ws.commit();
  }

  const defs = workbook.addWorksheet(t('report.sheet.definitions'));
  defs.columns = [{ width: 26 }, { width: 36 }, { width: 60 }, { width: 14 }, { width: 9 }, { width: 14 }, { width: 40 }, { width: 60 }];
  const defHead = defs.addRow(['code', 'indicator', 'description', 'unit', 'version', 'versionDate', 'disaggregations', 'spec'].map((c) => t(`report.column.${c}`)));
  bold(defHead);
  defHead.commit();
  for (const d of data.definitions) {
    defs.addRow([
      d.code,
      d.name[locale],
      d.description[locale],
      t(`report.unit.${d.unit}`),
      d.version,
      d.createdAt.slice(0, 10),
      d.disaggregations.map((x) => t(`report.sheet.${x}`)).join(', '),
      JSON.stringify(d.spec),
    ]).commit();
  }
  defs.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** `2024-03-05 14:07` in Jakarta time. */
export function wib(at: Date): string {
  return new Date(at.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
