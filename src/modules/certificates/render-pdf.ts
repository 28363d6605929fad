import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { verificationUrl } from '../../core/certificate-code.ts';
import type { CertificateContent } from '../../db/schema/index.ts';

export type CertificateForPdf = {
  serial: string;
  verificationCode: string;
  holderName: string;
  content: CertificateContent;
  verifyBaseUrl: string;
  issuedAt: Date;
};

const INK = rgb(0.11, 0.16, 0.27);
const ACCENT = rgb(0.05, 0.45, 0.42);
const MUTED = rgb(0.35, 0.38, 0.45);

/**
 * The PDF fonts are the 14 standard ones (nothing to ship, nothing to embed), which encode
 * WinAnsi only: accents are kept where WinAnsi has them, typographic quotes become plain
 * ones, and any other character is spelled without its accent or replaced.
 */
export function pdfSafe(text: string): string {
  const plain = text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/\u2026/g, '...').replace(/\u00b7/g, '·');
  let out = '';
  for (const ch of plain) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += ch;
    else {
      const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...stripped].every((c) => (c.codePointAt(0) ?? 0) <= 0x7e && (c.codePointAt(0) ?? 0) >= 0x20) ? stripped : '?';
    }
  }
  return out;
}

/** `23 Januari 2024` / `23 January 2024`. */
function longDate(isoDay: string, language: 'id' | 'en'): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, text: string, options: { y: number; font: PDFFont; size: number; color?: ReturnType<typeof rgb> }): void {
  const safe = pdfSafe(text);
  const width = options.font.widthOfTextAtSize(safe, options.size);
  page.drawText(safe, { x: (page.getWidth() - width) / 2, y: options.y, size: options.size, font: options.font, color: options.color ?? INK });
}

/** Draws the QR code as vector squares: sharp at any zoom and any print resolution. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 4;
  const cell = size / (count + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.modules.get(row, col)) continue;
      page.drawRectangle({ x: x + (quiet + col) * cell, y: y + size - (quiet + row + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
}

/**
 * The certificate as an A4 landscape PDF, Bahasa Indonesia first (English lines under it when
 * the programme wants them): programme, holder, modules, partners, date of issue, serial, and a
 * QR code to the public verification page. The same certificate renders to the same content.
 */
export async function renderCertificatePdf(cert: CertificateForPdf): Promise<Uint8Array> {
  const c = cert.content;
  const en = c.includeEnglish;
  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfSafe(`Sertifikat ${cert.serial}`));
  pdf.setAuthor(pdfSafe(c.programme.name));
  pdf.setProducer('Berdaya');
  pdf.setCreator('Berdaya');
  pdf.setCreationDate(cert.issuedAt);
  pdf.setModificationDate(cert.issuedAt);
  const page = pdf.addPage([841.89, 595.28]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const italic = await pdf.embedFont(StandardFonts.HelveticaOblique);
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: ACCENT, borderWidth: 0.8 });

  let y = height - 92;
  centred(page, 'SERTIFIKAT', { y, font: bold, size: 34, color: ACCENT });
  y -= 22;
  if (en) centred(page, 'Certificate of completion', { y, font: italic, size: 13, color: MUTED });
  y -= 20;
  centred(page, `Nomor${en ? ' / No.' : ''}: ${cert.serial}`, { y, font: regular, size: 11, color: MUTED });
  y -= 36;
  centred(page, en ? 'Diberikan kepada / Awarded to' : 'Diberikan kepada', { y, font: regular, size: 13 });
  y -= 38;
  centred(page, cert.holderName, { y, font: bold, size: 28 });
  y -= 30;
  centred(page, en ? 'telah menyelesaikan program / for completing the programme' : 'telah menyelesaikan program', { y, font: regular, size: 13 });
  y -= 26;
  for (const line of wrap(pdfSafe(c.programme.name), bold, 18, width - 200)) {
    centred(page, line, { y, font: bold, size: 18, color: ACCENT });
    y -= 22;
  }
  y -= 6;
  if (c.modules.length) {
    const modules = `Modul${en ? ' / Modules' : ''}: ${c.modules.map((m) => m.titleId).join(' · ')}`;
    for (const line of wrap(pdfSafe(modules), regular, 10.5, width - 220)) {
      centred(page, line, { y, font: regular, size: 10.5 });
      y -= 14;
    }
  }
  if (c.partners.length) {
    y -= 4;
    const partners = `${en ? 'Mitra / Partners' : 'Mitra'}: ${c.partners.join(', ')}`;
    for (const line of wrap(pdfSafe(partners), regular, 10.5, width - 220)) {
      centred(page, line, { y, font: regular, size: 10.5 });
      y -= 14;
    }
  }

  // Bottom: QR code and how to verify (left), date and signatory (right).
  const url = verificationUrl(cert.verifyBaseUrl, cert.verificationCode);
  const qrSize = 112;
  drawQr(page, url, 60, 52, qrSize);
  page.drawText(pdfSafe(en ? 'Pindai untuk memeriksa keaslian / Scan to verify' : 'Pindai untuk memeriksa keaslian'), { x: 60 + qrSize + 12, y: 128, size: 9.5, font: regular, color: MUTED });
  page.drawText(pdfSafe(url), { x: 60 + qrSize + 12, y: 114, size: 8.5, font: regular, color: MUTED });
  page.drawText(pdfSafe(`Kode verifikasi${en ? ' / Verification code' : ''}: ${cert.verificationCode}`), { x: 60 + qrSize + 12, y: 100, size: 8.5, font: regular, color: MUTED });

  const right = width - 70;
  const rightText = (text: string, yy: number, font: PDFFont, size: number) => {
    const safe = pdfSafe(text);
    page.drawText(safe, { x: right - font.widthOfTextAtSize(safe, size), y: yy, size, font, color: INK });
  };
  rightText(`Diterbitkan ${longDate(c.issuedOn, 'id')}`, 150, regular, 11);
  if (en) rightText(`Issued ${longDate(c.issuedOn, 'en')}`, 136, italic, 9.5);
  if (c.signatory) {
    page.drawLine({ start: { x: right - 190, y: 86 }, end: { x: right, y: 86 }, thickness: 0.6, color: MUTED });
    rightText(c.signatory.name, 72, bold, 11);
    rightText(c.signatory.title, 58, regular, 9.5);
  }
  return pdf.save({ useObjectStreams: true });
}
