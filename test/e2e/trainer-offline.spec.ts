import type { Page } from '@playwright/test';
import { expect, signIn, test, unique } from './fixtures.ts';
import { acceptInvite, api, expectNoCspViolations, expectNoSideScroll, RECORD_CSP_VIOLATIONS, setUpTrainerProgramme } from './training.ts';

type Session = { attendedCount: number; roster: { name: string; attendance: { method: string } | null }[] };

/**
 * Console errors and page errors of the trainer's phone fail the test, except the network
 * failures that going offline causes on purpose.
 */
function watchTrainer(page: Page, problems: string[]): void {
  const expected = [
    /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/,
    // A request the service worker could not answer offline (the probe below).
    /^Failed to load resource: net::ERR_FAILED/,
    /^Failed to load resource: the server responded with a status of 4\d\d/,
  ];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) problems.push(`trainer console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`trainer page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** The device's outbox (IndexedDB `berdaya-trainer`), as the sync loop would send it again. */
const READ_OUTBOX = `new Promise((resolve, reject) => {
  const open = indexedDB.open('berdaya-trainer');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('outbox').objectStore('outbox').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  };
})`;

type OutboxRecord = { clientId: string; sessionId: string; personId: string | null; kind: string; status: string; capturedAt: string; walkIn: Record<string, string> | null };

test('a trainer works offline: marks two participants and a walk-in, reloads without network, and syncs exactly once', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const walkIn = `Fransiska Ina ${suffix}`;
  const digits = String(Date.now()).slice(-4);
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const names = setup.people.map((p) => p.name);

  // The trainer's phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const trainer = await phone.newPage();
  watchTrainer(trainer, problems);
  await trainer.addInitScript(RECORD_CSP_VIOLATIONS);

  await test.step('the invited trainer activates the account and lands in the trainer app', async () => {
    await acceptInvite(trainer, setup.trainer.inviteUrl, 'kata-sandi-pelatih');
    await expect(trainer).toHaveURL(/\/trainer$/);
    await expect(trainer.getByRole('heading', { name: 'Sesi saya' })).toBeVisible();
    await expect(trainer.getByText('Belum ada sesi untuk Anda')).toBeVisible();
  });

  // A session running now, with the trainer and the three participants.
  const session = { id: await setup.session() };

  await test.step('online once: the session and its roster are kept on the phone, with the app itself', async () => {
    await trainer.reload();
    await trainer.getByRole('link', { name: setup.sessionTitle }).click();
    await expect(trainer).toHaveURL(new RegExp(`/trainer/sessions/${session.id}$`));
    await expect(trainer.getByText(/WITA/).first()).toBeVisible();
    for (const name of names) await expect(trainer.getByRole('listitem', { name })).toBeVisible();
    await expect(trainer.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    expect(await trainer.evaluate<boolean>('navigator.serviceWorker.ready.then((registration) => Boolean(registration.active))')).toBe(true);
    await expectNoSideScroll(trainer);
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-online.png'), fullPage: true });
  });

  await test.step('offline: two marks and a walk-in are kept as pending', async () => {
    await phone.setOffline(true);
    await expect(trainer.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('Luring');
    for (const name of names.slice(0, 2)) {
      const row = trainer.getByRole('listitem', { name });
      await row.getByRole('button', { name: 'Hadir' }).click();
      await expect(row).toContainText('Menunggu sinkronisasi');
    }
    await trainer.getByRole('button', { name: 'Datang langsung' }).click();
    const form = trainer.getByRole('dialog', { name: 'Peserta datang langsung' });
    await expect(form.getByLabel(/Kabupaten\/kota usaha/)).toHaveValue('53.15');
    await form.getByLabel(/^Nama pemilik/).fill(walkIn);
    await form.getByLabel(/^Nama usaha/).fill('Kopi Flores Ina');
    await form.getByLabel('No. HP').fill('021-555');
    await form.getByRole('button', { name: 'Catat hadir' }).click();
    await expect(form.getByLabel('No. HP')).toHaveAccessibleDescription(/Bukan nomor seluler Indonesia/);
    await form.getByLabel('No. HP').fill(`0813-6${digits}-0099`);
    await form.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
    await form.getByRole('button', { name: 'Catat hadir' }).click();
    await expect(form).toBeHidden();
    await expect(trainer.getByRole('listitem', { name: walkIn })).toContainText('Menunggu sinkronisasi');
    await expect(trainer.getByTestId('sync-status')).toHaveText('3 menunggu sinkronisasi');
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-offline-pending.png'), fullPage: true });
  });

  await test.step('reloading without network opens the app from the phone, with the pending records', async () => {
    // The service worker has no network either: a file it does not keep cannot be fetched.
    expect(await trainer.evaluate<string>("fetch('/favicon.svg?probe=' + Date.now()).then((r) => 'fetched ' + r.status, () => 'no network')")).toBe('no network');
    const reloaded = await trainer.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(trainer.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('Luring');
    await expect(trainer.getByText(/Tanpa sinyal: menampilkan data yang disimpan di perangkat/)).toBeVisible();
    for (const name of [...names.slice(0, 2), walkIn]) await expect(trainer.getByRole('listitem', { name })).toContainText('Menunggu sinkronisasi');
    await expect(trainer.getByRole('listitem', { name: names[2] })).toContainText('Hadir');
    await expect(trainer.getByTestId('sync-status')).toHaveText('3 menunggu sinkronisasi');
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-offline-reloaded.png'), fullPage: true });
  });

  await test.step('back online: the records sync by themselves', async () => {
    await phone.setOffline(false);
    await expect(trainer.getByTestId('sync-status')).toHaveText('Semua tersinkron', { timeout: 30_000 });
    for (const name of [...names.slice(0, 2), walkIn]) await expect(trainer.getByRole('listitem', { name })).not.toContainText('Menunggu');
    await expect(trainer.getByRole('status', { name: 'Ringkasan kehadiran' })).toContainText('Hadir 3');
    await trainer.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect(trainer.getByTestId('sync-status')).toHaveText('Semua tersinkron');
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-synced.png'), fullPage: true });
  });

  await test.step('replaying the same records (a lost answer) stores nothing twice', async () => {
    const records = await trainer.evaluate<OutboxRecord[]>(READ_OUTBOX);
    expect(records.map((r) => r.status)).toEqual(['synced', 'synced', 'synced']);
    const marks = records.filter((r) => r.kind === 'mark');
    const replay = await api<{ accepted: number; duplicates: number; rejected: unknown[] }>(trainer.request, 'POST', '/api/sync/attendance', {
      records: marks.map((r) => ({ clientId: r.clientId, sessionId: r.sessionId, personId: r.personId, method: 'manual', capturedAt: r.capturedAt })),
    });
    expect(replay).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const walk = records.find((r) => r.kind === 'walk_in');
    if (!walk?.walkIn) throw new Error('no walk-in record');
    const again = await api<{ existed: boolean; attendance: string }>(trainer.request, 'POST', `/api/sessions/${session.id}/walk-ins`, {
      ...walk.walkIn,
      clientId: walk.clientId,
      capturedAt: walk.capturedAt,
      method: 'offline',
    });
    expect(again).toMatchObject({ existed: true, attendance: 'duplicate' });
  });

  await test.step("the manager's session page shows exactly those three attendances, once each", async () => {
    const detail = await api<Session>(page.request, 'GET', `/api/sessions/${session.id}`);
    expect(detail.attendedCount).toBe(3);
    expect(detail.roster.filter((e) => e.attendance).map((e) => e.name).sort()).toEqual([names[0], names[1], walkIn].sort());
    await page.goto(`/sessions/${session.id}`);
    await expect(page.getByRole('group', { name: 'Hadir', exact: true })).toContainText('3');
    const roster = page.getByRole('table', { name: 'Daftar peserta' });
    await expect(roster.getByRole('row')).toHaveCount(5);
    for (const name of [names[0], names[1], walkIn]) {
      await expect(roster.getByRole('row', { name })).toHaveCount(1);
      await expect(roster.getByRole('row', { name })).toContainText('Hadir');
    }
    await expect(roster.getByRole('row', { name: walkIn })).toContainText('Datang langsung');
    await expect(roster.getByRole('row', { name: names[2] })).toContainText('Belum hadir');
    await page.screenshot({ path: test.info().outputPath('desktop-session-page.png'), fullPage: true });
  });

  await test.step('a record for a cancelled session is refused with its reason and stays visible', async () => {
    await api(page.request, 'PATCH', `/api/sessions/${session.id}`, { status: 'cancelled' });
    await phone.setOffline(true);
    await trainer.getByRole('listitem', { name: names[2] }).getByRole('button', { name: 'Hadir' }).click();
    await expect(trainer.getByRole('listitem', { name: names[2] })).toContainText('Menunggu sinkronisasi');
    await phone.setOffline(false);
    const row = trainer.getByRole('listitem', { name: names[2] });
    await expect(row).toContainText('Ditolak', { timeout: 30_000 });
    await expect(row).toContainText('Sesi sudah dibatalkan');
    await expect(trainer.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('1 catatan ditolak server');
    await trainer.reload();
    await expect(trainer.getByRole('listitem', { name: names[2] })).toContainText('Sesi sudah dibatalkan');
    // The app, also when served by its service worker, runs under the strict CSP.
    await expectNoCspViolations(trainer);
  });
  await phone.close();
});
