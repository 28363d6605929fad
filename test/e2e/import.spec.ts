import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { choose, expect, search, signIn, switchLanguage, test } from './fixtures.ts';

/**
 * A Jakpreneur member list as a Dinas exports it from Excel: ';'-separated, Indonesian headers,
 * one column the import does not know ("Catatan"), and four rows that must be rejected:
 * line 4 has no business name, line 6 a NIK that Excel turned into scientific notation, line 8
 * a landline, line 10 the ambiguous regency "Bandung" (Kabupaten or Kota?).
 */
const HEADER = 'Nama Usaha;Nama Pemilik;NIK;No. HP;Jenis Kelamin;Sektor;Kabupaten/Kota;Provinsi;Status Aktif;Bersedia Ikut Pelatihan;Catatan';
const ROWS = [
  'Warung Sari Rasa;Siti Aminah;3174015203920001;0812-3456-7890;P;Kuliner;Jakarta Selatan;DKI Jakarta;Ya;Ya;pelanggan lama',
  'Batik Betawi Ayu;Dewi Lestari;3174014506880002;0812-1000-0002;P;Tekstil;Jakarta Selatan;;Ya;Ya;',
  ';Budi Santoso;3174011203920003;0812-1000-0003;L;Jasa;Jakarta Selatan;DKI Jakarta;Ya;Ya;',
  'Kopi Tenabang;Ahmad Fauzi;3171010101800004;0812-1000-0004;L;Kuliner;Jakarta Pusat;DKI Jakarta;Ya;Tidak;',
  'Kriya Rotan Ibu Ani;Ani Suryani;3.17401E+15;0812-1000-0005;P;Kriya;Jakarta Selatan;DKI Jakarta;Ya;Ya;',
  'Konveksi Maju Jaya;Rudi Hartono;3175020202850006;0812-1000-0006;L;Fesyen;Jakarta Timur;DKI Jakarta;Tidak;Ya;',
  'Toko Sembako Berkah;Agus Salim;3174010303750007;021-7654321;L;Perdagangan;Jakarta Selatan;DKI Jakarta;Ya;Ya;',
  'Mebel Jati Indah;Slamet Riyadi;3172030404700008;0813-2000-0008;L;Furnitur;Jakarta Utara;DKI Jakarta;Ya;Ya;',
  'Kopi Priangan;Dedi Mulyadi;3273011505850009;0812-1000-0009;L;Kuliner;Bandung;;Ya;Ya;',
  'Salon Cantik Rina;Rina Wulandari;3174015505900010;0812-1000-0010;P;Jasa;Jakarta Selatan;DKI Jakarta;Ya;Ya;',
  'Sambal Mbok Darmi;Sri Darmi;3173016606650011;0812-1000-0011;P;Kuliner;Jakarta Barat;DKI Jakarta;Ya;;',
  'Kerajinan Kulit Betawi;Hendra Wijaya;;0812-1000-0012;L;Kerajinan Kulit;Kepulauan Seribu;DKI Jakarta;;Ya;',
];
/** Line numbers in the file (the header is line 1) of the rows the import must reject, with why. */
const REJECTED = [
  { line: 4, reason: 'missing_name' },
  { line: 6, reason: 'nik_invalid' },
  { line: 8, reason: 'phone_invalid' },
  { line: 10, reason: 'region_unresolved' },
];
const GOOD_ROWS = ROWS.filter((_, index) => !REJECTED.some((r) => r.line === index + 2));

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

/** What a person does in a spreadsheet to the rejected rows: fill in, retype or qualify the bad cell. */
const FIXES: Record<string, { column: string; value: string }> = {
  missing_name: { column: 'Nama Usaha', value: 'Bengkel Budi Motor' },
  nik_invalid: { column: 'NIK', value: '3174014707910005' },
  phone_invalid: { column: 'No. HP', value: '0812-1000-0007' },
  region_unresolved: { column: 'Kabupaten/Kota', value: 'Kota Bandung' },
};

async function upload(page: Page, name: string, content: Buffer, options: { dryRun?: boolean } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Impor' }).click();
  await expect(page).toHaveURL(/\/import$/);
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  if (options.dryRun) await page.getByLabel('Periksa saja (uji coba)').check();
  await page.getByRole('button', { name: options.dryRun ? 'Mulai pemeriksaan' : 'Mulai impor' }).click();
  await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: 'Hasil impor' })).toContainText(name);
}

/** The big number of one count on the results page ("Ditambahkan", "Ditolak", ...). */
const count = (page: Page, label: string): Locator => page.getByRole('group', { name: label, exact: true }).locator('p').nth(1);

