import { expect, signIn, test, unique, watch } from './fixtures.ts';
import { acceptInvite, api, attend, expectNoSideScroll, setUpTrainerProgramme } from './training.ts';

type TestsSummary = { modules: { module: { code: string }; pre: { people: number }; post: { people: number; averageScore: number | null } }[] };
type SessionFeedback = { summary: { responses: number; averageRating: number | null; nps: number | null }; comments: { comment: string }[] | null };

test('a trainer types in paper test scores and paper feedback forms on the session page, each stored once', async ({ page, browser, problems }) => {
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const [maria, yohanes, theresia] = setup.people;
  if (!maria || !yohanes || !theresia) throw new Error('three participants expected');

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID' });
  const trainer = await phone.newPage();
  watch(trainer, problems);
  await acceptInvite(trainer, setup.trainer.inviteUrl, 'kata-sandi-kertas');
  await expect(trainer).toHaveURL(/\/trainer$/);
  const sessionId = await setup.session();
  await attend(page.request, sessionId, [maria.id, yohanes.id]);

  await test.step("the trainer app leads to the session's page, where paper results are typed in", async () => {
    await trainer.reload();
    await trainer.getByRole('link', { name: setup.sessionTitle }).click();
    await trainer.getByRole('link', { name: /^Nilai tes & umpan balik kertas/ }).click();
    await expect(trainer).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    await expect(trainer.getByRole('heading', { name: setup.sessionTitle })).toBeVisible();
  });

  await test.step('post-test scores: the number of correct answers per participant, checked against the number of questions', async () => {
    await trainer.getByRole('button', { name: 'Nilai tes kertas' }).click();
    const dialog = trainer.getByRole('dialog', { name: `Nilai tes kertas — ${setup.sessionTitle}` });
    await expect(dialog.getByLabel('Modul', { exact: true })).toHaveValue('LBJ-KON — Foto produk dengan ponsel');
    await dialog.getByText('Tes akhir', { exact: true }).click();
    const people = dialog.getByRole('list', { name: 'Peserta sesi' });
    await expect(people.getByRole('listitem', { name: theresia.name })).toContainText('belum tercatat hadir');
    await dialog.getByRole('button', { name: 'Simpan nilai' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Isi jawaban benar minimal untuk satu peserta');
    await dialog.getByRole('textbox', { name: `Jawaban benar — ${maria.name}` }).fill('8');
    await dialog.getByRole('textbox', { name: `Jawaban benar — ${yohanes.name}` }).fill('12');
    await dialog.getByRole('button', { name: 'Simpan nilai' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Isi jumlah soal');
    await dialog.getByLabel(/^Jumlah soal/).fill('10');
    await dialog.getByRole('button', { name: 'Simpan nilai' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Lebih dari jumlah soal');
    await dialog.getByRole('textbox', { name: `Jawaban benar — ${yohanes.name}` }).fill('6');
    await dialog.getByRole('button', { name: 'Simpan nilai' }).click();
    await expect(people.getByRole('listitem', { name: maria.name })).toContainText('Tersimpan: nilai 80');
    await expect(people.getByRole('listitem', { name: yohanes.name })).toContainText('Tersimpan: nilai 60');
    await expectNoSideScroll(trainer);
    await trainer.screenshot({ path: test.info().outputPath('phone-paper-test-scores.png'), fullPage: true });
    // Nothing new to send: a second click stores nothing twice.
    await dialog.getByRole('button', { name: 'Simpan nilai' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Isi jawaban benar minimal untuk satu peserta');
    await dialog.getByRole('button', { name: 'Tutup' }).last().click();
    const summary = await api<TestsSummary>(page.request, 'GET', `/api/programs/${setup.programmeId}/tests/summary`);
    expect(summary.modules.find((m) => m.module.code === 'LBJ-KON')).toMatchObject({ pre: { people: 0 }, post: { people: 2, averageScore: 70 } });
  });

  await test.step('two paper feedback forms, one after the other', async () => {
    await trainer.getByRole('button', { name: 'Umpan balik kertas' }).click();
    const dialog = trainer.getByRole('dialog', { name: `Umpan balik kertas — ${setup.sessionTitle}` });
    await dialog.getByRole('button', { name: 'Simpan formulir' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Isi minimal satu: nilai, rekomendasi atau komentar');
    await dialog.getByLabel('5 bintang').press('Space');
    await dialog.getByRole('radiogroup', { name: 'Kesediaan merekomendasikan (0–10)' }).getByText('10', { exact: true }).click();
    await dialog.getByLabel('Komentar').fill('Praktik foto langsung sangat membantu');
    await dialog.getByRole('button', { name: 'Simpan formulir' }).click();
    await expect(dialog.getByRole('status')).toContainText('Formulir tersimpan dari layar ini: 1');
    await expect(dialog.getByLabel('Komentar')).toHaveValue('');
    await dialog.getByLabel('3 bintang').press('Space');
    await dialog.getByRole('radiogroup', { name: 'Kesediaan merekomendasikan (0–10)' }).getByText('6', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Simpan formulir' }).click();
    await expect(dialog.getByRole('status')).toContainText('Formulir tersimpan dari layar ini: 2');
    await expectNoSideScroll(trainer);
    await trainer.screenshot({ path: test.info().outputPath('phone-paper-feedback.png'), fullPage: true });
    const feedback = await api<SessionFeedback>(page.request, 'GET', `/api/sessions/${sessionId}/feedback`);
    expect(feedback.summary).toMatchObject({ responses: 2, averageRating: 4, nps: 0 });
    expect(feedback.comments?.map((c) => c.comment)).toEqual(['Praktik foto langsung sangat membantu']);
  });
  await phone.close();
});
