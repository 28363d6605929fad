import type { APIRequestContext } from '@playwright/test';
import { expect, signIn, test, unique } from './fixtures.ts';
import { api, localDate, programmeId } from './training.ts';

type Person = { id: string; name: string };

/**
 * Jalin Nusantara replicated to Manggarai Barat: a cohort of two sessions (the second with two
 * seats) and three active, willing participants.
 */
async function setUp(request: APIRequestContext, suffix: string) {
  const source = await programmeId(request, 'JALIN-NUSANTARA-2024');
  const programme = await api<{ id: string }>(request, 'POST', `/api/programs/${source}/replicate`, {
    code: `JALIN-KOHORT-E2E-${suffix}`,
    name: `Jalin Nusantara Kohort ${suffix}`,
    regionCodes: ['53.15'],
    copyPartners: false,
    copyTargets: false,
  });
  const sites = await api<{ items: { id: string }[] }>(request, 'GET', `/api/programs/${programme.id}/sites`);
  const module = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/modules`, {
    code: 'KHR-1',
    title: { id: 'Katalog produk di WhatsApp Business', en: 'A product catalogue on WhatsApp Business' },
    topic: 'pemasaran_digital',
    durationMinutes: 120,
  });
  const cohort = await api<{ id: string; name: string }>(request, 'POST', `/api/programs/${programme.id}/cohorts`, { name: `Angkatan Golo Mori ${suffix}` });
  const session = async (title: string, days: number, capacity: number) =>
    (
      await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/sessions`, {
        siteId: sites.items[0]?.id,
        cohortId: cohort.id,
        title,
        modality: 'in_person',
        startsAt: `${localDate(days, 8)}T09:00`,
        endsAt: `${localDate(days, 8)}T12:00`,
        capacity,
        moduleIds: [module.id],
      })
    ).id;
  const first = { id: await session(`Pertemuan 1 ${suffix}`, 3, 25), title: `Pertemuan 1 ${suffix}` };
  const second = { id: await session(`Pertemuan 2 ${suffix}`, 10, 2), title: `Pertemuan 2 ${suffix}` };
  const digits = String(Date.now()).slice(-4);
  const people: Person[] = [];
  for (const [index, name] of [`Agustina Jebarus ${suffix}`, `Kristoforus Nabit ${suffix}`, `Elisabeth Ndiung ${suffix}`].entries()) {
    const added = await api<{ person: { id: string } }>(request, 'POST', `/api/programs/${programme.id}/participants`, {
      ownerName: name,
      businessName: `Kopi Manggarai ${name.split(' ')[0]}`,
      phone: `0813-8${digits}-00${index + 1}0`,
      gender: index === 1 ? 'male' : 'female',
      sector: 'kuliner',
      regency: '53.15',
      active: true,
      willing: true,
    });
    people.push({ id: added.person.id, name });
  }
  return { programmeId: programme.id, cohort, first, second, people };
}

test('an organiser enrols people into every session of a cohort, all or nothing per person', async ({ page }) => {
  const suffix = unique();
  await signIn(page);
  const s = await setUp(page.request, suffix);

  await page.goto(`/sessions/${s.first.id}`);
  await page.getByRole('button', { name: 'Tambah peserta' }).click();
  const dialog = page.getByRole('dialog', { name: /Tambah peserta ke/ });
  await dialog.getByRole('checkbox', { name: `Tambahkan ke semua sesi kohort “${s.cohort.name}”` }).check();
  await dialog.getByRole('button', { name: 'Tambahkan yang cocok' }).click();
  // The second session has two seats: the third person joins neither session.
  await expect(dialog.getByRole('status')).toContainText('Ditambahkan: 2');
  await expect(dialog.getByRole('status')).toContainText('Ditolak: 1');
  await expect(dialog.getByRole('region', { name: 'Tidak dapat ditambahkan' })).toContainText(`Sesi "${s.second.title}" sudah penuh (kapasitas 2)`);
  await dialog.getByRole('button', { name: 'Tutup' }).last().click();

  for (const sessionId of [s.first.id, s.second.id]) {
    await page.goto(`/sessions/${sessionId}`);
    const roster = page.getByRole('table', { name: 'Daftar peserta' });
    await expect(roster.getByRole('row')).toHaveCount(3);
    for (const person of s.people.slice(0, 2)) await expect(roster.getByRole('row', { name: person.name })).toContainText('Kohort');
  }
});

test('an offline participant edit that met a newer server edit waits for the coordinator, with both versions', async ({ page }) => {
  const suffix = unique();
  await signIn(page);
  const s = await setUp(page.request, suffix);
  const [agustina] = s.people as [Person];
  await api(page.request, 'POST', `/api/sessions/${s.first.id}/participants`, { personIds: [agustina.id] });

  // The trainer's phone kept the roster (with Agustina's version), then lost signal.
  const detail = await api<{ roster: { personId: string; version: string }[] }>(page.request, 'GET', `/api/sessions/${s.first.id}`);
  const baseVersion = detail.roster.find((r) => r.personId === agustina.id)?.version;
  // Meanwhile the office corrects her email.
  await api(page.request, 'PATCH', `/api/participants/${agustina.id}`, { email: `kantor.${suffix.toLowerCase()}@contoh.id` });
  // Back online, the phone sends its edit made on the old version.
  const synced = await api<{ results: { outcome: string }[] }>(page.request, 'POST', '/api/sync/participants', {
    edits: [
      {
        clientId: crypto.randomUUID(),
        sessionId: s.first.id,
        personId: agustina.id,
        baseVersion,
        values: { email: `lapangan.${suffix.toLowerCase()}@contoh.id`, businessName: `Kopi Golo Mori ${suffix}` },
        editedAt: new Date().toISOString(),
      },
    ],
  });
  expect(synced.results.map((r) => r.outcome)).toEqual(['conflict']);

  await page.goto(`/programs/${s.programmeId}/participants`);
  const panel = page.getByRole('region', { name: 'Perubahan luring yang bertabrakan' });
  const card = panel.getByRole('article', { name: agustina.name });
  await expect(card).toContainText(`sesi “${s.first.title}”`);
  const versions = card.getByRole('table', { name: `Dua versi data ${agustina.name}` });
  await expect(versions.getByRole('row', { name: 'Email' })).toContainText(`lapangan.${suffix.toLowerCase()}@contoh.id`);
  await expect(versions.getByRole('row', { name: 'Email' })).toContainText(`kantor.${suffix.toLowerCase()}@contoh.id`);
  await expect(versions.getByRole('row', { name: 'Nama usaha' })).toContainText(`Kopi Golo Mori ${suffix}`);
  await expect(versions.getByRole('row', { name: 'Nama usaha' })).toContainText('Kopi Manggarai Agustina');
  // Nothing was overwritten before the coordinator decides.
  expect((await api<{ person: { email: string } }>(page.request, 'GET', `/api/participants/${agustina.id}`)).person.email).toBe(`kantor.${suffix.toLowerCase()}@contoh.id`);
  await page.screenshot({ path: test.info().outputPath('desktop-participant-conflicts.png'), fullPage: true });

  await card.getByRole('button', { name: 'Pakai versi perangkat' }).click();
  await expect(panel).toBeHidden();
  const after = await api<{ person: { email: string }; msme: { businessName: string } }>(page.request, 'GET', `/api/participants/${agustina.id}`);
  expect(after.person.email).toBe(`lapangan.${suffix.toLowerCase()}@contoh.id`);
  expect(after.msme.businessName).toBe(`Kopi Golo Mori ${suffix}`);
});
