import { expect, signIn, test, unique } from './fixtures.ts';
import { acceptInvite, api, expectNoSideScroll, msmeOf, setUpTrainerProgramme } from './training.ts';

type Outcomes = { byPhase: { phase: string; answered: number; byMentor: number }[] };

/** A mentor (trainer role) enters a baseline for a caseload MSME from the trainer app on a phone. */
test('a mentor enters an outcome survey in the trainer app; offline the form waits for signal', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const owner = setup.people[0];
  if (!owner) throw new Error('no participant');
  const business = `Tenun Ikat ${owner.name.split(' ')[0]}`;
  const msmeId = await msmeOf(page.request, owner.id);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const mentor = await phone.newPage();
  mentor.on('pageerror', (error) => problems.push(`mentor page error: ${error.message}`));
  await acceptInvite(mentor, setup.trainer.inviteUrl, 'kata-sandi-pendamping');
  await expect(mentor).toHaveURL(/\/trainer$/);
  await api(page.request, 'POST', `/api/programs/${setup.programmeId}/caseloads`, { mentorUserId: setup.trainer.id, msmeIds: [msmeId] });

  await mentor.goto(`/trainer/caseload/${setup.programmeId}/${msmeId}`);
  await expect(mentor.getByRole('heading', { name: business })).toBeVisible();
  const open = mentor.getByRole('button', { name: `Isi survei hasil ${business}` });

  await test.step('offline the survey cannot be sent, and the screen says why', async () => {
    await phone.setOffline(true);
    await expect(open).toBeDisabled();
    await expect(mentor.getByText('Survei hasil dikirim langsung ke server: isi saat ada sinyal.')).toBeVisible();
    await phone.setOffline(false);
    await expect(open).toBeEnabled();
  });

  await test.step('online: the baseline is filled in and confirmed on the screen', async () => {
    await open.click();
    const dialog = mentor.getByRole('dialog', { name: `Survei hasil usaha — ${business}` });
    await dialog.getByRole('radio', { name: 'Rp5–15 juta' }).check();
    await dialog.getByLabel('Porsi penjualan daring').fill('20');
    await dialog.getByLabel('Pekerja dibayar').fill('2');
    await dialog.getByLabel('Pekerja tidak dibayar (mis. keluarga)').fill('0');
    await dialog.getByLabel('Di antaranya perempuan').fill('1');
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(mentor.getByRole('status').filter({ hasText: `Jawaban ${business} disimpan (Awal program)` })).toBeVisible();
    await expectNoSideScroll(mentor);
  });

  const outcomes = await api<Outcomes>(page.request, 'GET', `/api/programs/${setup.programmeId}/outcomes`);
  expect(outcomes.byPhase.find((p) => p.phase === 'baseline')).toMatchObject({ answered: 1, byMentor: 1 });
  await phone.close();
});
