import { choose, expect, signIn, test, unique, watch } from './fixtures.ts';
import { api, expectNoCspViolations, expectNoSideScroll, localDate, programmeId, RECORD_CSP_VIOLATIONS, rsvpLink } from './training.ts';

/**
 * A Jakpreneur roster as the Dinas exports it: two members who are active and willing, one who
 * is active but not willing, one willing but no longer active. Only the first two are invited.
 */
const csv = (suffix: string, digits: string) =>
  Buffer.from(
    [
      'Nama Usaha;Nama Pemilik;No. HP;Jenis Kelamin;Sektor;Kabupaten/Kota;Provinsi;Status Aktif;Bersedia Ikut Pelatihan',
      `Warung Nasi Uduk ${suffix};Siti Rahayu ${suffix};0812-7${digits}-0001;P;Kuliner;Jakarta Selatan;DKI Jakarta;Ya;Ya`,
      `Batik Tulis ${suffix};Dewi Anggraini ${suffix};0812-7${digits}-0002;P;Tekstil;Jakarta Selatan;DKI Jakarta;Ya;Ya`,
      `Kopi Kenangan Pagi ${suffix};Ahmad Fauzan ${suffix};0812-7${digits}-0003;L;Kuliner;Jakarta Selatan;DKI Jakarta;Ya;Tidak`,
      `Konveksi Lama ${suffix};Rudi Setiawan ${suffix};0812-7${digits}-0004;L;Fesyen;Jakarta Selatan;DKI Jakarta;Tidak;Ya`,
    ].join('\r\n'),
  );

type Campaign = { id: string; status: string; rsvpExpiresAt: string | null };
type Recipient = { recipientId: string; name: string; rsvp: string | null; delivery: { status: string } | null };

