import { expect, signIn, test } from './fixtures.ts';

/** Runs in the page before its own scripts: collects Content-Security-Policy violations. */
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
`;
/** Tries what an HTML injection would: a <style> and an inline <script> without the nonce. */
const INJECT = `(async () => {
  const style = document.createElement('style');
  style.textContent = 'body { --injected: yes; }';
  document.head.append(style);
  const script = document.createElement('script');
  script.textContent = 'window.injected = true;';
  document.body.append(script);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { style: getComputedStyle(document.body).getPropertyValue('--injected'), script: window.injected === true };
})()`;

test('the web app runs under a strict Content-Security-Policy without violations, and API writes need the app\'s CSRF header', async ({ page }) => {
  await page.addInitScript(RECORD_VIOLATIONS);

  await test.step('the document carries the security headers and a per-response style nonce', async () => {
    const response = await page.goto('/login');
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/style-src 'self' 'nonce-[0-9a-f]{32}'/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  await test.step('signing in, lists, a programme, a dialog and its select cause no violation', async () => {
    await signIn(page);
    await page.getByRole('link', { name: 'JALIN-NUSANTARA-2024' }).click();
    await page.getByRole('tab', { name: 'Mitra' }).click();
    await page.getByRole('button', { name: 'Tambah mitra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah mitra' });
    await dialog.getByRole('combobox', { name: 'Peran' }).click();
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Lokasi' }).click();
    expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
    // The <style> elements Mantine and react-remove-scroll injected carry the nonce, so the browser applied them.
    const nonces = await page.evaluate<string[]>(`[...document.querySelectorAll('style')].map((s) => s.nonce)`);
    expect(nonces.length).toBeGreaterThan(0);
    expect(nonces.filter((nonce) => !/^[0-9a-f]{32}$/.test(nonce))).toEqual([]);
  });

  await test.step('the policy is enforced: an injected <style> or inline script without the nonce is blocked', async () => {
    // In a second page: the browser reports the blocked injection as a console error, which the
    // fixture would count against the app.
    const probe = await page.context().newPage();
    await probe.addInitScript(RECORD_VIOLATIONS);
    await probe.goto('/login');
    expect(await probe.evaluate<{ style: string; script: boolean }>(INJECT)).toEqual({ style: '', script: false });
    const violations = await probe.evaluate<string[]>('window.cspViolations');
    expect(violations.some((v) => v.startsWith('style-src'))).toBe(true);
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
    await probe.close();
  });

  await test.step('a cookie-authenticated write without the CSRF header is refused; the app itself sends it', async () => {
    const forged = await page.request.post('/api/programs', { data: { code: 'CSRF-E2E', name: 'Palsu' } });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe('csrf');
    const fromApp = await page.request.post('/api/programs', { data: { code: 'x y', name: 'x' }, headers: { 'x-berdaya-csrf': '1' } });
    expect(fromApp.status()).toBe(400);
  });
});
