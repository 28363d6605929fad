import { choose, expect, signIn, test, unique } from './fixtures.ts';
import { api, localDate, setUpTrainerProgramme } from './training.ts';

/**
 * Sessions planned around a destination event: the manager picks Festival Golo Koe in the
 * session form, the session page names the event with its dates and season, and deselecting it
 * in the edit form unlinks it.
 */
test('a session is planned around a festival and shows it on its page', async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  await api(page.request, 'POST', `/api/programs/${setup.programmeId}/modules`, {
    code: 'LBJ-FEST',
    title: { id: 'Jualan saat festival', en: 'Selling at festivals' },
    topic: 'pemasaran_digital',
    durationMinutes: 90,
  });
  const festival = `Festival Golo Koe ${suffix}`;
  await api(page.request, 'POST', `/api/programs/${setup.programmeId}/events`, { title: festival, kind: 'festival', season: 'high', startsOn: '2099-08-10', endsOn: '2099-08-15', regionCode: '53.15' });
  const day = localDate(3, 8);
  const title = `Konten musim festival ${suffix}`;
  const details = page.getByRole('region', { name: 'Rincian sesi' });

  await test.step('plan the session with the festival chosen in the form', async () => {
    await page.goto(`/programs/${setup.programmeId}/sessions`);
    await page.getByRole('button', { name: 'Sesi baru' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rencanakan sesi' });
    await dialog.getByLabel('Judul sesi').fill(title);
    await choose(dialog, 'Lokasi', /\(WITA\)$/);
    await dialog.getByLabel('Mulai (WITA)').fill(`${day}T09:00`);
    await dialog.getByLabel('Selesai (WITA)').fill(`${day}T12:00`);
    await dialog.getByRole('combobox', { name: 'Modul' }).click();
    await page.getByRole('option', { name: /LBJ-FEST/ }).click();
    await page.keyboard.press('Escape');
    await choose(dialog, 'Direncanakan sekitar acara', `${festival} (10 Agustus 2099 – 15 Agustus 2099)`);
    await dialog.getByRole('button', { name: 'Simpan sesi' }).click();
    await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
    await expect(details).toContainText(`${festival} · Festival · 10 Agustus 2099 – 15 Agustus 2099 · Musim ramai`);
  });

  await test.step('deselecting the event in the edit form unlinks it', async () => {
    await page.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah sesi' });
    await expect(dialog.getByRole('combobox', { name: 'Direncanakan sekitar acara' })).toHaveValue(`${festival} (10 Agustus 2099 – 15 Agustus 2099)`);
    // Picking the chosen event again deselects it (Mantine's clear button is hidden from assistive technology).
    await choose(dialog, 'Direncanakan sekitar acara', `${festival} (10 Agustus 2099 – 15 Agustus 2099)`);
    await expect(dialog.getByRole('combobox', { name: 'Direncanakan sekitar acara' })).toHaveValue('');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(details).not.toContainText(festival);
  });
});
