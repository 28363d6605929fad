import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { oneTimeCode } from '../../src/core/one-time-code.ts';
import { expect, signIn, test, unique, watch } from './fixtures.ts';
import { api, expectNoSideScroll, programmeId } from './training.ts';

/** A demo programme that ended in 2022 and whose participant count no other spec checks. */
const CODE = 'KOMINFO-UMKM-2022';

/**
 * The code a participant's phone receives. The log channel keeps messages inside the server and
 * the code is never stored, so the test derives it as the outbox does (`myDataPersonaliser`): from
 * the request id (in the audit trail, which the admin reads) and the e2e server's secret.
 */
async function receivedCode(requestId: string): Promise<string> {
  const dataDir = process.env.BERDAYA_E2E_DATA_DIR;
  if (!dataDir) throw new Error('BERDAYA_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const secret = (await readFile(path.join(dataDir, 'secret.key'), 'utf8')).trim();
  return oneTimeCode(secret, requestId);
}

test('a participant opens their own data with a one-time code, downloads it and deletes it', async ({ page, browser, problems }) => {
  const suffix = unique();
  const name = `Wati Mandiri ${suffix}`;
  const phone = `0813${String(Date.now()).slice(-8)}`;
  await signIn(page);
  const programme = await programmeId(page.request, CODE);
  const added = await api<{ person: { id: string } }>(page.request, 'POST', `/api/programs/${programme}/participants`, {
    ownerName: name,
    businessName: `Sambal Wati ${suffix}`,
    phone,
    gender: 'female',
    sector: 'kuliner',
    regency: '31.74',
  });
  const personId = added.person.id;

  // The participant's own phone: no account, not signed in.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phonePage = await context.newPage();
  watch(phonePage, problems);

  await test.step('ask for a code: the answer never says whether the number is registered', async () => {
    await phonePage.goto('/data-saya');
    await expect(phonePage.getByRole('heading', { name: 'Data pribadi saya' })).toBeVisible();
    await phonePage.getByLabel('Nomor HP atau email').fill('12345');
    await phonePage.getByRole('button', { name: 'Kirim kode' }).click();
    await expect(phonePage.getByText('Isi nomor HP Indonesia (08…) atau alamat email')).toBeVisible();
    await phonePage.getByLabel('Nomor HP atau email').fill(`${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`);
    await phonePage.getByRole('button', { name: 'Kirim kode' }).click();
    await expect(phonePage.getByRole('status')).toHaveText('Jika kontak ini terdaftar, kode sekali pakai sudah kami kirim. Kode berlaku 10 menit.');
    await expectNoSideScroll(phonePage);
  });

  await test.step('a wrong code is refused with the attempts left; the right one opens the data', async () => {
    const events = await api<{ items: { details: { requestId: string } }[] }>(page.request, 'GET', `/api/audit?action=personal_data.code_sent&entityId=${personId}`);
    expect(events.items).toHaveLength(1);
    const code = await receivedCode(events.items[0]?.details.requestId ?? '');
    await phonePage.getByLabel('Kode 6 angka').fill(code === '000000' ? '111111' : '000000');
    await phonePage.getByRole('button', { name: 'Buka data saya' }).click();
    await expect(phonePage.getByText('Kode salah. Sisa percobaan: 4.')).toBeVisible();
    await phonePage.getByLabel('Kode 6 angka').fill(code);
    await phonePage.getByRole('button', { name: 'Buka data saya' }).click();
    const summary = phonePage.getByRole('region', { name: 'Data yang kami simpan' });
    await expect(summary).toContainText(name);
    await expect(summary).toContainText(`Sambal Wati ${suffix} · Kuliner`);
    await expect(summary).toContainText('Pendampingan Digital UMKM Sektor Pengolahan 2022');
    await expectNoSideScroll(phonePage);
  });

  await test.step('download the JSON copy: it holds the name and the phone number', async () => {
    const download = phonePage.waitForEvent('download');
    await phonePage.getByRole('button', { name: 'Unduh JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^data-pribadi-[0-9a-f]{8}\.json$/);
    const data = JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as { person: { id: string; name: string; phone: string } };
    expect(data.person).toMatchObject({ id: personId, name, phone: `+62${phone.slice(1)}` });
    const pdf = phonePage.waitForEvent('download');
    await phonePage.getByRole('button', { name: 'Unduh PDF' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  });

  await test.step('delete: the dialog says what is kept, asks for confirmation, and the data is gone', async () => {
    await phonePage.getByRole('button', { name: 'Hapus data saya' }).click();
    const dialog = phonePage.getByRole('dialog', { name: 'Hapus data pribadi saya' });
    await expect(dialog).toContainText('Tidak dapat dibatalkan');
    await expect(dialog).toContainText('jumlah anonim untuk laporan program');
    const erase = dialog.getByRole('button', { name: 'Hapus untuk selamanya' });
    await expect(erase).toBeDisabled();
    await dialog.getByLabel('Saya mengerti bahwa penghapusan ini tidak dapat dibatalkan').check();
    await erase.click();
    await expect(dialog).toBeHidden();
    await expect(phonePage.getByRole('status')).toContainText('Data pribadi Anda sudah dihapus untuk selamanya');
    await expect(phonePage.getByText(name)).toHaveCount(0);

    const detail = await api<{ person: { name: string; phone: string | null; anonymised: boolean } }>(page.request, 'GET', `/api/participants/${personId}`);
    expect(detail.person).toMatchObject({ name: 'Dihapus', phone: null, anonymised: true });
    const erased = await api<{ items: { actorUserId: string | null; details: Record<string, unknown> }[] }>(page.request, 'GET', `/api/audit?action=personal_data.erase&entityId=${personId}`);
    expect(erased.items).toMatchObject([{ actorUserId: null, details: { by: 'data_subject' } }]);
  });
  await context.close();
});
