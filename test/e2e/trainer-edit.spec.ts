import type { Page } from '@playwright/test';
import { expect, signIn, test, unique } from './fixtures.ts';
import { acceptInvite, api, expectNoCspViolations, expectNoSideScroll, RECORD_CSP_VIOLATIONS, setUpTrainerProgramme } from './training.ts';

type Participant = { person: { name: string; phone: string | null; email: string | null }; msme: { businessName: string } | null };

/** Console errors of the trainer's phone fail the test, except the network failures going offline causes. */
function watchTrainer(page: Page, problems: string[]): void {
  const expected = [/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/, /^Failed to load resource: net::ERR_FAILED/, /^Failed to load resource: the server responded with a status of 4\d\d/];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) problems.push(`trainer console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`trainer page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** The device's participant edits (IndexedDB `berdaya-trainer`, store `edits`). */
const READ_EDITS = `new Promise((resolve, reject) => {
  const open = indexedDB.open('berdaya-trainer');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('edits').objectStore('edits').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  };
})`;

type EditRecord = { clientId: string; sessionId: string; personId: string; sentBase: string; values: Record<string, string>; editedAt: string; status: string };

test('a trainer edits participants offline: one edit is applied, one that met a newer server edit is kept for the coordinator', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const digits = String(Date.now()).slice(-4);
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const [maria, yohanes] = setup.people as [{ id: string; name: string }, { id: string; name: string }];
  const devicePhone = `0812-7${digits}-0011`;
  const officePhone = `0812-8${digits}-0022`;
  const deviceName = `Maria Goreti Nona ${suffix}`;
  const newBusiness = `Tenun Ikat Sumba Yohanes ${suffix}`;
  const newEmail = `yohanes.${suffix.toLowerCase()}@contoh.id`;

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const trainer = await phone.newPage();
  watchTrainer(trainer, problems);
  await trainer.addInitScript(RECORD_CSP_VIOLATIONS);

  await test.step('the trainer opens the session online once (roster and app kept on the phone)', async () => {
    await acceptInvite(trainer, setup.trainer.inviteUrl, 'kata-sandi-pelatih');
    await expect(trainer).toHaveURL(/\/trainer$/);
    const sessionId = await setup.session();
    await trainer.reload();
    await trainer.getByRole('link', { name: setup.sessionTitle }).click();
    await expect(trainer).toHaveURL(new RegExp(`/trainer/sessions/${sessionId}$`));
    await expect(trainer.getByRole('listitem', { name: maria.name })).toBeVisible();
    await expect(trainer.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  });

  await test.step("offline: the trainer corrects Maria's phone and name (checked with the registry's messages)", async () => {
    await phone.setOffline(true);
    await expect(trainer.getByRole('region', { name: 'Status sinkronisasi' })).toContainText('Luring');
    await trainer.getByRole('listitem', { name: maria.name }).getByRole('button', { name: 'Ubah data' }).click();
    const form = trainer.getByRole('dialog', { name: `Ubah data ${maria.name}` });
    // Filled in from the roster kept on the phone.
    await expect(form.getByLabel(/^Nama pemilik/)).toHaveValue(maria.name);
    await expect(form.getByLabel('No. HP')).toHaveValue(/^\+62813/);
    await form.getByLabel('No. HP').fill('021-555');
    await form.getByLabel(/^Nama pemilik/).fill('');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(form.getByLabel('No. HP')).toHaveAccessibleDescription(/Bukan nomor seluler Indonesia \(contoh: 0812… atau \+62812…\)/);
    await expect(form.getByLabel(/^Nama pemilik/)).toHaveAccessibleDescription(/Wajib diisi/);
    await form.getByLabel('No. HP').fill(devicePhone);
    await form.getByLabel(/^Nama pemilik/).fill(deviceName);
    await expectNoSideScroll(trainer);
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(form).toBeHidden();
    await expect(trainer.getByRole('listitem', { name: maria.name }).getByTestId('edit-state')).toHaveText(/Perubahan data menunggu sinkronisasi/);
  });

  await test.step("offline: Yohanes' business name and email (a field the phone does not hold)", async () => {
    await trainer.getByRole('listitem', { name: yohanes.name }).getByRole('button', { name: 'Ubah data' }).click();
    const form = trainer.getByRole('dialog', { name: `Ubah data ${yohanes.name}` });
    await expect(form.getByLabel('Email')).toHaveValue('');
    await form.getByLabel(/^Nama usaha/).fill(newBusiness);
    await form.getByLabel('Email').fill(newEmail);
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect(form).toBeHidden();
    await expect(trainer.getByRole('listitem', { name: yohanes.name }).getByTestId('edit-state')).toHaveText(/Perubahan data menunggu sinkronisasi/);
    await expect(trainer.getByTestId('sync-status')).toHaveText('2 menunggu sinkronisasi');
  });

  await test.step('reloading without network: both edits are still pending on the phone', async () => {
    const reloaded = await trainer.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(trainer.getByText(/Tanpa sinyal: menampilkan data yang disimpan di perangkat/)).toBeVisible();
    for (const name of [maria.name, yohanes.name]) await expect(trainer.getByRole('listitem', { name }).getByTestId('edit-state')).toHaveText(/Perubahan data menunggu sinkronisasi/);
    await expect(trainer.getByTestId('sync-status')).toHaveText('2 menunggu sinkronisasi');
    // The edit form opens without network too (its code is kept by the service worker), with the device's pending values.
    await trainer.getByRole('listitem', { name: maria.name }).getByRole('button', { name: 'Ubah data' }).click();
    const form = trainer.getByRole('dialog', { name: `Ubah data ${maria.name}` });
    await expect(form.getByLabel('No. HP')).toHaveValue(devicePhone);
    await form.getByRole('button', { name: 'Batal' }).click();
    await expect(form).toBeHidden();
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-edits-pending.png'), fullPage: true });
  });

  await test.step('meanwhile the office changes Maria on the server', async () => {
    await api(page.request, 'PATCH', `/api/participants/${maria.id}`, { phone: officePhone });
  });

  await test.step('back online: Yohanes’ edit is applied, Maria’s is kept for the coordinator, nothing overwritten', async () => {
    await phone.setOffline(false);
    await expect(trainer.getByTestId('sync-status')).toHaveText('Semua tersinkron', { timeout: 30_000 });
    await expect(trainer.getByRole('listitem', { name: maria.name }).getByTestId('edit-state')).toHaveText(/Disimpan untuk koordinator/);
    await expect(trainer.getByRole('listitem', { name: yohanes.name }).getByTestId('edit-state')).toHaveText(/Perubahan data diterapkan/);
    // The roster refreshed with the applied edit.
    await expect(trainer.getByRole('listitem', { name: yohanes.name })).toContainText(newBusiness);
    await expectNoSideScroll(trainer);
    await trainer.screenshot({ path: test.info().outputPath('phone-trainer-edits-synced.png'), fullPage: true });

    const mariaNow = await api<Participant>(page.request, 'GET', `/api/participants/${maria.id}`);
    expect(mariaNow.person.name).toBe(maria.name);
    expect(mariaNow.person.phone).toBe(`+62${officePhone.replaceAll('-', '').slice(1)}`);
    const yohanesNow = await api<Participant>(page.request, 'GET', `/api/participants/${yohanes.id}`);
    expect(yohanesNow.msme?.businessName).toBe(newBusiness);
    expect(yohanesNow.person.email).toBe(newEmail);

    // A lost answer: sending the same edits again changes nothing.
    const edits = await trainer.evaluate<EditRecord[]>(READ_EDITS);
    expect(edits.map((e) => e.status).sort()).toEqual(['applied', 'conflict']);
    const replay = await api<{ results: { outcome: string }[] }>(trainer.request, 'POST', '/api/sync/participants', {
      edits: edits.map((e) => ({ clientId: e.clientId, sessionId: e.sessionId, personId: e.personId, baseVersion: e.sentBase, values: e.values, editedAt: e.editedAt })),
    });
    expect(replay.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    await expectNoCspViolations(trainer);
  });

  await test.step("the coordinator sees both versions on the programme's Participants tab and keeps the device's", async () => {
    await page.goto(`/programs/${setup.programmeId}/participants`);
    const panel = page.getByRole('region', { name: 'Perubahan luring yang bertabrakan' });
    const card = panel.getByRole('article', { name: maria.name });
    await expect(card).toContainText(`sesi “${setup.sessionTitle}”`);
    const versions = card.getByRole('table', { name: `Dua versi data ${maria.name}` });
    await expect(versions.getByRole('row', { name: 'No. HP' })).toContainText(devicePhone);
    await expect(versions.getByRole('row', { name: 'No. HP' })).toContainText(`+62${officePhone.replaceAll('-', '').slice(1)}`);
    await expect(versions.getByRole('row', { name: 'Nama pemilik' })).toContainText(deviceName);
    await expect(versions.getByRole('row', { name: 'Nama pemilik' })).toContainText(maria.name);
    // Yohanes' edit was applied: it is no conflict.
    await expect(panel.getByRole('article')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('desktop-trainer-edit-conflict.png'), fullPage: true });

    await card.getByRole('button', { name: 'Pakai versi perangkat' }).click();
    await expect(panel).toBeHidden();
    const after = await api<Participant>(page.request, 'GET', `/api/participants/${maria.id}`);
    expect(after.person.name).toBe(deviceName);
    expect(after.person.phone).toBe(`+62${devicePhone.replaceAll('-', '').slice(1)}`);
  });

  await test.step("the trainer's roster shows the coordinator's decision after a refresh", async () => {
    await trainer.reload();
    await expect(trainer.getByRole('listitem', { name: deviceName })).toBeVisible();
  });
  await phone.close();
});
