import { expect, signIn, test, unique } from './fixtures.ts';
import { acceptInvite, api, msmeOf, setUpTrainerProgramme } from './training.ts';

type Outcomes = { byPhase: { phase: string; answered: number; byMentor: number }[]; indicators: { code: string; value: number | null; respondents: number }[] };

/**
 * Outcome answers entered for an MSME of a mentor's caseload from the Pendampingan tab: the
 * baseline after a visit (1 paid + 1 unpaid worker, 10 % online), the endline after a call
 * (2 paid + 1 unpaid = 3 workers, 40 % online). Jobs created becomes 3 − 2 = 1 and the online
 * share is the latest answer's 40 %. Impossible answers get the public survey's own messages.
 */
test('a coordinator enters outcome answers for a caseload MSME and the jobs and online-share indicators follow', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const owner = setup.people[0];
  if (!owner) throw new Error('no participant');
  const business = `Tenun Ikat ${owner.name.split(' ')[0]}`;
  const msmeId = await msmeOf(page.request, owner.id);
  const trainerContext = await browser.newContext({ locale: 'id-ID' });
  const mentor = await trainerContext.newPage();
  await acceptInvite(mentor, setup.trainer.inviteUrl, 'kata-sandi-pendamping');
  await expect(mentor).toHaveURL(/\/trainer$/);
  await trainerContext.close();
  await api(page.request, 'POST', `/api/programs/${setup.programmeId}/caseloads`, { mentorUserId: setup.trainer.id, msmeIds: [msmeId] });

  const jobs = page.getByTestId('outcome-jobs_created');
  const online = page.getByTestId('outcome-online_sales_share');
  const dialog = page.getByRole('dialog', { name: `Survei hasil usaha — ${business}` });
  const open = () => page.getByRole('button', { name: `Isi survei hasil ${business}` }).click();

  await test.step('no answers yet: neither indicator has a value', async () => {
    await page.goto(`/programs/${setup.programmeId}/outcomes`);
    await expect(jobs).toHaveText('Belum ada data');
    await expect(online).toHaveText('Belum ada data');
  });

  await test.step('the baseline from a visit: more women than workers is refused with the survey’s message, then stored', async () => {
    await page.goto(`/programs/${setup.programmeId}/mentoring`);
    await open();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Pekerja baru sejak awal program')).toHaveCount(0);
    await dialog.getByRole('radio', { name: 'Rp5–15 juta' }).check();
    await dialog.getByLabel('Porsi penjualan daring').fill('10');
    await dialog.getByLabel('Pekerja dibayar').fill('1');
    await dialog.getByLabel('Pekerja tidak dibayar (mis. keluarga)').fill('1');
    await dialog.getByLabel('Di antaranya perempuan').fill('3');
    await dialog.getByRole('checkbox', { name: 'Instagram' }).check();
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(dialog.getByText('Pekerja perempuan tidak boleh lebih banyak dari jumlah pekerja (dibayar + tidak dibayar)')).toBeVisible();
    await dialog.getByLabel('Di antaranya perempuan').fill('1');
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(page.getByText(`Jawaban ${business} disimpan (Awal program)`)).toBeVisible();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('the endline from a phone call, with new hires; the baseline cannot be entered twice', async () => {
    await open();
    await dialog.getByText('Akhir program').click();
    await dialog.getByRole('radio', { name: 'Rp15–50 juta' }).check();
    await dialog.getByLabel('Porsi penjualan daring').fill('40');
    await dialog.getByLabel('Pekerja dibayar').fill('2');
    await dialog.getByLabel('Pekerja tidak dibayar (mis. keluarga)').fill('1');
    await dialog.getByLabel('Di antaranya perempuan').fill('2');
    await dialog.getByLabel('Pekerja baru sejak awal program').fill('1');
    await dialog.getByRole('checkbox', { name: 'TikTok Shop' }).check();
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(page.getByText(`Jawaban ${business} disimpan (Akhir program)`)).toBeVisible();
    await expect(dialog).toHaveCount(0);

    await open();
    await dialog.getByRole('radio', { name: 'Di bawah Rp5 juta' }).check();
    await dialog.getByLabel('Porsi penjualan daring').fill('0');
    await dialog.getByLabel('Pekerja dibayar').fill('0');
    await dialog.getByLabel('Pekerja tidak dibayar (mis. keluarga)').fill('1');
    await dialog.getByLabel('Di antaranya perempuan').fill('1');
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(dialog.getByRole('alert').getByText('Usaha ini sudah punya jawaban untuk tahap ini')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  await test.step('the outcomes tab: jobs created 1 (2 → 3 workers), online share 40 %, both from mentor entries', async () => {
    await page.goto(`/programs/${setup.programmeId}/outcomes`);
    await expect(jobs).toHaveText('1');
    await expect(online).toHaveText('40 %');
    const outcomes = await api<Outcomes>(page.request, 'GET', `/api/programs/${setup.programmeId}/outcomes`);
    expect(outcomes.indicators.find((i) => i.code === 'jobs_created')).toMatchObject({ value: 1, respondents: 1 });
    expect(outcomes.indicators.find((i) => i.code === 'online_sales_share')).toMatchObject({ value: 40, respondents: 1 });
    expect(outcomes.byPhase.filter((p) => p.byMentor > 0).map((p) => [p.phase, p.answered, p.byMentor])).toEqual([
      ['baseline', 1, 1],
      ['endline', 1, 1],
    ]);
  });
});
