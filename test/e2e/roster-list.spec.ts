import { expect, signIn, switchLanguage, test, unique } from './fixtures.ts';
import { api, localDate, programmeId } from './training.ts';

/**
 * Jalin Nusantara replicated to Manggarai Barat: a session with three seats and four
 * participants registered by the office (one with a NIK, three with a phone number only).
 */
async function setUp(page: import('@playwright/test').Page, suffix: string) {
  const request = page.request;
  const source = await programmeId(request, 'JALIN-NUSANTARA-2024');
  const programme = await api<{ id: string }>(request, 'POST', `/api/programs/${source}/replicate`, {
    code: `JALIN-DAFTAR-E2E-${suffix}`,
    name: `Jalin Nusantara Daftar ${suffix}`,
    regionCodes: ['53.15'],
    copyPartners: false,
    copyTargets: false,
  });
  const sites = await api<{ items: { id: string }[] }>(request, 'GET', `/api/programs/${programme.id}/sites`);
  const module = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/modules`, {
    code: 'DFT-1',
    title: { id: 'Membuat konten video pendek', en: 'Making short videos' },
    topic: 'pembuatan_konten',
    durationMinutes: 120,
  });
  const title = `Video Pendek Labuan Bajo ${suffix}`;
  const session = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/sessions`, {
    siteId: sites.items[0]?.id,
    title,
    modality: 'in_person',
    startsAt: `${localDate(5, 8)}T09:00`,
    endsAt: `${localDate(5, 8)}T12:00`,
    capacity: 3,
    moduleIds: [module.id],
  });
  const digits = String(Date.now()).slice(-4);
  // A woman from Manggarai Barat (53.15) born 15 July 1985; the serial keeps it unique in this run.
  const nik = `531501550785${digits}`;
  const people = [
    { name: `Maria Goreti ${suffix}`, nik, phone: null },
    { name: `Yohanes Bosco ${suffix}`, nik: null, phone: `0813-6${digits}-0020` },
    { name: `Theresia Nona ${suffix}`, nik: null, phone: `0813-6${digits}-0030` },
    { name: `Paulus Jehadun ${suffix}`, nik: null, phone: `0813-6${digits}-0040` },
  ];
  for (const person of people) {
    await api(request, 'POST', `/api/programs/${programme.id}/participants`, {
      ownerName: person.name,
      businessName: `Kain Songke ${person.name.split(' ')[0]}`,
      ...(person.nik ? { nik: person.nik } : {}),
      phone: person.phone ?? `0813-7${digits}-0010`,
      gender: 'female',
      sector: 'tekstil',
      regency: '53.15',
      active: true,
      willing: true,
    });
  }
  return { sessionId: session.id, title, people, digits };
}

test('an organiser enrols people from an uploaded list of NIKs and phone numbers, then from a pasted list in English', async ({ page }) => {
  const suffix = unique();
  await signIn(page);
  const s = await setUp(page, suffix);
  const [maria, yohanes, theresia, paulus] = s.people as [(typeof s.people)[number], (typeof s.people)[number], (typeof s.people)[number], (typeof s.people)[number]];

  await test.step('upload a CSV: three added, the fourth refused (full), two lines match nobody', async () => {
    await page.goto(`/sessions/${s.sessionId}`);
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    const dialog = page.getByRole('dialog', { name: /Tambah peserta ke/ });
    await dialog.getByText('Dari berkas', { exact: true }).click();
    const csv = [
      'Nama Pemilik;NIK;No. HP',
      `${maria.name};${maria.nik};`,
      `${yohanes.name};;${yohanes.phone}`,
      `Belum Terdaftar;;0813-9${s.digits}-0099`,
      'Salah Ketik;12345;',
      `${theresia.name};;${theresia.phone}`,
      `${paulus.name};;${paulus.phone}`,
    ].join('\r\n');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'undangan-peserta.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByRole('button', { name: 'Tambahkan dari daftar' }).click();

    const status = dialog.getByRole('status');
    await expect(status).toContainText('Ditambahkan: 3');
    await expect(status).toContainText('Ditolak: 1');
    await expect(status).toContainText('Tidak cocok: 2');
    await expect(status).toContainText('Baris dibaca: 6 · orang ditemukan: 4');
    const refused = dialog.getByRole('region', { name: 'Tidak dapat ditambahkan' });
    await expect(refused).toContainText(`Baris 7 · ${paulus.name}: Sesi "${s.title}" sudah penuh (kapasitas 3)`);
    const unmatched = dialog.getByRole('region', { name: 'Baris yang tidak menambahkan siapa pun' });
    await expect(unmatched.getByRole('listitem')).toHaveText([/^Baris 4 \+62813\*+\d{4}: Tidak ditemukan di antara peserta program ini$/, /^Baris 5 12\*45: NIK tidak valid/]);
    // The NIK never comes back whole.
    await expect(dialog).not.toContainText(maria.nik ?? '');
    await page.screenshot({ path: test.info().outputPath('add-from-file.png') });
    await dialog.getByRole('button', { name: 'Tutup' }).last().click();

    const roster = page.getByRole('table', { name: 'Daftar peserta' });
    await expect(roster.getByRole('row')).toHaveCount(4);
    for (const person of [maria, yohanes, theresia]) await expect(roster.getByRole('row', { name: person.name })).toContainText('Dari berkas atau daftar');
    await expect(roster.getByRole('row', { name: paulus.name })).toHaveCount(0);
  });

  await test.step('in English, paste a list: already on the roster, and a number nobody has', async () => {
    await switchLanguage(page, 'EN');
    await page.getByRole('button', { name: 'Add participants' }).click();
    const dialog = page.getByRole('dialog', { name: /Add participants to/ });
    await dialog.getByText('From a file', { exact: true }).click();
    await dialog.getByLabel('Or paste NIKs / phone numbers').fill(`${maria.nik}\n\n0813-9${s.digits}-0098`);
    await dialog.getByRole('button', { name: 'Add from the list' }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText('Already on the roster: 1');
    await expect(status).toContainText('Not matched: 1');
    await expect(dialog.getByRole('region', { name: 'Lines that added nobody' })).toContainText('Line 3');
    await expect(dialog.getByRole('region', { name: 'Lines that added nobody' })).toContainText('Not found among the participants of this programme');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(page.getByRole('table', { name: 'Participants' }).getByRole('row')).toHaveCount(4);
    await switchLanguage(page, 'ID');
  });
});
