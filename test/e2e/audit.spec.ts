import { ADMIN, choose, expect, signIn, test, unique, watch } from './fixtures.ts';

const CSRF = { 'x-berdaya-csrf': '1' };

test('admins and viewers read the audit trail with filters; viewers see no names or emails', async ({ page, browser, problems }) => {
  const suffix = unique().toLowerCase();
  const viewerEmail = `pengawas-${suffix}@ksp.example.id`;
  await signIn(page);

  // An invitation (an audited action) for the oversight viewer who reads the trail below.
  const invited = await page.request.post('/api/users', { headers: CSRF, data: { email: viewerEmail, name: 'Pengawas Uji', role: 'viewer' } });
  expect(invited.status()).toBe(201);
  const { inviteUrl, user } = (await invited.json()) as { inviteUrl: string; user: { id: string } };

  await test.step('the admin filters by action and date, and sees who acted', async () => {
    await page.getByRole('link', { name: 'Jejak audit' }).click();
    await expect(page.getByRole('heading', { name: 'Jejak audit' })).toBeVisible();
    await choose(page, 'Tindakan', /^user\.invite$/);
    const table = page.getByRole('table', { name: 'Jejak audit' });
    const row = table.getByRole('row').filter({ hasText: user.id });
    await expect(row).toContainText('user.invite');
    await expect(row).toContainText(ADMIN.email);
    await expect(row).toContainText('"role":"viewer"');
    await expect(page).toHaveURL(/action=user.invite/);
    // A range that ends before anything happened: nothing.
    await page.getByLabel('Sampai tanggal').fill('2020-01-01');
    await expect(page.getByText('Tidak ada peristiwa audit')).toBeVisible();
    await page.getByLabel('Sampai tanggal').fill('');
    await expect(row).toBeVisible();
  });

  await test.step('the viewer sees the same events with roles instead of names and emails', async () => {
    const context = await browser.newContext();
    const viewer = await context.newPage();
    watch(viewer, problems);
    const token = new URL(inviteUrl).hash.slice(1);
    const accepted = await viewer.request.post('/api/auth/accept-invite', { headers: CSRF, data: { token, password: 'kata-sandi-pengawas' } });
    expect(accepted.status()).toBe(200);
    await viewer.goto('/programs');
    await expect(viewer.getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
    await viewer.getByRole('link', { name: 'Jejak audit' }).click();
    await choose(viewer, 'Tindakan', /^user\.invite$/);
    await expect(viewer).toHaveURL(/action=user.invite/);
    // The viewer's own activation (user.invite_accepted) names the same user, until the filter applies.
    const row = viewer.getByRole('table', { name: 'Jejak audit' }).getByRole('row').filter({ hasText: user.id }).filter({ hasNotText: 'user.invite_accepted' });
    await expect(row).toContainText('Administrator #');
    await expect(row).not.toContainText(ADMIN.email);
    await choose(viewer, 'Pelaku', /^Administrator #/);
    await expect(viewer.getByRole('table', { name: 'Jejak audit' })).toBeVisible();
    await expect(viewer).toHaveURL(/actor=/);
    // Nowhere on the page an email address or the viewer's own name.
    await expect(viewer.locator('main')).not.toContainText('@');
    await expect(viewer.locator('main')).not.toContainText('Pengawas Uji');
    await context.close();
  });
});
