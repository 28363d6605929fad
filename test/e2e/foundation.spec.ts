import { choose, expect, search, signIn, switchLanguage, test, unique, watch } from './fixtures.ts';

/** The smallest file the server accepts as a PDF: it checks the `%PDF-` signature. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('admin runs a programme end to end: partners, sites, targets, language, replication, sign-out', async ({ page }) => {
  const suffix = unique();
  const code = `E2E-NTT-${suffix}`;

  await test.step('signed-out visitors land on the sign-in page, which shows the server message for a wrong password', async () => {
    await page.goto('/programs');
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel('Email').fill('admin@e2e.berdaya.id');
    await page.getByLabel(/^Kata sandi/).fill('bukan-kata-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert')).toContainText('Email atau kata sandi salah');
    await signIn(page);
    await expect(page.getByRole('heading', { name: 'Program', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'JALIN-NUSANTARA-2024' })).toBeVisible();
  });

  await test.step('create a programme; refused input keeps its values and shows the server field messages', async () => {
    await page.getByRole('link', { name: 'Program baru' }).click();
    await page.getByLabel('Kode').fill('jakpreneur-2024');
    await expect(page.getByLabel('Kode')).toHaveValue('JAKPRENEUR-2024');
    await page.getByLabel('Nama program').fill('Literasi Digital UMKM Kota Kupang');
    await search(page, 'Organisasi pemilik', 'Komunikasi', /Kementerian Komunikasi dan Informatika/);
    await page.getByLabel('Tanggal mulai').fill('2025-03-01');
    await page.getByLabel('Tanggal selesai').fill('2025-01-31');
    await page.getByRole('button', { name: 'Buat program' }).click();
    // The server's field message lands on the input (and in the notification).
    await expect(page.getByLabel('Tanggal selesai')).toHaveAccessibleDescription('Tanggal selesai harus sama dengan atau setelah tanggal mulai');
    await expect(page.getByRole('alert').filter({ hasText: 'Masukan tidak valid' }).first()).toBeVisible();
    await expect(page.getByLabel('Nama program')).toHaveValue('Literasi Digital UMKM Kota Kupang');

    await page.getByLabel('Tanggal selesai').fill('2025-12-31');
    await page.getByRole('button', { name: 'Buat program' }).click();
    await expect(page.getByLabel('Kode')).toHaveAccessibleDescription(/Kode program sudah dipakai/);
    await expect(page.getByLabel('Tanggal selesai')).toHaveValue('2025-12-31');

    await page.getByLabel('Kode').fill(code);
    await page.getByRole('button', { name: 'Buat program' }).click();
    await expect(page.getByRole('heading', { name: 'Literasi Digital UMKM Kota Kupang' })).toBeVisible();
    await expect(page.getByText('1 Maret 2025')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('desktop-overview.png') });
  });

  await test.step('add a partner, creating its organisation inline, with MoU details and the MoU PDF', async () => {
    await page.getByRole('tab', { name: 'Mitra' }).click();
    await expect(page.getByText('Belum ada mitra')).toBeVisible();
    await page.getByRole('button', { name: 'Tambah mitra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah mitra' });
    await dialog.getByRole('button', { name: '+ Organisasi baru' }).click();
    await dialog.getByLabel('Nama organisasi').fill(`Yayasan Literasi Digital Timur ${suffix}`);
    await dialog.getByLabel('Singkatan').fill('YLDT');
    await dialog.getByRole('button', { name: 'Simpan organisasi' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Organisasi' })).toHaveValue(`Yayasan Literasi Digital Timur ${suffix} (YLDT)`);
    await choose(dialog, 'Peran', 'Mitra pelaksana');
    await dialog.getByLabel('Nomor MoU').fill(`MoU/E2E/${suffix}`);
    await dialog.getByLabel('Tanggal penandatanganan').fill('2025-02-14');
    await dialog.getByLabel('Ruang lingkup').fill('Pelatihan pemasaran digital bagi UMKM Kota Kupang');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'mou-e2e.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.screenshot({ path: test.info().outputPath('desktop-partner-form.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Tambah mitra' }).click();
    await expect(dialog).toBeHidden();

    const card = page.getByRole('article', { name: `Yayasan Literasi Digital Timur ${suffix}` });
    await expect(card).toContainText(`MoU/E2E/${suffix}`);
    await expect(card).toContainText('14 Februari 2025');
    await expect(card).toContainText('Mitra pelaksana');
    const download = card.getByRole('link', { name: /Unduh mou-e2e\.pdf/ });
    const response = await page.request.get((await download.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
  });

  await test.step('files that are not a PDF or too large are refused with the server messages on the field', async () => {
    const card = page.getByRole('article', { name: `Yayasan Literasi Digital Timur ${suffix}` });
    await card.getByRole('button', { name: 'Ubah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah kemitraan' });
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'bukan-pdf.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hanya teks biasa') });
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog.getByText('Dokumen MoU harus berupa berkas PDF')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Dokumen MoU harus berupa berkas PDF' })).toBeVisible();
    await expect(dialog.getByLabel('Nomor MoU')).toHaveValue(`MoU/E2E/${suffix}`);

    const tooLarge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'mou-besar.pdf', mimeType: 'application/pdf', buffer: tooLarge });
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect(dialog.getByText('Berkas terlalu besar (maksimum 10 MB)')).toBeVisible();
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await expect(card.getByRole('link', { name: /Unduh mou-e2e\.pdf/ })).toBeVisible();
  });

  await test.step('filter the partners by MoU number and role, and open one partnership’s details with its MoU', async () => {
    const card = page.getByRole('article', { name: `Yayasan Literasi Digital Timur ${suffix}` });
    await page.getByRole('searchbox', { name: 'Cari' }).fill(`mou/e2e/${suffix}`);
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(card).toBeVisible();
    await choose(page, 'Peran', 'Mitra strategis');
    await expect(page.getByText('Tidak ada mitra yang cocok')).toBeVisible();
    await choose(page, 'Peran', 'Mitra pelaksana');
    await expect(card).toBeVisible();
    await expect(page.getByText('1–1 dari 1')).toBeVisible();

    await card.getByRole('button', { name: 'Rincian' }).click();
    const drawer = page.getByRole('dialog', { name: 'Rincian kemitraan' });
    await expect(drawer.getByRole('heading', { name: `Yayasan Literasi Digital Timur ${suffix}` })).toBeVisible();
    await expect(drawer).toContainText(`MoU/E2E/${suffix}`);
    await expect(drawer).toContainText('14 Februari 2025');
    await expect(drawer).toContainText('Pelatihan pemasaran digital bagi UMKM Kota Kupang');
    await page.screenshot({ path: test.info().outputPath('desktop-partnership-details.png'), animations: 'disabled' });
    const download = drawer.getByRole('link', { name: /Unduh mou-e2e\.pdf/ });
    expect((await page.request.get((await download.getAttribute('href')) ?? '')).status()).toBe(200);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await page.getByRole('searchbox', { name: 'Cari' }).fill('');
    await expect(page).not.toHaveURL(/[?&]q=/);
  });

  await test.step('add a site with the region picker (search by name)', async () => {
    await page.getByRole('tab', { name: 'Lokasi' }).click();
    await expect(page.getByText('Belum ada lokasi')).toBeVisible();
    await page.getByRole('button', { name: 'Tambah lokasi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah lokasi' });
    await dialog.getByLabel('Nama lokasi').fill('Sentra Ekraf Kota Kupang');
    await choose(dialog, 'Jenis lokasi', 'Sentra ekonomi kreatif');
    await search(dialog, 'Kabupaten/kota', 'Kupang', 'Kota Kupang — Nusa Tenggara Timur (53.71)');
    await dialog.getByLabel('Alamat').fill('Jl. El Tari, Oebobo');
    await dialog.getByRole('button', { name: 'Tambah lokasi' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: /Nusa Tenggara Timur/ })).toBeVisible();
    const site = page.getByRole('listitem', { name: 'Sentra Ekraf Kota Kupang' });
    await expect(site).toContainText('Kota Kupang (53.71)');
    await expect(site).toContainText('Sentra ekonomi kreatif');
  });

  await test.step('add a target', async () => {
    await page.getByRole('tab', { name: 'Target' }).click();
    await page.getByRole('button', { name: 'Tambah target' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah target' });
    await choose(dialog, 'Indikator', 'UMKM terlatih');
    await dialog.getByLabel('Nilai target').fill('1500');
    await choose(dialog, 'Gender', 'Perempuan');
    await dialog.getByRole('button', { name: 'Tambah target' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row', { name: /UMKM terlatih/ });
    await expect(row).toContainText('1.500');
    await expect(row).toContainText('Perempuan');
  });

  await test.step('filter the targets by gender and open one target’s details', async () => {
    await choose(page, 'Gender', 'Laki-laki');
    await expect(page.getByText('Tidak ada target yang cocok')).toBeVisible();
    await choose(page, 'Gender', 'Perempuan');
    const row = page.getByRole('row', { name: /UMKM terlatih/ });
    await expect(row).toContainText('1.500');
    await row.getByRole('button', { name: 'UMKM terlatih' }).click();
    const drawer = page.getByRole('dialog', { name: 'Rincian target' });
    await expect(drawer.getByRole('heading', { name: 'UMKM terlatih' })).toBeVisible();
    await expect(drawer).toContainText('1.500');
    await expect(drawer).toContainText('Perempuan');
    await expect(drawer).toContainText('Seluruh program');
    await page.screenshot({ path: test.info().outputPath('desktop-target-details.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    // The filters live in the URL: the bare address shows every target again.
    expect(new URL(page.url()).searchParams.get('gender')).toBe('female');
    await page.goto(new URL(page.url()).pathname);
    await expect(page.getByRole('combobox', { name: 'Gender' })).toHaveValue('');
  });

  await test.step('switch to English and back; the choice is kept for the server in a cookie', async () => {
    await switchLanguage(page, 'EN');
    await expect(page.getByRole('tab', { name: 'Targets' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add target' })).toBeVisible();
    await expect(page.getByRole('row', { name: /MSMEs trained/ })).toContainText('1,500');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'berdaya_lang')?.value).toBe('en');
    // The server answers in the chosen language too.
    const refused = await page.request.post('/api/programs', { data: { code: 'x y', name: 'x' }, headers: { 'x-berdaya-csrf': '1' } });
    expect((await refused.json()).error.message).toBe('Invalid input');

    await page.reload();
    await expect(page.getByRole('tab', { name: 'Targets' })).toBeVisible();
    await switchLanguage(page, 'ID');
    await expect(page.getByRole('tab', { name: 'Target' })).toBeVisible();
    expect((await page.context().cookies()).find((c) => c.name === 'berdaya_lang')?.value).toBe('id');
  });

  await test.step('replicate the programme to two regencies found by Kemendagri code', async () => {
    await page.getByRole('button', { name: 'Replikasi program' }).click();
    const dialog = page.getByRole('dialog', { name: `Replikasi ${code}` });
    await dialog.getByLabel('Kode program baru').fill(`E2E-REPLIKA-${suffix}`);
    await dialog.getByLabel('Nama program').fill('Literasi Digital UMKM — Replikasi');
    await search(dialog, 'Kabupaten/kota tujuan', '3174', 'Kota Administrasi Jakarta Selatan — DKI Jakarta (31.74)');
    await search(dialog, 'Kabupaten/kota tujuan', '53.01', 'Kabupaten Kupang — Nusa Tenggara Timur (53.01)');
    await dialog.getByRole('button', { name: 'Replikasi', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Literasi Digital UMKM — Replikasi' })).toBeVisible();
    await expect(page.getByText('2 lokasi di 2 provinsi')).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Kota Administrasi Jakarta Selatan' })).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Kabupaten Kupang' })).toBeVisible();
    await page.getByRole('tab', { name: 'Mitra' }).click();
    await expect(page.getByRole('article', { name: `Yayasan Literasi Digital Timur ${suffix}` })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('desktop-replica-partners.png'), fullPage: true });
  });

  await test.step('an ended session sends the user to sign in, and back to where they were', async () => {
    const here = new URL(page.url()).pathname;
    await page.context().clearCookies({ name: 'berdaya_sid' });
    await page.getByRole('tab', { name: 'Target' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel('Email').fill('admin@e2e.berdaya.id');
    await page.getByLabel(/^Kata sandi/).fill('rahasia-e2e-12345');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(new RegExp(`${here.replace(/\/partners$/, '')}/targets$`));
    await expect(page.getByRole('row', { name: /UMKM terlatih/ })).toContainText('1.500');
  });

  await test.step('sign out from the user menu', async () => {
    await page.getByRole('button', { name: 'Menu pengguna' }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
    await page.goto('/programs');
    await expect(page).toHaveURL(/\/login$/);
  });
});

test('an invited programme manager activates the account and sees only their menus', async ({ page, browser, problems }) => {
  const suffix = unique().toLowerCase();
  await signIn(page);
  await page.getByRole('link', { name: 'Pengguna' }).click();
  await page.getByRole('button', { name: 'Undang pengguna' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undang pengguna' });
  await dialog.getByLabel('Email').fill(`manajer-${suffix}@dinas.example.id`);
  await dialog.getByLabel('Nama').fill('Manajer Uji');
  await choose(dialog, 'Peran', 'Manajer program');
  await search(dialog, 'Organisasi', 'Jakarta', /Dinas PPKUKM Provinsi DKI Jakarta/);
  await dialog.getByRole('button', { name: 'Buat undangan' }).click();
  const link = page.getByRole('dialog', { name: 'Tautan undangan' }).getByLabel('Tautan');
  await expect(link).toHaveValue(/\/invite#.{20,}/);
  const inviteUrl = await link.inputValue();

  const context = await browser.newContext();
  const invitee = await context.newPage();
  watch(invitee, problems);
  await invitee.goto(inviteUrl);
  await invitee.getByLabel(/^Kata sandi/).fill('pendek');
  await invitee.getByLabel('Ulangi kata sandi').fill('pendek');
  await invitee.getByRole('button', { name: 'Aktifkan dan masuk' }).click();
  await expect(invitee.getByLabel(/^Kata sandi/)).toHaveAccessibleDescription(/Kata sandi minimal 10 karakter/);
  await invitee.getByLabel(/^Kata sandi/).fill('kata-sandi-manajer');
  await invitee.getByLabel('Ulangi kata sandi').fill('kata-sandi-manajer');
  await invitee.getByRole('button', { name: 'Aktifkan dan masuk' }).click();
  await expect(invitee).toHaveURL(/\/programs$/);
  // The owner organisation's programme is visible; admin-only navigation is not.
  await expect(invitee.getByRole('link', { name: 'JAKPRENEUR-2024' })).toBeVisible();
  await expect(invitee.getByRole('link', { name: 'Organisasi' })).toBeVisible();
  await expect(invitee.getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
  await context.close();

  // Repeated wrong passwords lock the account; the sign-in page shows the server's 429 message.
  const stranger = await browser.newPage();
  watch(stranger, problems);
  await stranger.goto('/login');
  await stranger.getByLabel('Email').fill(`manajer-${suffix}@dinas.example.id`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await stranger.getByLabel(/^Kata sandi/).fill(`tebakan-salah-${attempt}`);
    await stranger.getByRole('button', { name: 'Masuk' }).click();
    await expect(stranger.getByRole('alert')).toContainText(attempt < 5 ? 'Email atau kata sandi salah' : 'Terlalu banyak percobaan masuk yang gagal');
  }
  await stranger.close();
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the programme list and detail are usable, navigation goes through the burger menu', async ({ page }) => {
    await signIn(page);
    const noSideways = async () => expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // Programmes are cards on a phone.
    const card = page.getByRole('link', { name: /JALIN-NUSANTARA-2024/ });
    await expect(card).toBeVisible();
    await noSideways();
    await page.screenshot({ path: test.info().outputPath('phone-programmes.png'), fullPage: true });

    // The navigation is hidden behind the burger (slid out of view and inert).
    await expect(page.getByRole('link', { name: 'Organisasi' })).not.toBeInViewport();
    await page.getByRole('button', { name: 'Buka atau tutup menu' }).click();
    await page.getByRole('link', { name: 'Organisasi' }).click();
    await expect(page.getByRole('heading', { name: 'Organisasi', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Organisasi' })).not.toBeInViewport();
    await page.getByRole('button', { name: 'Buka atau tutup menu' }).click();
    await page.getByRole('link', { name: 'Program', exact: true }).click();

    await page.getByRole('link', { name: /JALIN-NUSANTARA-2024/ }).click();
    await expect(page.getByRole('heading', { name: 'TikTok Jalin Nusantara' })).toBeVisible();
    await noSideways();
    await page.getByRole('tab', { name: 'Lokasi' }).click();
    await expect(page.getByText('19 lokasi di 13 provinsi')).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Labuan Bajo' })).toBeVisible();
    await noSideways();
    await page.screenshot({ path: test.info().outputPath('phone-sites.png') });

    await page.getByRole('tab', { name: 'Mitra' }).click();
    await expect(page.getByRole('article', { name: 'TikTok Indonesia' })).toBeVisible();
    // The filters stack on a phone; the details open full-screen.
    await noSideways();
    await page.getByRole('article', { name: 'TikTok Indonesia' }).getByRole('button', { name: 'Rincian' }).click();
    const details = page.getByRole('dialog', { name: 'Rincian kemitraan' });
    await expect(details.getByRole('heading', { name: 'TikTok Indonesia' })).toBeVisible();
    await noSideways();
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await page.getByRole('button', { name: 'Tambah mitra' }).click();
    // Forms fill the phone screen.
    const dialog = page.getByRole('dialog', { name: 'Tambah mitra' });
    await expect(dialog.getByLabel('Nomor MoU')).toBeVisible();
    await noSideways();
    await page.screenshot({ path: test.info().outputPath('phone-partner-form.png'), animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await expect(dialog).toBeHidden();
  });
});
