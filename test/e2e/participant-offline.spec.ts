import { expect, signIn, switchLanguage, test, unique } from './fixtures.ts';
import { api, expectNoCspViolations, expectNoSideScroll, RECORD_CSP_VIOLATIONS, setUpCompletionProgramme, watchOfflinePhone } from './training.ts';

type Module = { id: string; code: string; title: { id: string; en: string } };
type QueuedAttempt = { clientId: string; status: string; attempt: { moduleId: string; phase: string; takenAt: string }; score: { score: number } | null };
type QueuedFeedback = { clientId: string; status: string; feedback: { sessionId: string } };
type TestsSummary = { modules: { module: { id: string }; questions: number; pre: { people: number }; post: { people: number; averageScore: number | null } }[] };

/** One store of the participant page's IndexedDB database (`berdaya-participant`). */
const readStore = (store: 'attempts' | 'feedback') => `new Promise((resolve, reject) => {
  const open = indexedDB.open('berdaya-participant');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('${store}').objectStore('${store}').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  };
})`;

test('a participant opens their link once online, takes a post-test and gives feedback offline after a reload, and both are stored once when the signal returns', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpCompletionProgramme(page.request, suffix);
  const programmeId = setup.programme.id;
  const person = await setup.participant(`Yuliana Bria ${suffix}`);
  const { items: modules } = await api<{ items: Module[] }>(page.request, 'GET', `/api/programs/${programmeId}/modules`);
  const module = modules[0];
  if (!module) throw new Error('the programme has no modules');
  const questions = `/api/programs/${programmeId}/modules/${module.id}/questions`;
  await api(page.request, 'POST', questions, {
    kind: 'single',
    prompt: { id: 'Apa kepanjangan QRIS?', en: 'What does QRIS stand for?' },
    options: [
      { key: 'a', id: 'Quick Response Code Indonesian Standard', en: 'Quick Response Code Indonesian Standard' },
      { key: 'b', id: 'Kode Rahasia Indonesia Sejahtera', en: 'Secret Code of a Prosperous Indonesia' },
    ],
    correct: ['a'],
  });
  await api(page.request, 'POST', questions, {
    kind: 'multiple',
    prompt: { id: 'Mana yang termasuk media sosial?', en: 'Which of these are social media?' },
    options: [
      { key: 'a', id: 'Instagram', en: 'Instagram' },
      { key: 'b', id: 'Kalkulator', en: 'Calculator' },
      { key: 'c', id: 'Facebook', en: 'Facebook' },
    ],
    correct: ['a', 'c'],
  });
  const link = await api<{ url: string; token: string }>(page.request, 'GET', `/api/programs/${programmeId}/participant-links/${person.id}`);
  const personalLink = new URL(link.url);

  // The participant's phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const participant = await phone.newPage();
  watchOfflinePhone(participant, problems, 'participant');
  await participant.addInitScript(RECORD_CSP_VIOLATIONS);
  const testCard = participant.getByRole('article', { name: module.title.id });
  const postTest = testCard.getByRole('group', { name: 'Tes akhir' });
  const status = participant.getByTestId('participant-sync');

  await test.step('online once: the personal link shows their test, and the page is kept on the phone', async () => {
    await participant.goto(`${personalLink.pathname}${personalLink.hash}`);
    await expect(participant.getByRole('heading', { name: `Halo, ${person.name}` })).toBeVisible();
    await expect(testCard).toContainText('2 soal');
    await expect(participant.getByTestId('offline-ready')).toHaveText('Siap dipakai tanpa sinyal', { timeout: 30_000 });
    expect(await participant.evaluate<boolean>('navigator.serviceWorker.ready.then((registration) => Boolean(registration.active))')).toBe(true);
    await expect(status).toBeHidden();
    await expectNoSideScroll(participant);
  });

  await test.step('offline: reloading opens the page from the phone, with their test and a clear status', async () => {
    await phone.setOffline(true);
    await expect(status).toContainText('Tanpa sinyal — jawaban Anda disimpan di ponsel dan dikirim otomatis saat sinyal kembali.');
    const reloaded = await participant.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(participant.getByRole('heading', { name: `Halo, ${person.name}` })).toBeVisible();
    await expect(status).toContainText('Tanpa sinyal');
    await expect(status).toContainText('Menampilkan data yang tersimpan di ponsel');
    await expect(testCard).toContainText('2 soal');
  });

  let clientId = '';
  await test.step('offline: the post-test is answered and waits on the phone', async () => {
    await postTest.getByRole('button', { name: 'Kerjakan' }).click();
    const dialog = participant.getByRole('dialog', { name: `Tes akhir — ${module.title.id}` });
    await dialog.getByRole('radio', { name: 'Quick Response Code Indonesian Standard' }).check();
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Jawab semua soal terlebih dahulu.');
    await dialog.getByRole('checkbox', { name: 'Instagram' }).check();
    await dialog.getByRole('checkbox', { name: 'Facebook' }).check();
    await expectNoSideScroll(participant);
    await dialog.getByRole('button', { name: 'Kirim jawaban' }).click();
    await expect(dialog).toBeHidden();
    await expect(postTest).toContainText('Tersimpan di ponsel, menunggu dikirim');
    await expect(status).toContainText('Menunggu dikirim: 1.');

    const feedback = participant.getByRole('article', { name: `Literasi Digital Kupang ${suffix}` });
    await feedback.getByRole('button', { name: 'Beri umpan balik' }).click();
    await feedback.getByText('9', { exact: true }).click();
    await feedback.getByLabel('Komentar (opsional)').fill('Praktik QRIS sangat membantu.');
    await feedback.getByRole('button', { name: 'Kirim umpan balik' }).click();
    await expect(feedback).toContainText('Tersimpan di ponsel, menunggu dikirim');
    await expect(status).toContainText('Menunggu dikirim: 2.');

    const attempts = await participant.evaluate<QueuedAttempt[]>(readStore('attempts'));
    expect(attempts.map((a) => [a.attempt.moduleId, a.attempt.phase, a.status])).toEqual([[module.id, 'post', 'pending']]);
    clientId = attempts[0]?.clientId ?? '';
    await participant.screenshot({ path: test.info().outputPath('phone-participant-offline-pending.png'), fullPage: true });
  });

  await test.step('still offline, closed and opened again: the answers are still waiting; the page reads in English too', async () => {
    await participant.reload();
    await expect(postTest).toContainText('Tersimpan di ponsel, menunggu dikirim');
    await expect(status).toContainText('Menunggu dikirim: 2.');
    await switchLanguage(participant, 'EN');
    await expect(status).toContainText('No signal — your answers are kept on this phone and sent automatically when the signal returns.');
    await expect(status).toContainText('Waiting to be sent: 2.');
    await expect(participant.getByRole('article', { name: module.title.en }).getByRole('group', { name: 'Post-test' })).toContainText('Kept on this phone, waiting to be sent');
    await switchLanguage(participant, 'ID');
    await expect(postTest).toBeVisible();
  });

  await test.step('back online: both are sent by themselves, scored and shown as done', async () => {
    await phone.setOffline(false);
    await expect(postTest).toContainText('Nilai: 100', { timeout: 30_000 });
    await expect(postTest).toContainText('Nilai terbaik: 100');
    await expect(participant.getByRole('article', { name: `Literasi Digital Kupang ${suffix}` })).toContainText('Terkirim', { timeout: 30_000 });
    await expect(status).toBeHidden();
    expect((await participant.evaluate<QueuedAttempt[]>(readStore('attempts'))).map((a) => a.status)).toEqual(['scored']);
    expect((await participant.evaluate<QueuedFeedback[]>(readStore('feedback'))).map((f) => f.status)).toEqual(['sent']);
    await expectNoCspViolations(participant);
    await participant.screenshot({ path: test.info().outputPath('phone-participant-synced.png'), fullPage: true });
  });

  await test.step('the manager sees the attempt stored exactly once, and the feedback once', async () => {
    const summary = await api<TestsSummary>(page.request, 'GET', `/api/programs/${programmeId}/tests/summary`);
    expect(summary.modules.find((m) => m.module.id === module.id)).toMatchObject({ questions: 2, pre: { people: 0 }, post: { people: 1, averageScore: 100 } });
    // The same client id again (as the phone would on a retry): recognised, not stored a second time.
    const again = await api<{ accepted: number; duplicates: number }>(page.request, 'POST', '/api/sync/test-attempts', {
      attempts: [{ clientId, programmeId, personId: person.id, moduleId: module.id, phase: 'post', score: { points: 0, maxPoints: 2 }, takenAt: new Date().toISOString() }],
    });
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const after = await api<TestsSummary>(page.request, 'GET', `/api/programs/${programmeId}/tests/summary`);
    expect(after.modules.find((m) => m.module.id === module.id)).toMatchObject({ post: { people: 1, averageScore: 100 } });
    const feedback = await api<{ summary: { responses: number }; comments: { comment: string }[] }>(page.request, 'GET', `/api/sessions/${setup.sessionId}/feedback`);
    expect(feedback.summary.responses).toBe(1);
    expect(feedback.comments.map((c) => c.comment)).toEqual(['Praktik QRIS sangat membantu.']);
  });
  await phone.close();
});
