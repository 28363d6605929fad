import { choose, expect, signIn, test, unique, watch } from './fixtures.ts';
import { api, expectNoSideScroll } from './training.ts';

type Outcomes = { indicators: { code: string; value: number | null; respondents: number }[] };

/**
 * Economic outcomes end to end: a Labuan Bajo MSME has a baseline entered by her mentor (2
 * workers); the manager sends the endline survey; she answers on a 360 px phone (3 workers);
 * the manager sees "jobs created" move from no value to 1; the same link again stores nothing.
 */
test('an MSME answers the outcome survey on a phone and the jobs indicator moves', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  await signIn(page);
  const { items: organisations } = await api<{ items: { id: string }[] }>(page.request, 'GET', '/api/organisations');
  const programme = await api<{ id: string }>(page.request, 'POST', '/api/programs', {
    code: `HASIL-E2E-${suffix}`,
    name: `Jalin Nusantara Labuan Bajo ${suffix}`,
    ownerOrganisationId: organisations[0]?.id,
  });
  const owner = await api<{ msme: { id: string } }>(page.request, 'POST', `/api/programs/${programme.id}/participants`, {
    businessName: `Tenun Ikat Komodo ${suffix}`,
    ownerName: `Maria Goreti ${suffix}`,
    phone: `0813-9${String(Date.now()).slice(-3)}-${String(Math.floor(Math.random() * 9000) + 1000)}`,
    gender: 'female',
    sector: 'kriya',
    regency: '53.15',
    active: true,
    willing: true,
  });
  const msmeId = owner.msme.id;
  await api(page.request, 'POST', `/api/programs/${programme.id}/msmes/${msmeId}/outcome-responses`, {
    phase: 'baseline',
    answer: { revenueBand: '5m_15m', onlineSharePercent: 10, workersPaid: 1, workersUnpaid: 1, workersWomen: 1, platforms: ['instagram'] },
  });
  const jobs = page.getByTestId('outcome-jobs_created');

  await test.step('the manager sends the endline survey; jobs created has no value yet (non-response is not zero)', async () => {
    await page.goto(`/programs/${programme.id}/outcomes`);
    await expect(jobs).toHaveText('Belum ada data');
    await page.getByRole('combobox', { name: 'Tahap' }).click();
    await page.getByRole('option', { name: 'Akhir program' }).click();
    await page.getByRole('combobox', { name: 'Saluran' }).click();
    await page.getByRole('option', { name: 'Catatan saja (tidak dikirim)' }).click();
    await page.getByLabel('Tautan berlaku sampai').fill('2099-12-31');
    await page.getByRole('button', { name: 'Kirim tautan survei' }).click();
    await expect(page.getByText('Tautan survei pribadi diantrekan untuk 1 UMKM.')).toBeVisible();
  });

  const { url } = await api<{ url: string }>(page.request, 'GET', `/api/programs/${programme.id}/msmes/${msmeId}/outcome-link?phase=endline`);
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const mobile = await phone.newPage();
  watch(mobile, problems);

  await test.step('she answers on a 360 px phone; an impossible value is refused with a clear message first', async () => {
    await mobile.goto(url);
    await expect(mobile.getByRole('heading', { name: 'Survei hasil usaha' })).toBeVisible();
    await expect(mobile.getByText(`Tenun Ikat Komodo ${suffix}`)).toBeVisible();
    await mobile.getByRole('radio', { name: 'Rp15–50 juta' }).check();
    await mobile.getByLabel('Porsi penjualan daring').fill('35');
    await mobile.getByLabel('Pekerja dibayar').fill('2');
    await mobile.getByLabel('Pekerja tidak dibayar (mis. keluarga)').fill('1');
    await mobile.getByLabel('Di antaranya perempuan').fill('5');
    await mobile.getByLabel('Pekerja baru sejak awal program').fill('1');
    await mobile.getByRole('checkbox', { name: 'TikTok Shop' }).check();
    await expectNoSideScroll(mobile);
    await mobile.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(mobile.getByText('Pekerja perempuan tidak boleh lebih banyak dari jumlah pekerja (dibayar + tidak dibayar)')).toBeVisible();
    await mobile.getByLabel('Di antaranya perempuan').fill('2');
    await mobile.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(mobile.getByRole('status').getByText('Terima kasih!')).toBeVisible();
    await expectNoSideScroll(mobile);
  });

  await test.step('the same link again says it was answered and stores nothing', async () => {
    await mobile.goto('about:blank');
    await mobile.goto(url);
    await expect(mobile.getByText('Survei ini sudah dijawab. Terima kasih!')).toBeVisible();
    await expect(mobile.getByRole('button', { name: 'Kirim jawaban' })).toHaveCount(0);
  });
  await phone.close();

  await test.step('the Konteks tab of Jalin Nusantara shows Labuan Bajo\'s 2023 visits as context, and the launch in Labuan Bajo\'s calendar', async () => {
    const jalin = (await api<{ items: { id: string; code: string }[] }>(page.request, 'GET', '/api/programs?q=JALIN-NUSANTARA-2024')).items.find((p) => p.code === 'JALIN-NUSANTARA-2024');
    await page.goto(`/programs/${jalin?.id}/context`);
    await expect(page.getByText('Konteks, bukan dampak')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Angka konteks' }).getByText('423.847')).toBeVisible();
    const launch = page.getByText('Peluncuran TikTok Jalin Nusantara (Puncak Waringin)');
    await expect(launch).toBeVisible();
    // One destination's calendar: Samosir's has no Labuan Bajo launch; Labuan Bajo's has.
    await choose(page, 'Destinasi', /^Samosir$/);
    await expect(launch).toHaveCount(0);
    await choose(page, 'Destinasi', /^Labuan Bajo$/);
    await expect(launch).toBeVisible();
    await page.goto(`/programs/${programme.id}/outcomes`);
  });

  await test.step('the manager sees jobs created move to 1 (2 → 3 workers) with its response rate', async () => {
    await expect(jobs).toHaveText('1');
    const row = page.locator('tr[data-indicator="jobs_created"]');
    await expect(row).toContainText('1 dari 1 UMKM');
    await expect(row).toContainText('100 %');
    const outcomes = await api<Outcomes>(page.request, 'GET', `/api/programs/${programme.id}/outcomes`);
    expect(outcomes.indicators.find((i) => i.code === 'jobs_created')).toMatchObject({ value: 1, respondents: 1 });
    // Nobody trained yet: no difference-in-differences, with the reason and the method (as on the impact tab).
    const did = page.getByRole('region', { name: 'Selisih-dalam-selisih (DiD)' });
    await expect(did).toContainText('Belum ada UMKM terlatih dengan jawaban baseline dan jawaban sesudahnya');
    await expect(did).toContainText('Metode');
    await expect(did).toContainText('galat baku Welch');
  });
});
