import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { translate } from '../../server/i18n.ts';
import { pdfSafe } from '../certificates/render-pdf.ts';
import type { ReportData } from './report-data.ts';
import { periodText, SUPPRESSED_TEXT, wib } from './render-xlsx.ts';

const INK = rgb(0.11, 0.16, 0.27);
const MUTED = rgb(0.35, 0.38, 0.45);
const LINE = rgb(0.8, 0.82, 0.86);
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;

/** The PDF report is in Bahasa Indonesia. */
const t = (key: string, params?: Record<string, unknown>) => translate('id', key, params);
const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

function figure(value: number | null, unit: string): string {
  if (value === null) return '-';
  return unit === 'percent' ? `${number.format(value)} %` : number.format(value);
}

/** Columns of the headline table: header key, width, and whether numbers are right-aligned. */
const COLUMNS: { key: string; width: number; right: boolean }[] = [
  { key: 'indicator', width: 205, right: false },
  { key: 'value', width: 70, right: true },
  { key: 'target', width: 70, right: true },
  { key: 'progressShort', width: 60, right: true },
  { key: 'projectedShort', width: 70, right: true },
  { key: 'version', width: 40, right: true },
];

function text(page: PDFPage, value: string, x: number, y: number, font: PDFFont, size: number, color = INK): void {
  page.drawText(pdfSafe(value), { x, y, size, font, color });
}

/** The text cut to a width, ending in "..." when cut. */
function fit(value: string, font: PDFFont, size: number, width: number): string {
  const safe = pdfSafe(value);
  if (font.widthOfTextAtSize(safe, size) <= width) return safe;
  let out = safe;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}...`, size) > width) out = out.slice(0, -1);
  return `${out}...`;
}

/**
 * The PDF report (Bahasa Indonesia): programme, period, when it was made and which definition
 * versions it used, then every headline indicator against its target with progress and the
 * projection at the current pace. Small cells are shown as "<5" for viewers.
 */
export async function renderReportPdf(data: ReportData, generatedAt: Date): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(`${t('report.title')} - ${data.programme.code}`));
  doc.setLanguage('id-ID');
  doc.setCreator('Berdaya');
  doc.setCreationDate(generatedAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN - 10;
  text(page, t('report.title'), MARGIN, y, bold, 18);
  y -= 24;
  for (const line of [
    t('report.programme', { name: data.programme.name, code: data.programme.code }),
    `${t('report.periodLabel')}: ${periodText(data, 'id')}`,
    t('report.generated', { date: wib(generatedAt) }),
    t('report.versions', { versions: [...new Set(data.summary.map((r) => r.version))].sort((a, b) => a - b).join(', ') }),
  ]) {
    text(page, fit(line, regular, 10, A4[0] - 2 * MARGIN), MARGIN, y, regular, 10, MUTED);
    y -= 14;
  }
  y -= 10;

  const drawHeader = () => {
    let x = MARGIN;
    for (const c of COLUMNS) {
      const label = t(`report.column.${c.key}`);
      const w = bold.widthOfTextAtSize(pdfSafe(label), 9);
      text(page, label, c.right ? x + c.width - w : x, y, bold, 9);
      x += c.width;
    }
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.8, color: INK });
    y -= 13;
  };
  drawHeader();
  for (const row of data.summary) {
    if (y < MARGIN + 60) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN - 10;
      drawHeader();
    }
    const cells = [
      fit(row.name.id, regular, 9, COLUMNS[0]!.width - 6),
      row.value.suppressed ? SUPPRESSED_TEXT : figure(row.value.value, row.unit),
      figure(row.target, row.unit),
      row.progress === null ? '-' : number.format(row.progress),
      figure(row.projected, row.unit),
      String(row.version),
    ];
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const c = COLUMNS[i]!;
      const w = regular.widthOfTextAtSize(pdfSafe(cell), 9);
      text(page, cell, c.right ? x + c.width - w : x, y, regular, 9);
      x += c.width;
    });
    y -= 5;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.3, color: LINE });
    y -= 12;
  }
  y -= 8;
  for (const note of [data.suppressed ? t('report.suppressed') : null, data.factsPending ? t('report.pending') : null]) {
    if (!note) continue;
    text(page, note, MARGIN, y, regular, 8, MUTED);
    y -= 12;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => text(p, t('report.page', { page: i + 1, pages: pages.length }), MARGIN, MARGIN - 16, regular, 8, MUTED));
  return Buffer.from(await doc.save());
}
