import type { Page } from '@playwright/test';
import { expect, signIn, test, unique } from './fixtures.ts';
import { acceptInvite, api, expectNoCspViolations, expectNoSideScroll, jpegSize, msmeOf, photoPng, RECORD_CSP_VIOLATIONS, setUpTrainerProgramme } from './training.ts';

type Visit = { id: string; clientId: string; notes: string | null; mode: string; agreedActions: string[]; photos: { id: string; clientId: string; contentType: string; size: number }[] };
type MentoringRecord = { clientId: string; status: string; serverId: string | null; capturedAt: string; visit: { visitedOn: string; mode: string; notes: string | null; agreedActions: string[] }; photos: { clientId: string; status: string }[] };

/** The mentor's phone: console errors fail the test, except the network failures that going offline causes on purpose. */
function watchMentor(page: Page, problems: string[]): void {
  const expected = [/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/, /^Failed to load resource: net::ERR_FAILED/, /^Failed to load resource: the server responded with a status of 4\d\d/];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) problems.push(`mentor console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`mentor page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** The device's mentoring records (IndexedDB `berdaya-trainer`, store `mentoring`). */
const READ_MENTORING = `new Promise((resolve, reject) => {
  const open = indexedDB.open('berdaya-trainer');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('mentoring').objectStore('mentoring').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  };
})`;

test('a mentor records a visit with a photo offline, reloads without network, and it syncs once with its photo', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const owner = setup.people[0];
  if (!owner) throw new Error('no participant');
  const business = `Tenun Ikat ${owner.name.split(' ')[0]}`;
  const notes = `Foto produk tenun di bawah cahaya jendela; harga belum dicantumkan (${suffix}).`;

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const mentor = await phone.newPage();
  watchMentor(mentor, problems);
  await mentor.addInitScript(RECORD_CSP_VIOLATIONS);

  await test.step('the invited trainer activates the account; the manager assigns an MSME to their caseload', async () => {
    await acceptInvite(mentor, setup.trainer.inviteUrl, 'kata-sandi-pendamping');
    await expect(mentor).toHaveURL(/\/trainer$/);
    const msmeId = await msmeOf(page.request, owner.id);
    const result = await api<{ added: string[] }>(page.request, 'POST', `/api/programs/${setup.programmeId}/caseloads`, { mentorUserId: setup.trainer.id, msmeIds: [msmeId] });
    expect(result.added).toEqual([msmeId]);
  });

  let msmeId = '';
  await test.step('online once: the caseload and the MSME are kept on the phone', async () => {
    msmeId = await msmeOf(page.request, owner.id);
    await mentor.reload();
    await mentor.getByRole('navigation', { name: 'Menu aplikasi pelatih' }).getByRole('link', { name: 'Pendampingan' }).click();
    await expect(mentor).toHaveURL(/\/trainer\/caseload$/);
    await expect(mentor.getByRole('heading', { name: 'Pendampingan' })).toBeVisible();
    await mentor.getByRole('link', { name: business }).click();
    await expect(mentor).toHaveURL(new RegExp(`/trainer/caseload/${setup.programmeId}/${msmeId}$`));
    await expect(mentor.getByRole('heading', { name: business })).toBeVisible();
    await expect(mentor.getByText('Belum ada kunjungan')).toBeVisible();
    await expect(mentor.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await expectNoSideScroll(mentor);
    await mentor.screenshot({ path: test.info().outputPath('phone-mentor-msme-online.png'), fullPage: true });
  });

  await test.step('offline: a visit with notes, two agreed actions and a photo (compressed on the phone) waits on the device', async () => {
    await phone.setOffline(true);
    await expect(mentor.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('Luring');
    await mentor.getByRole('button', { name: 'Catat kunjungan' }).click();
    const form = mentor.getByRole('dialog', { name: `Kunjungan ke ${business}` });
    await expect(form.getByLabel(/^Tanggal kunjungan/)).not.toHaveValue('');
    await form.getByText('WhatsApp', { exact: true }).click();
    await expect(form.getByRole('radio', { name: 'WhatsApp' })).toBeChecked();
    await form.getByLabel('Catatan').fill(notes);
    await form.getByRole('textbox', { name: 'Tindak lanjut 1' }).fill('Pasang harga di setiap foto');
    await form.getByRole('button', { name: '+ Tambah tindak lanjut' }).click();
    await form.getByRole('textbox', { name: 'Tindak lanjut 2' }).fill('Buka toko di marketplace');
    // A 2400 × 1600 photo, as a phone camera takes them.
    await form.getByTestId('photo-input').setInputFiles({ name: 'kain-tenun.png', mimeType: 'image/png', buffer: photoPng(2400, 1600) });
    await expect(form.getByRole('img', { name: 'Foto 1' })).toBeVisible();
    await mentor.screenshot({ path: test.info().outputPath('phone-mentor-visit-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Simpan kunjungan' }).click();
    await expect(form).toBeHidden();
    const recorded = mentor.getByRole('list', { name: 'Dicatat di perangkat ini' });
    await expect(recorded.getByRole('listitem').first()).toContainText('Menunggu sinkronisasi');
    await expect(recorded).toContainText('Buka toko di marketplace');
    await expect(mentor.getByTestId('sync-status')).toHaveText('1 menunggu sinkronisasi');
    await mentor.screenshot({ path: test.info().outputPath('phone-mentor-visit-pending.png'), fullPage: true });
  });

  await test.step('reloading without network opens the app from the phone, with the visit and its photo still pending', async () => {
    const reloaded = await mentor.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(mentor.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('Luring');
    await expect(mentor.getByRole('heading', { name: business })).toBeVisible();
    await expect(mentor.getByText(/Tanpa sinyal: menampilkan data yang disimpan di perangkat/)).toBeVisible();
    const recorded = mentor.getByRole('list', { name: 'Dicatat di perangkat ini' });
    await expect(recorded.getByRole('listitem', { name: /· WhatsApp$/ })).toHaveCount(1);
    await expect(recorded).toContainText('Menunggu sinkronisasi');
    await expect(recorded.getByRole('img', { name: 'Foto 1' })).toBeVisible();
    await expect(mentor.getByTestId('sync-status')).toHaveText('1 menunggu sinkronisasi');
    const records = await mentor.evaluate<MentoringRecord[]>(READ_MENTORING);
    expect(records.map((r) => [r.status, r.photos.map((p) => p.status)])).toEqual([['pending', ['pending']]]);
    await mentor.screenshot({ path: test.info().outputPath('phone-mentor-offline-reloaded.png'), fullPage: true });
  });

  let visitId = '';
  await test.step('back online: the visit syncs, then its photo', async () => {
    await phone.setOffline(false);
    await expect(mentor.getByTestId('sync-status')).toHaveText('Semua tersinkron', { timeout: 30_000 });
    const recorded = mentor.getByRole('list', { name: 'Dicatat di perangkat ini' });
    await expect(recorded).toContainText('Terkirim ✓');
    const records = await mentor.evaluate<MentoringRecord[]>(READ_MENTORING);
    expect(records.map((r) => [r.status, r.photos.map((p) => p.status)])).toEqual([['synced', ['uploaded']]]);
    visitId = records[0]?.serverId ?? '';
    expect(visitId).not.toBe('');
    await mentor.screenshot({ path: test.info().outputPath('phone-mentor-synced.png'), fullPage: true });
    await expectNoCspViolations(mentor);
  });

  await test.step('the server has exactly one visit with one photo, as JPEG of at most 1280 px; a replay stores nothing twice', async () => {
    const { items } = await api<{ items: Visit[] }>(page.request, 'GET', `/api/programs/${setup.programmeId}/msmes/${msmeId}/visits`);
    expect(items).toHaveLength(1);
    const [visit] = items;
    if (!visit) throw new Error('no visit');
    expect(visit).toMatchObject({ id: visitId, notes, mode: 'whatsapp', agreedActions: ['Pasang harga di setiap foto', 'Buka toko di marketplace'] });
    expect(visit.photos).toHaveLength(1);
    const photo = visit.photos[0];
    if (!photo) throw new Error('no photo');
    expect(photo.contentType).toBe('image/jpeg');
    expect(photo.size).toBeLessThan(2 * 1024 * 1024);
    const image = await page.request.get(`/api/visits/${visit.id}/photos/${photo.id}`);
    expect(image.headers()['content-type']).toBe('image/jpeg');
    expect(jpegSize(await image.body())).toEqual({ width: 1280, height: 853 });

    // The answer was lost, say: the phone sends the same records again.
    const records = await mentor.evaluate<MentoringRecord[]>(READ_MENTORING);
    const record = records[0];
    if (!record) throw new Error('no record');
    const replay = await api<{ accepted: number; duplicates: number; visitIds: Record<string, string> }>(mentor.request, 'POST', '/api/sync/visits', {
      records: [{ clientId: record.clientId, programmeId: setup.programmeId, msmeId, capturedAt: record.capturedAt, ...record.visit }],
    });
    expect(replay).toMatchObject({ accepted: 0, duplicates: 1, visitIds: { [record.clientId]: visitId } });
    const again = await mentor.request.post(`/api/visits/${visitId}/photos`, {
      headers: { 'x-berdaya-csrf': '1' },
      multipart: { clientId: record.photos[0]?.clientId ?? '', file: { name: 'again.jpg', mimeType: 'image/jpeg', buffer: await image.body() } },
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ photoId: photo.id, duplicate: true });
    const after = await api<{ items: Visit[] }>(page.request, 'GET', `/api/programs/${setup.programmeId}/msmes/${msmeId}/visits`);
    expect(after.items.map((v) => v.photos.length)).toEqual([1]);
  });

  await test.step("the manager's Pendampingan tab shows the one visit with its photo", async () => {
    await page.goto(`/programs/${setup.programmeId}/mentoring`);
    const caseload = page.getByRole('table', { name: `UMKM dampingan Pelatih Labuan Bajo ${suffix}` });
    await expect(caseload.getByRole('row', { name: business })).toContainText('1 kunjungan');
    await caseload.getByRole('button', { name: `Kunjungan ke ${business} (1)` }).click();
    const visits = page.getByRole('list', { name: `Kunjungan ke ${business}` });
    await expect(visits.getByRole('listitem', { name: /^Kunjungan / })).toHaveCount(1);
    await expect(visits).toContainText(notes);
    await expect(visits).toContainText('WhatsApp');
    const image = visits.getByRole('img');
    await expect(image).toHaveCount(1);
    await expect.poll(() => image.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth)).toBe(1280);
    await page.screenshot({ path: test.info().outputPath('desktop-mentoring-tab.png'), fullPage: true });
  });
  await phone.close();
});