test('a Jakpreneur session: curriculum, session, invitation of willing members only, RSVP on a phone, roster', async ({ page, browser, problems }) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const code = `JAKPRENEUR-E2E-${suffix}`;
  const siti = `Siti Rahayu ${suffix}`;
  const dewi = `Dewi Anggraini ${suffix}`;
  const sessionTitle = `Jualan Daring di TikTok Shop ${suffix}`;
  const tomorrow = localDate(1, 7);
  await signIn(page);

  // Jakpreneur × TikTok for South Jakarta: a replication of JAKPRENEUR-2024 (the demo programme
  // itself is left as it is for the import test, which counts its participants).
  const source = await programmeId(page.request, 'JAKPRENEUR-2024');
  const programme = await api<{ id: string }>(page.request, 'POST', `/api/programs/${source}/replicate`, {
    code,
    name: `Jakpreneur × TikTok Jakarta Selatan ${suffix}`,
    regionCodes: ['31.74'],
    copyPartners: false,
    copyTargets: false,
  });
  const programmeUrl = `/programs/${programme.id}`;

  await test.step('import the member list: two willing and active, one not willing, one not active', async () => {
    await page.goto(`${programmeUrl}/import`);
    await page.locator('input[type="file"]').setInputFiles({ name: 'anggota-jakpreneur.csv', mimeType: 'text/csv', buffer: csv(suffix, String(Date.now()).slice(-3)) });
    await page.getByRole('button', { name: 'Mulai impor' }).click();
    await expect(page.getByRole('region', { name: 'Hasil impor' }).getByText('Selesai', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('group', { name: 'Ditambahkan', exact: true }).locator('p').nth(1)).toHaveText('4');
  });

  await test.step('curriculum: a module with a material link, put on the learning path', async () => {
    await page.getByRole('tab', { name: 'Kurikulum' }).click();
    await expect(page.getByText('Belum ada modul')).toBeVisible();
    await page.getByRole('button', { name: 'Tambah modul' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah modul' });
    await dialog.getByLabel('Kode modul').fill('jp-jual');
    await expect(dialog.getByLabel('Kode modul')).toHaveValue('JP-JUAL');
    await choose(dialog, 'Topik', 'Praktik e-commerce');
    await dialog.getByLabel('Judul (Bahasa Indonesia)').fill('Berjualan di TikTok Shop');
    await dialog.getByLabel('Judul (English)').fill('Selling on TikTok Shop');
    await dialog.getByLabel('Durasi (menit)').fill('180');
    await dialog.getByRole('button', { name: 'Tambah modul' }).click();
    await expect(dialog).toBeHidden();
    const card = page.getByRole('article', { name: 'Berjualan di TikTok Shop' });
    await expect(card).toContainText('3 jam');
    await card.getByRole('button', { name: 'Tambah materi' }).click();
    const material = page.getByRole('dialog', { name: /Tambah materi ke JP-JUAL/ });
    await material.getByLabel('Judul materi').fill('Panduan penjual TikTok Shop');
    await material.getByLabel('Alamat tautan').fill('https://seller-id.tiktok.com/university');
    await material.getByRole('button', { name: 'Tambah materi' }).click();
    await expect(card.getByRole('link', { name: /Panduan penjual TikTok Shop/ })).toHaveAttribute('href', 'https://seller-id.tiktok.com/university');

    const path = page.getByRole('region', { name: 'Jalur belajar' });
    await choose(path, 'Tambahkan modul ke jalur', /JP-JUAL/);
    await path.getByRole('button', { name: 'Tambahkan', exact: true }).click();
    await path.getByLabel('Syarat selesai: kehadiran minimal').fill('75');
    await path.getByRole('button', { name: 'Simpan jalur belajar' }).click();
    await expect(page.getByText('Jalur belajar tersimpan')).toBeVisible();
    await expect(card).toContainText('Jalur #1');
  });

  let sessionUrl = '';
  await test.step('plan a session in the site’s local time (WIB), then see it in the calendar', async () => {
    await page.getByRole('tab', { name: 'Sesi' }).click();
    await page.getByRole('button', { name: 'Sesi baru' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rencanakan sesi' });
    await dialog.getByLabel('Judul sesi').fill(sessionTitle);
    await choose(dialog, 'Lokasi', 'Kota Administrasi Jakarta Selatan (WIB)');
    await expect(dialog.getByText('Waktu setempat di lokasi sesi: WIB (UTC+7)')).toBeVisible();
    await dialog.getByLabel('Tempat').fill('Jakarta Creative Hub, Lt. 2');
    await dialog.getByLabel('Mulai (WIB)').fill(`${tomorrow}T09:00`);
    await dialog.getByLabel('Selesai (WIB)').fill(`${tomorrow}T12:00`);
    await dialog.getByLabel('Kapasitas').fill('20');
    await dialog.getByRole('combobox', { name: 'Modul' }).click();
    await page.getByRole('option', { name: /JP-JUAL/ }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Simpan sesi' }).click();
    await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
    await expect(page.getByText(/09\.00–12\.00 WIB/).first()).toBeVisible();
    await expect(page.getByText('Belum ada peserta di sesi ini')).toBeVisible();

    await page.goto(`${programmeUrl}/sessions?view=calendar&mode=week&date=${tomorrow}`);
    await expect(page.getByRole('link', { name: new RegExp(`${sessionTitle}.*09\\.00–12\\.00 WIB`) })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('desktop-calendar-week.png'), fullPage: true });
  });

  let campaign: Campaign = { id: '', status: '', rsvpExpiresAt: null };
  await test.step('a campaign for the session: the default recipients are the willing and active members', async () => {
    await page.goto(sessionUrl);
    await page.getByRole('link', { name: 'Undang peserta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kampanye undangan baru' });
    await expect(dialog.getByRole('combobox', { name: 'Sesi' })).toHaveValue(new RegExp(sessionTitle));
    await expect(dialog.getByLabel('Nama kampanye')).toHaveValue(`Undangan: ${sessionTitle}`);
    await expect(dialog.getByRole('combobox', { name: 'Kanal' })).toHaveValue('Log server (demo)');
    await expect(dialog.getByRole('combobox', { name: 'Bersedia ikut pelatihan' })).toHaveValue('Ya');
    await expect(dialog.getByRole('combobox', { name: 'Aktif' })).toHaveValue('Ya');
    const preview = dialog.getByRole('region', { name: 'Pratinjau' });
    await expect(preview.getByRole('group', { name: 'Akan menerima pesan' })).toContainText('2');
    await expect(preview.getByRole('group', { name: 'Cocok dengan pilihan' })).toContainText('2');
    const sample = preview.getByRole('group', { name: 'Contoh pesan' });
    await expect(sample).toContainText(`Halo ${siti},`);
    await expect(sample).toContainText(sessionTitle);
    await expect(sample).toContainText('/rsvp#');
    await expect(sample).not.toContainText('{{');
    await dialog.screenshot({ path: test.info().outputPath('desktop-campaign-preview.png') });

    // Everyone (choosing "Ya" again clears "willing"): the member who is not willing is counted too.
    await choose(dialog, 'Bersedia ikut pelatihan', 'Ya');
    await expect(dialog.getByRole('combobox', { name: 'Bersedia ikut pelatihan' })).toHaveValue('');
    await expect(preview.getByRole('group', { name: 'Akan menerima pesan' })).toContainText('3');
    await choose(dialog, 'Bersedia ikut pelatihan', 'Ya');
    await expect(preview.getByRole('group', { name: 'Akan menerima pesan' })).toContainText('2');

    await dialog.getByRole('button', { name: 'Simpan draf' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('tabpanel', { name: 'Kampanye' }).getByText('Draf', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Kirim undangan' }).click();
    const confirm = page.getByRole('dialog', { name: 'Kirim undangan sekarang?' });
    await expect(confirm).toContainText('2 penerima');
    await confirm.getByRole('button', { name: 'Kirim', exact: true }).click();
    const recipients = page.getByRole('table', { name: 'Penerima dan jawaban' });
    await expect(recipients.getByRole('row', { name: siti })).toContainText('Terkirim', { timeout: 30_000 });
    await expect(recipients.getByRole('row', { name: dewi })).toContainText('Terkirim');
    await expect(recipients.getByRole('row')).toHaveCount(3);
    campaign = await api<Campaign>(page.request, 'GET', `/api/campaigns/${page.url().split('/').at(-1)}`);
    expect(campaign.status).toBe('sent');
  });

  await test.step('Siti opens her invitation on a 360 px phone, sees the session and her QR code, and answers yes', async () => {
    const { items } = await api<{ items: Recipient[] }>(page.request, 'GET', `/api/campaigns/${campaign.id}/recipients`);
    const recipient = items.find((r) => r.name === siti);
    if (!recipient || !campaign.rsvpExpiresAt) throw new Error('no recipient or expiry');
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const rsvp = await phone.newPage();
    watch(rsvp, problems);
    await rsvp.addInitScript(RECORD_CSP_VIOLATIONS);
    await rsvp.goto(rsvpLink(recipient.recipientId, campaign.rsvpExpiresAt));
    await expect(rsvp.getByRole('heading', { name: `Halo, ${siti}` })).toBeVisible();
    const card = rsvp.getByRole('article', { name: sessionTitle });
    await expect(card).toContainText(/09\.00–12\.00 WIB/);
    await expect(card).toContainText('Jakarta Creative Hub');
    await expect(rsvp.getByRole('img', { name: `Kode QR kehadiran ${siti}` })).toBeVisible();
    await expectNoSideScroll(rsvp);
    await rsvp.screenshot({ path: test.info().outputPath('phone-rsvp.png'), fullPage: true });

    await rsvp.getByRole('button', { name: 'Ya, saya hadir' }).click();
    await expect(rsvp.getByRole('alert')).toContainText('Terima kasih');
    await expect(rsvp.getByRole('status').filter({ hasText: 'Jawaban Anda:' })).toContainText('Ya, hadir');

    // English on request; the server's texts follow.
    await rsvp.getByText('EN', { exact: true }).click();
    await expect(rsvp.getByRole('heading', { name: `Hello, ${siti}` })).toBeVisible();
    await expect(rsvp.getByRole('article', { name: sessionTitle })).toContainText(/WIB/);
    await rsvp.screenshot({ path: test.info().outputPath('phone-rsvp-en.png'), fullPage: true });
    await expectNoCspViolations(rsvp);
    await phone.close();
  });

  await test.step('the manager sees the answer on the campaign and Siti on the session roster', async () => {
    await page.reload();
    const row = page.getByRole('table', { name: 'Penerima dan jawaban' }).getByRole('row', { name: siti });
    await expect(row).toContainText('Ya, hadir');
    await expect(row).toContainText('masuk daftar peserta');
    await page.screenshot({ path: test.info().outputPath('desktop-campaign-recipients.png'), fullPage: true });
    await page.goto(sessionUrl);
    const roster = page.getByRole('table', { name: 'Daftar peserta' });
    await expect(roster.getByRole('row', { name: siti })).toContainText('Konfirmasi undangan');
    await expect(roster.getByRole('row', { name: siti })).toContainText('Ya');
    await expect(roster.getByRole('row')).toHaveCount(2);
  });

  await test.step('add to the roster by filter; an overlapping session refuses double-booked people and its capacity', async () => {
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    let dialog = page.getByRole('dialog', { name: /Tambah peserta ke/ });
    await dialog.getByRole('button', { name: 'Tambahkan yang cocok' }).click();
    await expect(dialog.getByRole('status')).toContainText('Ditambahkan: 1');
    await expect(dialog.getByRole('status')).toContainText('Sudah terdaftar: 1');
    await dialog.getByRole('button', { name: 'Tutup' }).last().click();
    await expect(page.getByRole('table', { name: 'Daftar peserta' }).getByRole('row', { name: dewi })).toBeVisible();

    // A second session at the same time, with one seat.
    const site = await api<{ items: { id: string }[] }>(page.request, 'GET', `/api/programs/${programme.id}/sites`);
    const modules = await api<{ items: { id: string }[] }>(page.request, 'GET', `/api/programs/${programme.id}/modules`);
    const other = await api<{ id: string }>(page.request, 'POST', `/api/programs/${programme.id}/sessions`, {
      siteId: site.items[0]?.id,
      title: `Kelas Lanjutan ${suffix}`,
      modality: 'online',
      meetingUrl: 'https://meet.example.id/kelas-lanjutan',
      startsAt: `${tomorrow}T10:00`,
      endsAt: `${tomorrow}T11:00`,
      capacity: 1,
      moduleIds: [modules.items[0]?.id],
    });
    await page.goto(`/sessions/${other.id}`);
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    dialog = page.getByRole('dialog', { name: /Tambah peserta ke/ });
    // Everyone, active or not, willing or not.
    for (const label of ['Aktif', 'Bersedia ikut pelatihan']) {
      await choose(dialog, label, 'Ya');
      await expect(dialog.getByRole('combobox', { name: label })).toHaveValue('');
    }
    // The limit starts at the seats left (1): try everyone.
    await expect(dialog.getByLabel('Paling banyak')).toHaveValue('1');
    await dialog.getByLabel('Paling banyak').fill('10');
    await dialog.getByRole('button', { name: 'Tambahkan yang cocok' }).click();
    await expect(dialog.getByRole('status')).toContainText('Ditambahkan: 1');
    await expect(dialog.getByRole('status')).toContainText('Ditolak: 3');
    const refusals = dialog.getByRole('region', { name: 'Tidak dapat ditambahkan' });
    await expect(refusals.getByRole('listitem', { name: siti })).toContainText(`bertabrakan dengan "Kelas Lanjutan ${suffix}"`);
    await expect(refusals.getByRole('listitem', { name: dewi })).toContainText(`Sudah terdaftar di sesi "${sessionTitle}"`);
    await expect(refusals.getByRole('listitem').filter({ hasText: 'sudah penuh (kapasitas 1)' })).toHaveCount(1);
    await dialog.screenshot({ path: test.info().outputPath('desktop-roster-refusals.png') });
  });
});