async function expectCounts(page: Page, expected: { total: number; inserted: number; updated: number; duplicates: number; rejected: number }): Promise<void> {
  await expect(page.getByRole('region', { name: 'Hasil impor' }).getByText('Selesai', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(count(page, 'Baris dibaca')).toHaveText(String(expected.total));
  await expect(count(page, 'Ditambahkan')).toHaveText(String(expected.inserted));
  await expect(count(page, 'Diperbarui')).toHaveText(String(expected.updated));
  await expect(count(page, 'Duplikat')).toHaveText(String(expected.duplicates));
  await expect(count(page, 'Ditolak')).toHaveText(String(expected.rejected));
}

/** Parses the `;`-separated errors file (no cell here needs quoting). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
  return { header, rows };
}

test('admin imports a roster with bad rows, fixes them from the errors file, and works with the participants', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'JAKPRENEUR-2024' }).click();
  await expect(page.getByRole('heading', { name: 'Pelatihan Digital Jakpreneur × TikTok' })).toBeVisible();
  const programmeUrl = new URL(page.url()).pathname;
  let errorsCsv = '';

  await test.step('the import tab shows the accepted formats and the recognised columns in both languages', async () => {
    await page.getByRole('tab', { name: 'Impor' }).click();
    await expect(page.getByText(/CSV \(UTF-8, pemisah koma atau titik koma\) atau XLSX/)).toBeVisible();
    await page.getByRole('button', { name: 'Kolom yang dikenali' }).click();
    const nameRow = page.getByRole('row', { name: /Nama pemilik/ });
    await expect(nameRow).toContainText('Nama Pemilik');
    await expect(nameRow).toContainText('Owner Name');
    await expect(page.getByText('Belum ada impor untuk program ini')).toBeVisible();
  });

  await test.step('upload a roster: a progress bar while it runs, then the counts and a reason per rejected row', async () => {
    // The first progress poll waits until the bar has been seen: 12 rows import faster than a poll.
    let release = () => {};
    const seen = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/imports\/[0-9a-f-]{36}$/, async (route) => {
      await seen;
      await route.continue();
    });
    await upload(page, 'jakpreneur-anggota.csv', csv([HEADER, ...ROWS]));
    const bar = page.getByRole('progressbar', { name: 'Kemajuan impor' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    await expect(page.getByText('Menunggu giliran…')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('desktop-import-progress.png'), animations: 'disabled' });
    release();
    await page.unrouteAll({ behavior: 'wait' });

    await expectCounts(page, { total: 12, inserted: 8, updated: 0, duplicates: 0, rejected: 4 });
    await expect(bar).toBeHidden();
    const reasons = page.getByRole('region', { name: 'Alasan penolakan' });
    for (const label of ['Nama usaha atau nama pemilik kosong', 'NIK tidak valid', 'Nomor HP tidak valid', 'Kabupaten/kota kosong, tidak dikenal atau ambigu']) {
      await expect(reasons.getByRole('listitem', { name: label })).toContainText('Baris: 1');
    }
    await expect(reasons.getByRole('listitem')).toHaveCount(4);
    await expect(reasons.getByRole('listitem', { name: 'NIK tidak valid' })).toContainText('agar tidak berubah menjadi 3,17401E+15');
    await expect(page.getByRole('region', { name: 'Kolom yang diabaikan' })).toContainText('Catatan');
    await page.screenshot({ path: test.info().outputPath('desktop-import-result.png'), fullPage: true });
  });

  await test.step('the rejected rows download as CSV with their original lines and reasons', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Unduh baris yang ditolak (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('jakpreneur-anggota-errors.csv');
    errorsCsv = await readFile(await download.path(), 'utf8');
    const { header, rows } = parseCsv(errorsCsv);
    expect(header).toEqual([...HEADER.split(';'), 'Baris Asal', 'Kode Alasan', 'Alasan']);
    expect(rows.map((row) => ({ line: Number(row.at(-3)), reason: row.at(-2) }))).toEqual(REJECTED);
    // Each row carries its original cells unchanged, and the reason in words.
    for (const row of rows) expect(row.slice(0, -3).join(';')).toBe(ROWS[Number(row.at(-3)) - 2]);
    expect(rows[1]?.[2]).toBe('3.17401E+15');
    expect(rows[1]?.at(-1)).toMatch(/^NIK tidak valid/);

    // In English the page and the file (by the language cookie) follow.
    await switchLanguage(page, 'EN');
    await expect(page.getByRole('region', { name: 'Reasons for rejection' }).getByRole('listitem', { name: 'NIK is not valid' })).toContainText('Rows: 1');
    const downloadingEnglish = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download rejected rows (CSV)' }).click();
    const english = parseCsv(await readFile(await (await downloadingEnglish).path(), 'utf8'));
    expect(english.header.slice(-3)).toEqual(['Original line', 'Reason code', 'Reason']);
    expect(english.rows[3]?.at(-1)).toMatch(/^Regency\/city is missing, unknown or ambiguous/);
    await switchLanguage(page, 'ID');
  });

  await test.step('the fixed rows, imported with the good ones again, are added; the good ones count as updated', async () => {
    const { header, rows } = parseCsv(errorsCsv);
    const fixed = rows.map((row) => {
      const fix = FIXES[row.at(-2) ?? ''];
      if (!fix) throw new Error(`no fix for ${row.join(';')}`);
      const cells = [...row];
      cells[header.indexOf(fix.column)] = fix.value;
      return cells.join(';');
    });
    // The good rows are pasted under the fixed ones; the three extra columns stay empty for them.
    const again = GOOD_ROWS.map((row) => `${row};;;`);
    await upload(page, 'jakpreneur-anggota-perbaikan.csv', csv([header.join(';'), ...fixed, ...again]));
    await expectCounts(page, { total: 12, inserted: 4, updated: 8, duplicates: 0, rejected: 0 });
    await expect(page.getByText('Semua baris diterima.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Unduh baris yang ditolak (CSV)' })).toHaveCount(0);
    const ignored = page.getByRole('region', { name: 'Kolom yang diabaikan' });
    for (const column of ['Catatan', 'Baris Asal', 'Kode Alasan', 'Alasan']) await expect(ignored.getByText(column, { exact: true })).toBeVisible();
  });

  await test.step('a dry run reports without saving; a file without a name column fails with its reason', async () => {
    await upload(page, 'jakpreneur-anggota.csv', csv([HEADER, ...ROWS]), { dryRun: true });
    await expectCounts(page, { total: 12, inserted: 0, updated: 8, duplicates: 0, rejected: 4 });
    await expect(page.getByText(/^Uji coba: angka di bawah menunjukkan/)).toBeVisible();

    await upload(page, 'bukan-daftar.csv', csv(['Kolom A;Kolom B', '1;2']));
    const failure = page.getByRole('alert').filter({ hasText: 'Impor gagal' });
    await expect(failure).toContainText('Tidak ada kolom nama yang dikenali', { timeout: 30_000 });
    await expect(failure).toContainText('Kolom A');

    await page.getByRole('tab', { name: 'Impor' }).click();
    const history = page.getByRole('region', { name: 'Riwayat impor' });
    await expect(history.getByRole('row')).toHaveCount(5);
    await expect(history.getByRole('row', { name: /jakpreneur-anggota-perbaikan\.csv/ })).toContainText('4 baru · 8 diperbarui · 0 ditolak');
    await expect(history.getByRole('row', { name: /Uji coba/ })).toContainText('0 baru · 8 diperbarui · 4 ditolak');
    await expect(history.getByRole('row', { name: /bukan-daftar\.csv/ })).toContainText('Gagal');
    await page.screenshot({ path: test.info().outputPath('desktop-import-tab.png'), fullPage: true });
  });

  await test.step('the participants tab lists the 12 imported members; search finds one, whose page shows the imported values', async () => {
    await page.getByRole('tab', { name: 'Peserta' }).click();
    await expect(page.getByText('1–12 dari 12 peserta')).toBeVisible();
    await expect(page.getByRole('row', { name: /Dedi Mulyadi/ })).toContainText('Kota Bandung');
    await page.screenshot({ path: test.info().outputPath('desktop-participants.png'), fullPage: true });

    await page.getByLabel('Cari').fill('siti amin');
    await expect(page.getByText('1–1 dari 1 peserta')).toBeVisible();
    const row = page.getByRole('row', { name: /Siti Aminah/ });
    await expect(row).toContainText('3174********0001');
    await expect(row).toContainText('+6281234567890');
    // A phone number in any format finds its owner too.
    await page.getByLabel('Cari').fill('0812 1000 0007');
    await expect(page.getByRole('row', { name: /Agus Salim/ })).toBeVisible();
    await expect(page.getByText('1–1 dari 1 peserta')).toBeVisible();

    await page.getByLabel('Cari').fill('Siti Aminah');
    await page.getByRole('row', { name: /Siti Aminah/ }).getByText('Warung Sari Rasa').click();
    await expect(page).toHaveURL(/\/participants\/[0-9a-f-]{36}\?program=/);
    await expect(page.getByRole('heading', { name: 'Siti Aminah' })).toBeVisible();
    const person = page.getByRole('region', { name: 'Pemilik usaha' });
    // The NIK is masked until an admin or programme manager asks for it (an audited reveal).
    await expect(person).toContainText('3174********0001');
    await expect(person).not.toContainText('3174015203920001');
    await person.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    await expect(person).toContainText('3174015203920001');
    await expect(person).toContainText('+6281234567890');
    await expect(person).toContainText('Perempuan');
    const business = page.getByRole('region', { name: 'Usaha', exact: true });
    await expect(business).toContainText('Warung Sari Rasa');
    await expect(business).toContainText('Kuliner');
    await expect(business).toContainText('Kota Administrasi Jakarta Selatan, DKI Jakarta (31.74)');
    const enrolment = page.getByRole('article', { name: 'JAKPRENEUR-2024' });
    await expect(enrolment.getByRole('combobox', { name: 'Status' })).toHaveValue('Terdaftar');
    await expect(enrolment.getByRole('combobox', { name: 'Bersedia ikut pelatihan' })).toHaveValue('Ya');
  });

  await test.step("change this programme's enrolment, and edit the participant with a server field error first", async () => {
    const enrolment = page.getByRole('article', { name: 'JAKPRENEUR-2024' });
    await choose(enrolment, 'Bersedia ikut pelatihan', 'Tidak');
    await expect(page.getByText('Keikutsertaan di JAKPRENEUR-2024 diperbarui')).toBeVisible();
    await choose(enrolment, 'Status', 'Diundang');
    await page.reload();
    await expect(enrolment.getByRole('combobox', { name: 'Status' })).toHaveValue('Diundang');
    await expect(enrolment.getByRole('combobox', { name: 'Bersedia ikut pelatihan' })).toHaveValue('Tidak');

    await page.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah data peserta' });
    // The masked NIK is not put in the form (nor sent back): it is kept unless a new one is typed.
    await expect(dialog.getByLabel('NIK')).toHaveValue('');
    await expect(dialog.getByLabel('NIK')).toHaveAccessibleDescription(/3174\*{8}0001/);
    await dialog.getByLabel('NIB').fill('12345');
    await dialog.getByLabel('Email').fill('siti@warungsari.id');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog.getByLabel('NIB')).toHaveAccessibleDescription(/NIB harus 13 digit/);
    await expect(dialog.getByLabel('Email')).toHaveValue('siti@warungsari.id');
    await dialog.getByLabel('NIB').fill('9120001234567');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Pemilik usaha' })).toContainText('siti@warungsari.id');
    await expect(page.getByRole('region', { name: 'Usaha', exact: true })).toContainText('9120001234567');

    await page.getByRole('link', { name: 'JAKPRENEUR-2024' }).first().click();
    await expect(page).toHaveURL(new RegExp(`${programmeUrl}/participants$`));
    await choose(page, 'Status', 'Diundang');
    await expect(page.getByText('1–1 dari 1 peserta')).toBeVisible();
    await expect(page.getByRole('row', { name: /Siti Aminah/ })).toContainText('Diundang');
  });

  await test.step('add a participant by hand: an invalid phone gets the field error, a valid one is added', async () => {
    await page.goto(`${programmeUrl}/participants`);
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah peserta' });
    await dialog.getByLabel('Nama pemilik').fill('Yuliana Putri');
    await dialog.getByLabel('Nama usaha').fill('Kue Lapis Yuli');
    await dialog.getByLabel('No. HP').fill('021-555-1234');
    await choose(dialog, 'Jenis kelamin', 'Perempuan');
    await choose(dialog, 'Sektor', 'Kuliner');
    await search(dialog, 'Kabupaten/kota', 'Jakarta Selatan', 'Kota Administrasi Jakarta Selatan — DKI Jakarta (31.74)');
    await choose(dialog, 'Bersedia ikut pelatihan', 'Ya');
    await dialog.getByRole('button', { name: 'Tambah peserta' }).click();
    await expect(dialog.getByLabel('No. HP')).toHaveAccessibleDescription(/Bukan nomor seluler Indonesia/);
    await expect(dialog.getByLabel('Nama usaha')).toHaveValue('Kue Lapis Yuli');

    await dialog.getByLabel('No. HP').fill('0857-1234-5678');
    await dialog.getByRole('button', { name: 'Tambah peserta' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Peserta ditambahkan');
    await dialog.getByRole('button', { name: 'Kembali ke daftar' }).click();
    await expect(page.getByText('1–13 dari 13 peserta')).toBeVisible();
    const row = page.getByRole('row', { name: /Yuliana Putri/ });
    await expect(row).toContainText('+6285712345678');
    await expect(row).toContainText('Kota Administrasi Jakarta Selatan');
  });

  await test.step('an owner already in the registry, added to another programme, is enrolled there too', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: 'JALIN-NUSANTARA-2024' }).click();
    await page.getByRole('tab', { name: 'Peserta' }).click();
    await expect(page.getByText('Belum ada peserta')).toBeVisible();
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah peserta' });
    await dialog.getByLabel('Nama pemilik').fill('Siti Aminah');
    await dialog.getByLabel('Nama usaha').fill('Warung Sari Rasa');
    await dialog.getByLabel('NIK').fill('3174015203920001');
    await search(dialog, 'Kabupaten/kota', '31.74', 'Kota Administrasi Jakarta Selatan — DKI Jakarta (31.74)');
    await dialog.getByRole('button', { name: 'Tambah peserta' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Sudah terdaftar di registri nasional');
    await dialog.getByRole('link', { name: 'Buka halaman peserta' }).click();
    await expect(page.getByRole('heading', { name: 'Siti Aminah' })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(page.getByRole('article', { name: 'JALIN-NUSANTARA-2024' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'JAKPRENEUR-2024' }).getByRole('combobox', { name: 'Status' })).toHaveValue('Diundang');
    await page.screenshot({ path: test.info().outputPath('desktop-participant.png'), fullPage: true });
  });

  await test.step('a longer list pages with the keyset cursors: next page, and back', async () => {
    // 60 more members for JALIN-NUSANTARA-2024 (which has Siti Aminah): two pages of 50.
    const members = Array.from({ length: 60 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const serial = String(100 + i).padStart(4, '0');
      return `Usaha Contoh ${i + 1};Pemilik Contoh ${i + 1};317401${day}0190${serial};0813-5555-${serial};L;Jasa;Jakarta Selatan;DKI Jakarta;Ya;Ya;`;
    });
    await page.getByRole('link', { name: 'JALIN-NUSANTARA-2024' }).first().click();
    await upload(page, 'jalin-anggota.csv', csv([HEADER, ...members]));
    await expectCounts(page, { total: 60, inserted: 60, updated: 0, duplicates: 0, rejected: 0 });
    await page.getByRole('tab', { name: 'Peserta' }).click();
    await expect(page.getByText('1–50 dari 61 peserta')).toBeVisible();
    await expect(page.getByRole('row', { name: /Pemilik Contoh 60\b/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Halaman sebelumnya' })).toBeDisabled();
    await page.getByRole('button', { name: 'Halaman berikutnya' }).click();
    await expect(page.getByText('51–61 dari 61 peserta')).toBeVisible();
    await expect(page.getByRole('row', { name: /Siti Aminah/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /Pemilik Contoh 60\b/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Halaman berikutnya' })).toBeDisabled();
    await page.getByRole('button', { name: 'Halaman sebelumnya' }).click();
    await expect(page.getByText('1–50 dari 61 peserta')).toBeVisible();
    // A filter starts again from the first page.
    await page.getByRole('button', { name: 'Halaman berikutnya' }).click();
    await expect(page.getByText('51–61 dari 61 peserta')).toBeVisible();
    await page.getByLabel('Cari').fill('Pemilik Contoh 1');
    await expect(page.getByText('1–11 dari 11 peserta')).toBeVisible();
  });

  await test.step('on a 360 × 740 phone the participants are cards and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${programmeUrl}/participants`);
    const card = page.getByRole('link', { name: 'Siti Aminah' });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Warung Sari Rasa');
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.locator('a[href^="/participants/"]')).toHaveCount(13);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: test.info().outputPath('phone-participants.png') });

    // The add form fills the screen.
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah peserta' });
    await expect(dialog.getByLabel('Nama pemilik')).toBeVisible();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: test.info().outputPath('phone-add-participant.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await expect(dialog).toBeHidden();

    // Filters fold away behind a button on phones.
    await page.getByRole('button', { name: 'Saringan' }).click();
    await choose(page, /^Bersedia$/, 'Tidak');
    await expect(page.getByRole('button', { name: 'Saringan (1)' })).toBeVisible();
    await expect(page.getByText(/dari 2 peserta$/)).toBeVisible();

    await page.getByRole('tab', { name: 'Impor' }).click();
    await page.getByRole('link', { name: /^jakpreneur-anggota\.csv/ }).last().click();
    await expect(count(page, 'Ditolak')).toHaveText('4');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: test.info().outputPath('phone-import-result.png'), fullPage: true });
  });
});
