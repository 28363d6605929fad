import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { choose, expect, signIn, switchLanguage, test, unique } from './fixtures.ts';
import { api } from './training.ts';

/**
 * A programme with 9 MSMEs in Jakarta Selatan (6 owned by women, 3 by men) and 2 in Manggarai
 * Barat: the dashboard counts 11, 8 with the "Perempuan" filter; the XLSX report has its sheets
 * and the provinces counted; the public results page, once published, hides Manggarai Barat's 2;
 * the context panel points to the Konteks tab until a figure exists, then shows it beside the
 * programme's 9 MSMEs of Jakarta Selatan for the same quarter, labelled as context.
 */
test('dashboard: filters change the figures, the XLSX report downloads with its sheets, the public results page after opting in', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const suffix = unique();
  const code = `DASBOR-${suffix}`;
  await signIn(page);

  const { items: organisations } = await api<{ items: { id: string }[] }>(page.request, 'GET', '/api/organisations');
  const programme = await api<{ id: string }>(page.request, 'POST', '/api/programs', { code, name: `Program Dasbor ${suffix}`, ownerOrganisationId: organisations[0]?.id });
  const digits = String(Date.now()).slice(-5);
  const people: { gender: 'female' | 'male'; regency: string }[] = [
    ...Array.from({ length: 6 }, () => ({ gender: 'female' as const, regency: '31.74' })),
    ...Array.from({ length: 3 }, () => ({ gender: 'male' as const, regency: '31.74' })),
    ...Array.from({ length: 2 }, () => ({ gender: 'female' as const, regency: '53.15' })),
  ];
  for (const [i, p] of people.entries()) {
    await api(page.request, 'POST', `/api/programs/${programme.id}/participants`, {
      businessName: `Usaha Dasbor ${suffix} ${i}`,
      ownerName: `Pemilik ${suffix} ${i}`,
      phone: `0812${digits}${String(i).padStart(2, '0')}`,
      gender: p.gender,
      sector: 'kuliner',
      regency: p.regency,
    });
  }
  // The rollups are refreshed by a background job: wait until nothing is pending.
  await expect
    .poll(async () => (await api<{ pending: boolean; indicators: { code: string; value: number | null }[] }>(page.request, 'GET', `/api/programs/${programme.id}/dashboard`)).indicators.find((i) => i.code === 'msme_enrolled')?.value, { timeout: 60_000 })
    .toBe(11);

  await test.step('the dashboard follows its filters', async () => {
    await page.goto(`/programs/${programme.id}/dashboard`);
    await expect(page.getByRole('tab', { name: 'Dasbor' })).toHaveAttribute('aria-selected', 'true');
    const enrolled = page.getByTestId('indicator-msme_enrolled').getByTestId('indicator-value');
    await expect(enrolled).toHaveText('11');
    await expect(page.getByTestId('echart-funnel').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('echart-provinces').locator('canvas')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Peta provinsi (UMKM terdaftar)' }).locator('canvas')).toBeVisible();
    await choose(page, 'Jenis kelamin', 'Perempuan');
    await expect(page).toHaveURL(/gender=female/);
    await expect(enrolled).toHaveText('8');
    await choose(page, 'Provinsi', /NUSA TENGGARA TIMUR/);
    await expect(enrolled).toHaveText('2');
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    await expect(enrolled).toHaveText('11');
  });

  await test.step('each chart downloads its data as CSV', async () => {
    const chart = page.getByTestId('chart-provinces');
    const [download] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Unduh CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`dasbor-${code.toLowerCase()}-provinces.csv`);
    const csv = (await readFile(await download.path())).toString('utf8');
    expect(csv).toContain('DKI JAKARTA,9');
    const [png] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Unduh PNG' }).click()]);
    expect(png.suggestedFilename()).toBe(`dasbor-${code.toLowerCase()}-provinces.png`);
    expect((await readFile(await png.path())).subarray(1, 4).toString('latin1')).toBe('PNG');
    const map = page.getByTestId('chart-map');
    const [mapData] = await Promise.all([page.waitForEvent('download'), map.getByRole('button', { name: 'Unduh CSV' }).click()]);
    expect(mapData.suggestedFilename()).toBe(`dasbor-${code.toLowerCase()}-map.csv`);
    expect((await readFile(await mapData.path())).toString('utf8')).toContain('31,DKI JAKARTA,9');
  });

  await test.step('the XLSX report is made as a job and downloads with one sheet per disaggregation', async () => {
    await page.getByRole('button', { name: 'Laporan XLSX' }).click();
    const get = page.getByRole('link', { name: 'Unduh XLSX' });
    await expect(get).toBeVisible({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), get.click()]);
    expect(download.suggestedFilename()).toBe(`laporan-${code.toLowerCase()}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Provinsi',
      'Kabupaten-Kota',
      'Lokasi',
      'Sektor',
      'Jenis kelamin',
      'Kelompok umur',
      'Jenis peserta',
      'Mitra',
      'Bulan',
      'Definisi indikator',
    ]);
    /** The value of an indicator (by the `[code]` ending its header) in the row whose first cell is `key`. */
    const valueOf = (sheetName: string, key: string, indicator: string) => {
      const sheet = workbook.getWorksheet(sheetName) as ExcelJS.Worksheet;
      const column = (sheet.getRow(1).values as unknown[]).findIndex((h) => String(h ?? '').endsWith(`[${indicator}]`));
      let found: unknown;
      sheet.eachRow((row) => {
        const values = row.values as unknown[];
        if (String(values[1]) === key) found = values[column];
      });
      return found;
    };
    expect(valueOf('Provinsi', '31', 'msme_enrolled')).toBe(9);
    expect(valueOf('Provinsi', '53', 'msme_enrolled')).toBe(2);
    expect(valueOf('Jenis kelamin', 'female', 'msme_enrolled')).toBe(8);
    expect(valueOf('Jenis kelamin', 'male', 'msme_enrolled')).toBe(3);
  });

  await test.step('the public results page appears once the manager publishes it, without sign-in', async () => {
    const anonymous = await browser.newContext({ locale: 'id-ID' });
    const visitor = await anonymous.newPage();
    await visitor.goto(`/hasil/${code}`);
    await expect(visitor.getByText('Hasil program tidak tersedia')).toBeVisible();

    await page.getByRole('switch', { name: 'Tidak diterbitkan' }).click({ force: true });
    await expect(page.getByRole('switch', { name: 'Diterbitkan' })).toBeChecked();
    await expect(page.getByRole('link', { name: new RegExp(`/hasil/${code}`) })).toBeVisible();

    await visitor.reload();
    await expect(visitor.getByRole('heading', { name: `Program Dasbor ${suffix}` })).toBeVisible();
    await expect(visitor.getByTestId('public-msme_enrolled').getByTestId('public-value')).toHaveText('11');
    const table = visitor.getByTestId('public-provinces');
    await expect(table.getByRole('row', { name: /DKI JAKARTA/ })).toContainText('9');
    await expect(table.getByRole('row', { name: /NUSA TENGGARA TIMUR/ })).toContainText('<5');
    await expect(visitor.getByRole('img', { name: 'Peta sebaran UMKM terdaftar per provinsi' }).locator('canvas')).toBeVisible();
    await expect(visitor.getByText(`Pemilik ${suffix}`)).toHaveCount(0);
    await anonymous.close();
  });

  await test.step('the context panel: a hint to the Konteks tab while there is no figure, then the figure beside the indicator, as context', async () => {
    await page.goto(`/programs/${programme.id}/dashboard`);
    const panel = page.getByTestId('context-panel');
    await expect(panel.getByText('Konteks, bukan dampak')).toBeVisible();
    await expect(panel.getByRole('table')).toHaveCount(0);
    await panel.getByRole('link', { name: 'Masukkan atau impor angka di tab Konteks' }).click();
    await expect(page.getByRole('tab', { name: 'Konteks' })).toHaveAttribute('aria-selected', 'true');

    // Tourist visits to Jakarta Selatan this quarter (WIB), where the 9 MSMEs were enrolled today.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    const { items: series } = await api<{ items: { id: string; code: string }[] }>(page.request, 'GET', `/api/programs/${programme.id}/context/series`);
    const visits = series.find((s) => s.code === 'tourist_visits_total');
    await api(page.request, 'POST', `/api/programs/${programme.id}/context/values`, { seriesId: visits?.id, place: '31.74', period: quarter, value: '12345', source: 'BPS' });

    await page.goto(`/programs/${programme.id}/dashboard`);
    await expect(panel.getByText('Konteks, bukan dampak')).toBeVisible();
    await expect(panel.getByText(/bukan hasil atau dampak program/)).toBeVisible();
    await choose(panel, 'Indikator program', 'UMKM terdaftar');
    const row = panel.getByRole('table', { name: 'Konteks di samping hasil program' }).getByRole('row', { name: new RegExp(quarter) });
    await expect(row.getByRole('cell')).toHaveText([quarter, '12.345', '9']);
    await expect(panel.getByRole('columnheader', { name: /Kunjungan wisatawan \(total\)/ })).toContainText('(konteks)');
    await switchLanguage(page, 'EN');
    await expect(panel.getByText('Context, not effect')).toBeVisible();
    const rowInEnglish = panel.getByRole('table', { name: 'Context beside programme results' }).getByRole('row', { name: new RegExp(quarter) });
    await expect(rowInEnglish.getByRole('cell')).toHaveText([quarter, '12,345', '9']);
    await switchLanguage(page, 'ID');
  });
});
