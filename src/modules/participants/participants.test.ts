import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { person } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme } from '../../../test/support/factories.ts';
import { importRoster, rosterFile } from '../../../test/support/import.ts';
import { runQueuedJobs } from '../../../test/support/training.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { storedKey } from '../../../test/support/personal-data.ts';

let t: TestApp;
let admin: Client;
let programmeId: string;

const ROSTER = [
  'Nama Usaha;Nama Pemilik;NIK;No. HP;Jenis Kelamin;Sektor;Kabupaten/Kota;Status Aktif;Bersedia Ikut Pelatihan',
  'Warung Sri;Sri Wahyuni;3174015203920001;081234567890;P;Kuliner;Jakarta Selatan;Ya;Ya',
  'Toko Budi;Budi Santoso;;081311112222;L;Fashion;Jakarta Timur;Ya;Tidak',
  'Kopi Dewi;Dewi Lestari;3275014101900003;081299998888;P;Kuliner;Kota Bekasi;Tidak;Ya',
].join('\n');

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  programmeId = (await makeProgramme(t.ctx.db, { code: 'PESERTA-UJI' })).id;
  await importRoster(t.ctx, { programmeId, file: rosterFile(ROSTER) });
});
afterAll(() => t.close());

const list = async (client: Client, query = '') => (await client.get(`/api/programs/${programmeId}/participants${query}`)).json();
const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

