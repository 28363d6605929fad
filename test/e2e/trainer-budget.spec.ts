import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures.ts';

/** The trainer app's budget for a cheap phone on a slow link (issue 5): initial JavaScript, gzipped. */
const BUDGET_BYTES = 250 * 1024;

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('the trainer app loads at most 250 KB of JavaScript (gzipped) before it is usable', async ({ page }) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) scripts.set(new URL(response.url()).pathname, response.body());
  });
  await page.goto('/trainer');
  await expect(page.getByText('Masuk sebagai pelatih')).toBeVisible();
  await page.waitForLoadState('networkidle');

  const sizes = await Promise.all([...scripts].map(async ([path, body]) => ({ path, gzipped: gzipSync(await body, { level: 9 }).length })));
  const total = sizes.reduce((sum, s) => sum + s.gzipped, 0);
  const report = `${sizes
    .sort((a, b) => b.gzipped - a.gzipped)
    .map((s) => `${(s.gzipped / 1024).toFixed(1).padStart(7)} KB  ${s.path}`)
    .join('\n')}\n${(total / 1024).toFixed(1).padStart(7)} KB  total (budget ${BUDGET_BYTES / 1024} KB)`;
  console.log(`Trainer app initial JavaScript, gzipped:\n${report}`);
  await test.info().attach('trainer-js-budget.txt', { body: report, contentType: 'text/plain' });
  // Only the trainer app: none of the manager pages, nor the QR reader, which loads with the camera.
  expect(sizes.map((s) => s.path).filter((p) => /ProgrammeDetailPage|SessionPage|jsQR|react-router/i.test(p))).toEqual([]);
  expect(total, report).toBeLessThanOrEqual(BUDGET_BYTES);
});

test('the trainer app is installable as a PWA (its manifest, icons and scope)', async ({ page }) => {
  await page.goto('/trainer');
  await expect(page.getByText('Masuk sebagai pelatih')).toBeVisible();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = (await (await page.request.get(href as string)).json()) as { start_url: string; scope: string; display: string; lang: string; icons: { src: string; sizes: string }[] };
  expect(manifest).toMatchObject({ start_url: '/trainer', scope: '/trainer', display: 'standalone', lang: 'id' });
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok(), icon.src).toBe(true);
  // Chromium's own verdict: nothing stops installing the app (a test browser context is incognito, which does not count).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
