import { readFile } from 'node:fs/promises';
import { expect, signIn, test, unique, watch } from './fixtures.ts';

const CSRF = { 'x-berdaya-csrf': '1' };
/** A demo programme that ended in 2022 and whose participant count no other spec checks. */
const CODE = 'KOMINFO-UMKM-2022';

test('admin reveals a NIK, withdraws messaging consent, exports and erases a participant; viewers see no personal data', async ({ page, browser, problems }) => {
  const suffix = unique();
  const name = `Ratna Privasi ${suffix}`;
  // A valid NIK (Jakarta Selatan, born 12-03-1990) and phone, unique to this run.
  const nik = `3174015203900${String(Date.now() % 1000).padStart(3, '0')}`;
  const masked = `${nik.slice(0, 4)}********${nik.slice(-4)}`;
  await signIn(page);

  const programme = (await (await page.request.get(`/api/programs/by-code/${CODE}`)).json()) as { id: string };
  const added = await page.request.post(`/api/programs/${programme.id}/participants`, {
    headers: CSRF,
    data: { ownerName: name, businessName: `Keripik Ratna ${suffix}`, nik, phone: `0813${String(Date.now()).slice(-8)}`, gender: 'female', sector: 'kuliner', regency: '31.74' },
  });
  expect(added.status()).toBe(201);
  const personId = ((await added.json()) as { person: { id: string } }).person.id;
  // Participation consent collected on the registration form.
  const consent = await page.request.post(`/api/participants/${personId}/consents`, {
    headers: CSRF,
    data: { purpose: 'programme_participation', granted: true, source: 'form', wordingVersion: '2024-05', programmeId: programme.id },
  });
  expect(consent.status()).toBe(201);
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { name: string } };
  const enrolled = async () => ((await (await page.request.get(`/api/programs/${programme.id}/participants?limit=1`)).json()) as { total: number }).total;
  const totalBefore = await enrolled();

  await test.step('the participant page shows the NIK masked; "Tampilkan" reveals it with a note about the audit trail', async () => {
    await page.goto(`/participants/${personId}?program=${programme.id}`);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    const person = page.getByRole('region', { name: 'Pemilik usaha' });
    await expect(person).toContainText(masked);
    await expect(person).not.toContainText(nik);
    await person.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    await expect(person.getByTestId('nik-revealed')).toHaveText(nik);
    await expect(person).toContainText('tercatat di jejak audit');

    // The edit form keeps working with the masked NIK: an unchanged NIK is not sent back.
    await page.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah data peserta' });
    await expect(dialog.getByLabel('NIK')).toHaveValue('');
    await expect(dialog.getByLabel('NIK')).toHaveAccessibleDescription(new RegExp(masked.replace(/\*/g, '\\*')));
    await dialog.getByLabel('Email').fill('ratna@contoh.id');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toBeHidden();
    await expect(person).toContainText('ratna@contoh.id');
    const revealed = (await (await page.request.post(`/api/participants/${personId}/reveal`, { headers: CSRF })).json()) as { nik: string };
    expect(revealed.nik).toBe(nik);
  });

  await test.step('withdrawing messaging consent asks for confirmation and shows in the history', async () => {
    const section = page.getByRole('region', { name: 'Persetujuan' });
    const current = section.getByRole('table', { name: 'Status persetujuan saat ini' });
    const messaging = current.getByRole('row', { name: /Menerima pesan/ });
    await expect(messaging).toContainText('Belum dicatat');
    await expect(current.getByRole('row', { name: new RegExp(`Keikutsertaan program · ${CODE}`) })).toContainText('Diberikan');
    await messaging.getByRole('button', { name: /^Tarik persetujuan/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Tarik persetujuan' });
    await expect(dialog).toContainText('Pesan yang masih menunggu dikirim');
    await dialog.getByLabel('Versi teks').fill('2024-07');
    await dialog.getByRole('button', { name: 'Tarik persetujuan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Penarikan persetujuan dicatat')).toBeVisible();
    await expect(messaging).toContainText('Ditarik');
    const history = section.getByRole('table', { name: 'Riwayat persetujuan' });
    const rows = history.getByRole('row');
    // Header, the withdrawal (newest first), the participation consent.
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('Menerima pesan');
    await expect(rows.nth(1)).toContainText('Ditarik');
    await expect(rows.nth(1)).toContainText('Dicatat staf');
    await expect(rows.nth(1)).toContainText('2024-07');
    await expect(rows.nth(1)).toContainText(me.user.name);
    await expect(rows.nth(2)).toContainText('Diberikan');
    await expect(rows.nth(2)).toContainText('Formulir');
    await expect(rows.nth(2)).toContainText('2024-05');
  });

  await test.step('the JSON export downloads everything held, NIK and consents included', async () => {
    const section = page.getByRole('region', { name: 'Data pribadi (UU PDP)' });
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Unduh data (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`data-pribadi-${personId.slice(0, 8)}.json`);
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      person: { name: string; nik: string; email: string };
      consents: { purpose: string; granted: boolean; wordingVersion: string }[];
    };
    expect(data.person).toMatchObject({ name, nik, email: 'ratna@contoh.id' });
    expect(data.consents.map((c) => [c.purpose, c.granted, c.wordingVersion])).toEqual([
      ['programme_participation', true, '2024-05'],
      ['messaging', false, '2024-07'],
    ]);
  });

  await test.step('erasing needs the request reference and the name typed again; afterwards name and NIK are gone, the enrolment still counts', async () => {
    await page.getByRole('button', { name: 'Hapus data pribadi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus data pribadi' });
    await expect(dialog).toContainText('Tidak dapat dibatalkan');
    await dialog.getByLabel('Nomor atau rujukan permintaan').fill(`SURAT-${suffix}`);
    const confirm = dialog.getByRole('button', { name: 'Hapus untuk selamanya' });
    await dialog.getByLabel(/Ketik nama peserta/).fill('Ratna');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Ketik nama peserta/).fill(name);
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Data pribadi telah dihapus', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Dihapus' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(name);
    await expect(page.locator('main')).not.toContainText(masked);
    await expect(page.locator('main')).not.toContainText(nik);
    await expect(page.getByRole('button', { name: 'Hapus data pribadi' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ubah' })).toHaveCount(0);

    await page.goto(`/programs/${programme.id}/participants`);
    await expect(page.getByText(new RegExp(`dari ${totalBefore} peserta`))).toBeVisible();
    await expect(page.locator('main')).not.toContainText(name);
    expect(await enrolled()).toBe(totalBefore);
  });

  await test.step('the admin sets the retention period in the programme overview', async () => {
    await page.goto(`/programs/${programme.id}`);
    const retention = page.getByRole('region', { name: 'Masa simpan data pribadi' });
    await retention.getByLabel(/Masa simpan \(bulan/).fill('240');
    await retention.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByText('Masa simpan data disimpan')).toBeVisible();
    // 31 October 2022 + 240 months.
    await expect(retention.getByTestId('retention-summary')).toContainText('240 bulan');
    await expect(retention.getByTestId('retention-summary')).toContainText('31 Oktober 2042');
  });

  await test.step('a viewer is refused the participant page and sees no participants tab', async () => {
    const invited = await page.request.post('/api/users', { headers: CSRF, data: { email: `pengawas-pdp-${suffix.toLowerCase()}@ksp.example.id`, name: 'Pengawas PDP', role: 'viewer' } });
    expect(invited.status()).toBe(201);
    const { inviteUrl } = (await invited.json()) as { inviteUrl: string };
    const context = await browser.newContext();
    const viewer = await context.newPage();
    watch(viewer, problems);
    const accepted = await viewer.request.post('/api/auth/accept-invite', { headers: CSRF, data: { token: new URL(inviteUrl).hash.slice(1), password: 'kata-sandi-pengawas' } });
    expect(accepted.status()).toBe(200);

    await viewer.goto(`/participants/${personId}`);
    await expect(viewer.getByText('Anda tidak berwenang membuka halaman ini')).toBeVisible();
    expect((await viewer.request.get(`/api/participants/${personId}`)).status()).toBe(403);
    expect((await viewer.request.get(`/api/participants/${personId}/consents`)).status()).toBe(403);
    expect((await viewer.request.get(`/api/programs/${programme.id}/participants`)).status()).toBe(403);

    await viewer.goto(`/programs/${programme.id}`);
    await expect(viewer.getByRole('tab', { name: 'Ringkasan' })).toBeVisible();
    await expect(viewer.getByRole('tab', { name: 'Peserta' })).toHaveCount(0);
    const retention = viewer.getByRole('region', { name: 'Masa simpan data pribadi' });
    await expect(retention).toContainText('240 bulan');
    await expect(retention.getByRole('button', { name: 'Simpan' })).toHaveCount(0);
    await viewer.goto(`/programs/${programme.id}/participants`);
    await expect(viewer.locator('main')).not.toContainText(/\d{4}\*{8}\d{4}/);
    await context.close();
  });
});