describe('participant list', () => {
  it('searches by name, business, NIK or phone and filters by regency, province, sector, gender and flags', async () => {
    expect(names(await list(admin))).toEqual(['Budi Santoso', 'Dewi Lestari', 'Sri Wahyuni']);
    expect(names(await list(admin, '?q=wahyu'))).toEqual(['Sri Wahyuni']);
    expect(names(await list(admin, '?q=kopi'))).toEqual(['Dewi Lestari']);
    expect(names(await list(admin, '?q=3174 0152 0392 0001'))).toEqual(['Sri Wahyuni']);
    expect(names(await list(admin, '?q=0813-1111-2222'))).toEqual(['Budi Santoso']);
    expect(names(await list(admin, '?regency=31.74'))).toEqual(['Sri Wahyuni']);
    expect(names(await list(admin, '?province=32'))).toEqual(['Dewi Lestari']);
    expect(names(await list(admin, '?sector=kuliner&gender=female'))).toEqual(['Dewi Lestari', 'Sri Wahyuni']);
    expect(names(await list(admin, '?active=true&willing=true'))).toEqual(['Sri Wahyuni']);
    const bad = await admin.get(`/api/programs/${programmeId}/participants?regency=Jakarta`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('regency');
  });

  it('pages with a cursor: every participant exactly once, newest first', async () => {
    const first = await list(admin, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    expect(first.totalCapped).toBe(false);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(admin, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(names({ items: [...first.items, ...second.items] })).toEqual(['Budi Santoso', 'Dewi Lestari', 'Sri Wahyuni']);
    expect(first.items[0].name).toBe('Dewi Lestari');
  });

  it('masks the NIK in lists and on the participant page; programme managers reveal it in full (audited); viewers get nothing', async () => {
    const owner = await makeOrganisation(t.ctx.db);
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
    await makePartnership(t.ctx.db, p.id, partner.id);
    await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(ROSTER) });
    const manager = await t.signIn({ role: 'program_manager', organisationId: owner.id });
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const viewer = await t.signIn({ role: 'viewer' });
    const nikOf = (body: { items: { name: string; nik: string | null }[] }) => body.items.find((i) => i.name === 'Sri Wahyuni')?.nik;
    expect(nikOf((await manager.get(`/api/programs/${p.id}/participants`)).json())).toBe('3174********0001');
    expect(nikOf((await coordinator.get(`/api/programs/${p.id}/participants`)).json())).toBe('3174********0001');
    expect((await viewer.get(`/api/programs/${p.id}/participants`)).statusCode).toBe(403);
    // Another programme's participants are not found, not forbidden.
    expect((await coordinator.get(`/api/programs/${programmeId}/participants`)).statusCode).toBe(404);
    const [sri] = await t.ctx.db.select().from(person).where(eq(person.key, storedKey('nik:3174015203920001')));
    const detail = (await coordinator.get(`/api/participants/${sri?.id}`)).json();
    expect(detail.person.nik).toBe('3174********0001');
    expect(detail.person.nikRevealable).toBe(false);
    const managed = (await manager.get(`/api/participants/${sri?.id}`)).json();
    expect(managed.person).toMatchObject({ nik: '3174********0001', nikRevealable: true });
    // The full NIK only through the reveal, which partner coordinators may not call.
    expect((await coordinator.post(`/api/participants/${sri?.id}/reveal`)).statusCode).toBe(403);
    expect((await manager.post(`/api/participants/${sri?.id}/reveal`)).json()).toEqual({ nik: '3174015203920001' });
    expect(detail.enrolments.map((e: { programme: { id: string } }) => e.programme.id)).toEqual([p.id]);
  });
});

describe('name search index', () => {
  const bulkRoster = (count: number) =>
    ['Nama Usaha;Nama Pemilik;No. HP;Kabupaten/Kota', ...Array.from({ length: count }, (_, i) => `Kedai Indeks ${i};Pemilik Massal ${i};0815${String(40_000_000 + i)};Jakarta Barat`)].join('\n');
  const searchRows = async () => Number((await t.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_search'))[0]?.n);
  const queuedIndexJobs = async () =>
    Number((await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM job WHERE kind = 'registry.index_search' AND status = 'queued'"))[0]?.n);

  it('finds a renamed person at once, a bulk import after the index job, and forgets a deleted person', async () => {
    const [sri] = await t.ctx.db.select({ id: person.id }).from(person).where(eq(person.name, 'Sri Wahyuni'));
    await t.ctx.db.update(person).set({ name: 'Sri Wahyuni Rahayu' }).where(eq(person.id, sri!.id));
    expect(names(await list(admin, '?q=rahayu'))).toEqual(['Sri Wahyuni Rahayu']);
    await t.ctx.db.update(person).set({ name: 'Sri Wahyuni' }).where(eq(person.id, sri!.id));
    expect(names(await list(admin, '?q=rahayu'))).toEqual([]);

    // 1,200 people in one statement: the import does not index them itself, it queues the job.
    const bulk = await makeProgramme(t.ctx.db, { code: 'PESERTA-INDEKS' });
    const before = await searchRows();
    await importRoster(t.ctx, { programmeId: bulk.id, file: rosterFile(bulkRoster(1200)) });
    expect(await searchRows()).toBe(before);
    expect(await queuedIndexJobs()).toBe(1);
    const bulkList = async (q: string) => (await admin.get(`/api/programs/${bulk.id}/participants?q=${q}`)).json();
    expect((await bulkList('massal 1199')).items).toEqual([]);
    await runQueuedJobs(t.ctx);
    expect(await searchRows()).toBe(before + 1200);
    expect((await bulkList('massal 1199')).items.map((i: { name: string }) => i.name)).toEqual(['Pemilik Massal 1199']);
    expect((await bulkList('kedai indeks 42')).total).toBe(11);

    const [gone] = await t.ctx.db.delete(person).where(eq(person.name, 'Pemilik Massal 7')).returning({ id: person.id });
    expect(await t.ctx.database.query('SELECT 1 FROM registry_search WHERE person_id = $1', [gone!.id])).toEqual([]);
  });
});

describe('adding and editing participants', () => {
  it('adds a participant with the import validation and tells when the registry already knew them', async () => {
    const fresh = await admin.post(`/api/programs/${programmeId}/participants`, {
      businessName: ' Sambal  Ibu Ani ',
      ownerName: 'Ani',
      phone: '0812 7777 6666',
      gender: 'female',
      sector: 'kuliner',
      regency: '53.15',
      willing: true,
    });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json()).toMatchObject({ existed: false, person: { name: 'Ani', phone: '+6281277776666', gender: 'female' }, msme: { businessName: 'Sambal Ibu Ani', sector: 'kuliner', regency: { code: '53.15' } } });
    expect(fresh.json().enrolments[0]).toMatchObject({ source: 'manual', willing: true });

    const other = await makeProgramme(t.ctx.db);
    const again = await admin.post(`/api/programs/${other.id}/participants`, { businessName: 'Sambal Ibu Ani', ownerName: 'Ani', phone: '+6281277776666', regency: 'Manggarai Barat' });
    expect(again.json()).toMatchObject({ existed: true, alreadyEnrolled: false });
    expect(again.json().enrolments).toHaveLength(2);
    const twice = await admin.post(`/api/programs/${other.id}/participants`, { businessName: 'Sambal Ibu Ani', ownerName: 'Ani', phone: '+6281277776666', regency: '53.15' });
    expect(twice.json()).toMatchObject({ existed: true, alreadyEnrolled: true });
    const people = await t.ctx.db.select().from(person).where(eq(person.key, storedKey('phone:+6281277776666')));
    expect(people).toHaveLength(1);
  });

  it('names the wrong field, in the caller\'s language, and stores nothing', async () => {
    const base = { businessName: 'Usaha', ownerName: 'Pemilik', regency: '31.74' };
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ ...base, businessName: '', phone: '081200001234' }, { businessName: 'Wajib diisi (nama usaha dan nama pemilik)' }],
      [{ ...base, nik: '3.17401E+15' }, { nik: 'NIK tidak valid: 16 digit dengan kode provinsi, tanggal dan bulan lahir yang benar' }],
      [{ ...base, phone: '021-555-1234' }, { phone: 'Bukan nomor seluler Indonesia (contoh: 0812… atau +62812…)' }],
      [{ ...base, phone: '081200001234', nib: '123' }, { nib: 'NIB harus 13 digit' }],
      [base, { nik: 'Isi NIK atau nomor HP', phone: 'Isi NIK atau nomor HP' }],
      [{ ...base, phone: '081200001234', regency: 'Bandung' }, { regency: 'Kabupaten/kota tidak dikenal atau ambigu (pilih dari daftar atau tambahkan provinsi)' }],
    ];
    for (const [body, fields] of cases) {
      const res = await admin.post(`/api/programs/${programmeId}/participants`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toEqual(fields);
    }
    const several = await admin.post(`/api/programs/${programmeId}/participants`, { ...base, ownerName: ' ', phone: '021-555-1234', regency: 'Malang' });
    expect(Object.keys(several.json().error.fields).sort()).toEqual(['ownerName', 'phone', 'regency']);
    const en = await admin.post(`/api/programs/${programmeId}/participants`, { ...base, phone: '12' }, { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual({ phone: 'Not an Indonesian mobile number (e.g. 0812… or +62812…)' });
    expect(await t.ctx.db.select().from(person).where(eq(person.name, 'Pemilik'))).toHaveLength(0);
  });

  it('edits a participant, re-keys them when a NIK is added, and refuses a NIK that belongs to someone else', async () => {
    const [budi] = await t.ctx.db.select().from(person).where(eq(person.key, storedKey('phone:+6281311112222')));
    const id = budi?.id ?? '';
    const edited = await admin.patch(`/api/participants/${id}`, { email: 'budi@contoh.id', sector: 'jasa', nik: '3172011203920004' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ person: { email: 'budi@contoh.id', nik: '3172********0004' }, msme: { sector: 'jasa' } });
    const [after] = await t.ctx.db.select().from(person).where(eq(person.id, id));
    expect(after?.key).toBe(storedKey('nik:3172011203920004'));
    expect((await admin.post(`/api/participants/${id}/reveal`)).json()).toEqual({ nik: '3172011203920004' });

    const taken = await admin.patch(`/api/participants/${id}`, { nik: '3174015203920001' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual({ nik: 'Sudah terdaftar untuk peserta lain' });
    const cleared = await admin.patch(`/api/participants/${id}`, { email: '' });
    expect(cleared.json().person.email).toBeNull();

    const flags = await admin.patch(`/api/participants/${id}`, { willing: true });
    expect(flags.statusCode).toBe(400);
    const enrolment = await admin.patch(`/api/programs/${programmeId}/participants/${id}`, { willing: true, status: 'invited' });
    expect(enrolment.statusCode).toBe(204);
    const detail = (await admin.get(`/api/participants/${id}`)).json();
    expect(detail.enrolments[0]).toMatchObject({ willing: true, status: 'invited' });
  });

  it('refuses new participants and imports for an archived programme', async () => {
    const p = await makeProgramme(t.ctx.db);
    await admin.patch(`/api/programs/${p.id}`, { archived: true });
    const add = await admin.post(`/api/programs/${p.id}/participants`, { businessName: 'U', ownerName: 'P', phone: '081200009999', regency: '31.74' });
    expect(add.statusCode).toBe(409);
    expect(add.json().error.message).toBe('Program sudah diarsipkan');
  });
});
