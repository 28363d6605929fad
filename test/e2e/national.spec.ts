import { expect, signIn, switchLanguage, test, unique, watch } from './fixtures.ts';
import { api } from './training.ts';

type National = { uniqueMsmes: number; jobsCreated: number; jobsMsmesMeasured: number; jobsGoal: number };

const CSRF = { 'x-berdaya-csrf': '1' };
const id = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/**
 * The national page: unique MSMEs across all programmes and jobs created beside the 4.4 million
 * goal, from the navigation of the roles that may read /api/national. One new MSME measured at
 * 1 → 4 workers moves jobs by 3 and "measured" by 1; while nobody is measured the page says
 * "Belum ada data", never 0. Partner coordinators have neither the link nor the page.
 */
test('the national page shows unique MSMEs and jobs created beside the 4.4 million goal', async ({ page, browser, problems }) => {
  test.setTimeout(150_000);
  const suffix = unique();
  await signIn(page);
  const before = await api<National>(page.request, 'GET', '/api/national');
  const jobs = page.getByTestId('national-jobs');

  await test.step('reached from the navigation: unique MSMEs, and jobs as measured so far against the goal', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Nasional' }).click();
    await expect(page).toHaveURL(/\/national$/);
    await expect(page.getByRole('heading', { name: 'Nasional' })).toBeVisible();
    await expect(page.getByTestId('national-msmes').getByTestId('value')).toHaveText(id(before.uniqueMsmes));
    await expect(jobs.getByTestId('goal')).toContainText('Target nasional 4.400.000');
    await expect(jobs.getByTestId('value')).toHaveText(before.jobsMsmesMeasured === 0 ? 'Belum ada data' : id(before.jobsCreated));
    await expect(page.getByTestId('national-non-response')).toContainText('UMKM yang belum menjawab tidak dihitung sebagai nol');
  });

  await test.step('an MSME measured at baseline and endline moves jobs created and MSMEs measured', async () => {
    const { items: organisations } = await api<{ items: { id: string }[] }>(page.request, 'GET', '/api/organisations');
    const programme = await api<{ id: string }>(page.request, 'POST', '/api/programs', { code: `NASIONAL-${suffix}`, name: `Program Nasional ${suffix}`, ownerOrganisationId: organisations[0]?.id });
    const owner = await api<{ msme: { id: string } }>(page.request, 'POST', `/api/programs/${programme.id}/participants`, {
      businessName: `Kopi Flores ${suffix}`,
      ownerName: `Yosefina ${suffix}`,
      phone: `0813-7${String(Date.now()).slice(-3)}-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      gender: 'female',
      sector: 'kuliner',
      regency: '53.15',
    });
    const url = `/api/programs/${programme.id}/msmes/${owner.msme.id}/outcome-responses`;
    const answer = (paid: number, unpaid: number) => ({ revenueBand: '5m_15m', onlineSharePercent: 10, workersPaid: paid, workersUnpaid: unpaid, workersWomen: 1, platforms: ['instagram'] });
    await api(page.request, 'POST', url, { phase: 'baseline', answer: answer(1, 0) });
    await api(page.request, 'POST', url, { phase: 'endline', answer: { ...answer(3, 1), newHires: 2 } });
    const after = await api<National>(page.request, 'GET', '/api/national');
    expect(after).toMatchObject({ uniqueMsmes: before.uniqueMsmes + 1, jobsCreated: before.jobsCreated + 3, jobsMsmesMeasured: before.jobsMsmesMeasured + 1, jobsGoal: 4_400_000 });

    await page.reload();
    await expect(page.getByTestId('national-msmes').getByTestId('value')).toHaveText(id(after.uniqueMsmes));
    await expect(jobs.getByTestId('value')).toHaveText(id(after.jobsCreated));
    await expect(jobs).toContainText(`Diukur pada ${id(after.jobsMsmesMeasured)} UMKM`);
    await expect(jobs.getByTestId('goal')).toContainText('tercapai < 0,01 %');
  });

  await test.step('in English', async () => {
    await switchLanguage(page, 'EN');
    await expect(page.getByRole('heading', { name: 'National' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'National' })).toBeVisible();
    await expect(jobs.getByTestId('goal')).toContainText('National goal 4,400,000');
    await expect(page.getByTestId('national-non-response')).toContainText('not counted as zero');
    await switchLanguage(page, 'ID');
  });

  await test.step('while nobody is measured the page says there is no data, not 0', async () => {
    // The answer the server gives before any MSME has a baseline and a later answer.
    await page.route('**/api/national', async (route) => {
      const real = (await (await route.fetch()).json()) as National;
      await route.fulfill({ json: { ...real, jobsCreated: 0, jobsMsmesMeasured: 0 } });
    });
    await page.reload();
    await expect(jobs.getByTestId('value')).toHaveText('Belum ada data');
    await expect(jobs).toContainText('Belum ada UMKM dengan jawaban survei awal dan sesudahnya.');
    await expect(jobs.getByTestId('goal')).toHaveText('Target nasional 4.400.000');
    await page.unroute('**/api/national');
  });

  await test.step('partner coordinators have neither the link nor the page', async () => {
    const invited = await page.request.post('/api/users', { headers: CSRF, data: { email: `mitra-${suffix.toLowerCase()}@mitra.example.id`, name: 'Mitra Uji', role: 'partner_coordinator' } });
    expect(invited.status()).toBe(201);
    const { inviteUrl } = (await invited.json()) as { inviteUrl: string };
    const context = await browser.newContext({ locale: 'id-ID' });
    const partner = await context.newPage();
    watch(partner, problems);
    const accepted = await partner.request.post('/api/auth/accept-invite', { headers: CSRF, data: { token: new URL(inviteUrl).hash.slice(1), password: 'kata-sandi-mitra-uji' } });
    expect(accepted.status()).toBe(200);
    await partner.goto('/programs');
    await expect(partner.getByRole('navigation').getByRole('link', { name: 'Program', exact: true })).toBeVisible();
    await expect(partner.getByRole('link', { name: 'Nasional' })).toHaveCount(0);
    await partner.goto('/national');
    await expect(partner.getByText('Anda tidak berwenang membuka halaman ini')).toBeVisible();
    await context.close();
  });
});
