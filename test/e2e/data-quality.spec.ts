import { choose, expect, signIn, test, unique } from './fixtures.ts';
import { api, localDate } from './training.ts';

/**
 * A session for one person where two were checked in: the data-quality checks turn it into a
 * task, a coordinator resolves it with a comment, and it stays in the history. Then the
 * programme's impact page explains why no effect can be estimated yet.
 */
test('data quality: an over-capacity session becomes a task, is resolved with a comment and stays in history; impact page', async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  await signIn(page);

  const { items: organisations } = await api<{ items: { id: string }[] }>(page.request, 'GET', '/api/organisations');
  const programme = await api<{ id: string }>(page.request, 'POST', '/api/programs', { code: `MUTU-${suffix}`, name: `Program Mutu Data ${suffix}`, ownerOrganisationId: organisations[0]?.id });
  const site = await api<{ id: string }>(page.request, 'POST', `/api/programs/${programme.id}/sites`, { name: `Balai Warga ${suffix}`, type: 'kabupaten_kota', regionCode: '31.74' });
  const module = await api<{ id: string }>(page.request, 'POST', `/api/programs/${programme.id}/modules`, {
    code: `MD-${suffix}`,
    title: { id: 'Literasi digital', en: 'Digital literacy' },
    topic: 'literasi_digital',
    durationMinutes: 60,
  });
  const day = localDate(0, 7);
  const title = `Kelas kecil ${suffix}`;
  const session = await api<{ id: string }>(page.request, 'POST', `/api/programs/${programme.id}/sessions`, {
    siteId: site.id,
    title,
    modality: 'in_person',
    startsAt: `${day}T09:00`,
    endsAt: `${day}T11:00`,
    capacity: 1,
    moduleIds: [module.id],
  });
  const digits = String(Date.now()).slice(-6);
  const people: string[] = [];
  for (const [i, name] of ['Rina', 'Yusuf'].entries()) {
    people.push(
      (await api<{ person: { id: string } }>(page.request, 'POST', `/api/programs/${programme.id}/participants`, {
        businessName: `Usaha ${name} ${suffix}`,
        ownerName: `${name} ${suffix}`,
        phone: `0813${digits}${i}0`,
        regency: '31.74',
      })).person.id,
    );
  }
  await api(page.request, 'POST', '/api/sync/attendance', {
    records: people.map((p, i) => ({ clientId: `mutu-${suffix}-${i}`, sessionId: session.id, personId: p, method: 'manual', capturedAt: `${day}T09:${10 + i}:00+07:00` })),
  });

  await test.step('run the checks and see the task', async () => {
    await page.goto(`/programs/${programme.id}/quality`);
    await expect(page.getByRole('tab', { name: 'Kualitas data' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('button', { name: 'Jalankan pemeriksaan' }).click();
    await expect(page.getByText(/Pemeriksaan selesai: \d+ masalah ditemukan/)).toBeVisible();
    const task = page.getByRole('article', { name: 'Kehadiran melebihi kapasitas' });
    await expect(task).toContainText(`Sesi "${title}"`);
    await expect(task).toContainText('2 orang hadir, kapasitas 1');
    await expect(task.getByText('Terbuka')).toBeVisible();
  });

  await test.step('resolve it with a comment', async () => {
    await page.getByRole('article', { name: 'Kehadiran melebihi kapasitas' }).getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Selesaikan tugas' });
    await dialog.getByRole('button', { name: 'Selesaikan' }).click();
    await expect(dialog.getByText('Wajib diisi')).toBeVisible();
    await dialog.getByLabel(/^Komentar/).fill('Peserta kedua datang menggantikan anggota keluarga; ruangan cukup.');
    await dialog.getByRole('button', { name: 'Selesaikan' }).click();
    await expect(page.getByText('Tugas diselesaikan')).toBeVisible();
    await expect(page.getByRole('article', { name: 'Kehadiran melebihi kapasitas' })).toHaveCount(0);
  });

  await test.step('the resolved task stays in the history with its comment', async () => {
    await page.getByText('Riwayat', { exact: true }).click();
    const resolved = page.getByRole('article', { name: 'Kehadiran melebihi kapasitas' });
    await expect(resolved.getByText('Selesai', { exact: true })).toBeVisible();
    await expect(resolved).toContainText('Peserta kedua datang menggantikan anggota keluarga; ruangan cukup.');
    await expect(resolved).toContainText('Diselesaikan oleh');
  });

  await test.step('the impact page shows the method and says why there is no estimate yet', async () => {
    await page.getByRole('tab', { name: 'Dampak' }).click();
    await expect(page).toHaveURL(new RegExp(`/programs/${programme.id}/impact$`));
    await expect(page.getByRole('heading', { name: 'Perubahan sebelum–sesudah' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Estimasi dampak (selisih-dalam-selisih)' })).toBeVisible();
    await expect(page.getByText('Dampak tidak dapat diperkirakan')).toBeVisible();
    await expect(page.getByText(/Belum ada UMKM terlatih dengan baseline dan endline/)).toBeVisible();
    await expect(page.getByText(/Selisih-dalam-selisih \(difference-in-differences\) pada panel dua waktu/)).toBeVisible();
    await choose(page, 'Sektor', 'Kuliner');
    await expect(page.getByText('Dampak tidak dapat diperkirakan')).toBeVisible();
  });
});
