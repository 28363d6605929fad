import { expect, signIn, test, unique } from './fixtures.ts';
import { api, expectNoSideScroll, setUpCompletionProgramme } from './training.ts';

const NIK = '5371014107900001';

test('a manager issues a certificate in the web app, a participant verifies it on a phone, and a revoked one says so', async ({ page, browser, problems }) => {
  const suffix = unique();
  await signIn(page);
  const setup = await setUpCompletionProgramme(page.request, suffix);
  const holder = await setup.participant(`Agustina Lende ${suffix}`, { nik: NIK });
  await setup.participant(`Kristina Bria ${suffix}`, { attendNow: false });

  let verifyUrl = '';
  await test.step('the Sertifikat tab lists who completed the path and issues one certificate', async () => {
    await page.goto(`/programs/${setup.programme.id}/certificates`);
    const eligibility = page.getByRole('table', { name: 'Kelayakan sertifikat' });
    await expect(eligibility.getByRole('row', { name: new RegExp(holder.name) })).toBeVisible();
    await expect(eligibility.getByRole('row', { name: new RegExp(`Kristina Bria ${suffix}`) })).toHaveCount(0);
    await eligibility.getByRole('button', { name: `Terbitkan sertifikat untuk ${holder.name}` }).click();
    // The row shows the issued certificate (the confirmation toast may already have closed on a slow machine).
    await expect(eligibility.getByRole('row', { name: new RegExp(holder.name) })).toContainText('Berlaku');
    const { items } = await api<{ items: { id: string; holderName: string; verifyUrl: string }[] }>(page.request, 'GET', `/api/programs/${setup.programme.id}/certificates`);
    expect(items.map((c) => c.holderName)).toEqual([holder.name]);
    verifyUrl = items[0]?.verifyUrl ?? '';
    expect(verifyUrl).toMatch(/\/verify\/[0-9A-Z]{12}$/);
  });

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', isMobile: true, hasTouch: true });
  const participant = await phone.newPage();
  participant.on('pageerror', (error) => problems.push(`participant page error: ${error.message}`));
  await test.step('the QR link opens the public verification page without a login: valid, with name and programme, never NIK or phone', async () => {
    await participant.goto(new URL(verifyUrl).pathname);
    const status = participant.getByTestId('verification-status');
    await expect(status).toContainText('Sertifikat sah');
    const details = participant.getByRole('region', { name: 'Rincian sertifikat' });
    await expect(details).toContainText(holder.name);
    await expect(details).toContainText(setup.programme.name);
    const text = await participant.locator('body').innerText();
    expect(text).not.toContain(NIK);
    expect(text.replace(/\D/g, '')).not.toContain(holder.phone.replace(/\D/g, '').slice(1));
    await expectNoSideScroll(participant);
  });

  await test.step('a mistyped code is refused with a clear message', async () => {
    await participant.goto('/verify');
    await participant.getByLabel('Kode verifikasi').fill('ZZZZZZZZZZZZ');
    await participant.getByRole('button', { name: 'Periksa' }).click();
    await expect(participant.getByRole('alert')).toContainText('Sertifikat tidak ditemukan');
  });

  await test.step('the manager revokes it with a reason; the same link then says it is revoked', async () => {
    await page.getByRole('button', { name: /^Cabut sertifikat / }).click();
    const dialog = page.getByRole('dialog', { name: 'Cabut sertifikat' });
    await dialog.getByLabel('Alasan pencabutan').fill('Data kehadiran keliru');
    await dialog.getByRole('button', { name: 'Cabut' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Dicabut', { exact: true }).first()).toBeVisible();
    await participant.goto(new URL(verifyUrl).pathname);
    await expect(participant.getByTestId('verification-status')).toContainText('Sertifikat dicabut');
  });
  await phone.close();
});
