import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openRoster } from './read-roster.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'berdaya-read-roster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a chosen XLSX sheet', () => {
  // ExcelJS keeps sheets that precede workbook.xml in temporary files and deletes them when its
  // sheet loop ends: reading a sheet after leaving that loop raced with the deletion (ENOENT).
  it('reads a later sheet every time, and names the sheets when the chosen one is missing', async () => {
    const file = path.join(dir, 'two-sheets.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Data').addRows([['Nama Usaha', 'Nama Pemilik'], ['Kedai Satu', 'Satu']]);
    workbook.addWorksheet('Cabang').addRows([['Nama Usaha', 'Nama Pemilik', 'No HP'], ['Kedai Cabang', 'Cabang', '081211110009'], ['Kedai Dua', 'Dua', '081211110010']]);
    await workbook.xlsx.writeFile(file);

    for (let run = 0; run < 150; run++) {
      const reader = await openRoster(file, { sheet: 'cabang' });
      const rows: string[][] = [];
      for await (const row of reader.rows) rows.push(row.cells);
      reader.close();
      expect(reader.headers).toEqual(['Nama Usaha', 'Nama Pemilik', 'No HP']);
      expect(rows).toEqual([
        ['Kedai Cabang', 'Cabang', '081211110009'],
        ['Kedai Dua', 'Dua', '081211110010'],
      ]);
    }
    const first = await openRoster(file);
    expect(first.headers).toEqual(['Nama Usaha', 'Nama Pemilik']);
    first.close();
    await expect(openRoster(file, { sheet: 'Tidak Ada' })).rejects.toMatchObject({ messageKey: 'errors.import.sheetMissing', params: { sheet: 'Tidak Ada', sheets: 'Data, Cabang' } });
  });

  it('takes the first visible sheet when none is chosen, and counts progress up to the size of what it read', async () => {
    const file = path.join(dir, 'hidden-first.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Catatan', { state: 'hidden' }).addRows([['Catatan internal']]);
    workbook.addWorksheet('Peserta').addRows([['Nama Usaha', 'Nama Pemilik'], ['Kedai Tiga', 'Tiga']]);
    await workbook.xlsx.writeFile(file);

    const reader = await openRoster(file);
    const rows: string[][] = [];
    for await (const row of reader.rows) rows.push(row.cells);
    reader.close();
    expect(reader.headers).toEqual(['Nama Usaha', 'Nama Pemilik']);
    expect(rows).toEqual([['Kedai Tiga', 'Tiga']]);
    expect(reader.bytesRead()).toBe(reader.totalBytes);
    expect(reader.totalBytes).toBeGreaterThan(0);
  });
});
