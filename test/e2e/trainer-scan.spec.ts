import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { expect, signIn, test, unique, watch } from './fixtures.ts';
import { acceptInvite, api, setUpTrainerProgramme } from './training.ts';

test('a trainer scans a participant’s personal QR code with the phone camera', async ({ page, browser, problems }) => {
  test.setTimeout(120_000);
  const suffix = unique();
  await signIn(page);
  const setup = await setUpTrainerProgramme(page.request, suffix);
  const [maria] = setup.people;
  if (!maria) throw new Error('no participant');

  // The camera sees Maria's QR code: her code, rendered as a JPEG frame Chromium plays as the camera.
  const code = await api<{ svg: string }>(page.request, 'GET', `/api/programs/${setup.programmeId}/check-in-codes/${maria.id}`);
  const frame = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await frame.setContent(
    `<body style="margin:0;width:640px;height:480px;background:#fff;display:flex;align-items:center;justify-content:center"><img width="360" height="360" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}"></body>`,
  );
  const video = test.info().outputPath('camera.mjpeg');
  writeFileSync(video, await frame.screenshot({ type: 'jpeg', quality: 95 }));
  await frame.close();

  const camera = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  const phone = await camera.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', permissions: ['camera'] });
  const trainer = await phone.newPage();
  watch(trainer, problems);
  await acceptInvite(trainer, setup.trainer.inviteUrl, 'kata-sandi-pemindai');
  await expect(trainer).toHaveURL(/\/trainer$/);
  const sessionId = await setup.session();

  await trainer.reload();
  await trainer.getByRole('link', { name: setup.sessionTitle }).click();
  await trainer.getByRole('button', { name: 'Pindai QR' }).click();
  const scanner = trainer.getByRole('dialog', { name: 'Pindai kode QR peserta' });
  await expect(scanner.getByRole('status')).toHaveText(`${maria.name} tercatat hadir.`, { timeout: 20_000 });
  await trainer.screenshot({ path: test.info().outputPath('phone-trainer-scan.png') });
  await scanner.getByRole('button', { name: 'Tutup' }).click();
  await expect(trainer.getByRole('listitem', { name: maria.name })).toContainText('Hadir', { timeout: 20_000 });
  await expect(trainer.getByTestId('sync-status')).toHaveText('Semua tersinkron');

  // The server checked the code's signature and recorded a QR check-in.
  const session = await api<{ roster: { personId: string; attendance: { method: string } | null }[] }>(page.request, 'GET', `/api/sessions/${sessionId}`);
  expect(session.roster.find((e) => e.personId === maria.id)?.attendance?.method).toBe('qr');
  expect(session.roster.filter((e) => e.attendance)).toHaveLength(1);
  await camera.close();
});
