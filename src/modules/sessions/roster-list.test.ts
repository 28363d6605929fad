import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvent, enrolment } from '../../db/schema/index.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule } from '../../../test/support/training.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
});
afterAll(() => t.close());

let serial = 0;
/** A valid NIK from Manggarai Barat (53.15), a woman born 15 July 1985; `n` makes it unique. */
const nik = (n: number) => `53150155078${String(50000 + n).padStart(5, '0')}`;
/** The number as people type it: `0813…`. */
const local = (e164: string) => `0${e164.slice(3)}`;

async function setup(capacity = 10) {
  const owner = await makeOrganisation(t.ctx.db);
  const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id });
  const site = await makeSite(t.ctx.db, p.id, { name: 'Labuan Bajo', regionCode: '53.15' });
  const m = await makeModule(t.ctx.db, p.id);
  const session = async (extra: Record<string, unknown> = {}) =>
    (
      await admin.post(`/api/programs/${p.id}/sessions`, {
        siteId: site.id,
        title: 'Kelas Konten',
        modality: 'in_person',
        startsAt: '2030-08-05T09:00',
        endsAt: '2030-08-05T12:00',
        capacity,
        moduleIds: [m.id],
        ...extra,
      })
    ).json() as { id: string; title: string; startsAt: string };
  return { owner, p, session };
}

function upload(client: Client, url: string, filename: string, content: string | Buffer, headers: Record<string, string> = {}) {
  const boundary = '----berdaya-daftar';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return client.inject({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

describe('enrolment from a pasted list', () => {
  it('matches NIKs and phone numbers among the programme participants and reports every line that added nobody', async () => {
    const s = await setup(4);
    const session = await s.session();
    serial += 10;
    const phones = Array.from({ length: 9 }, (_, i) => `+6281377${String(serial * 100 + i).padStart(6, '0')}`);
    const [ani, budi, citra, dedi, eka] = (await enrolPeople(t.ctx.db, s.p.id, [
      { name: 'Ani', nik: nik(serial), phone: phones[0] },
      { name: 'Budi', phone: phones[1] },
      { name: 'Citra', phone: phones[2] },
      { name: 'Dedi', phone: phones[3] },
      { name: 'Eka', phone: phones[4] },
    ])) as [string, string, string, string, string];
    const [withdrawn] = (await enrolPeople(t.ctx.db, s.p.id, [{ name: 'Fajar', phone: phones[5] }])) as [string];
    await t.ctx.db.update(enrolment).set({ status: 'withdrawn' }).where(and(eq(enrolment.programmeId, s.p.id), eq(enrolment.personId, withdrawn)));
    await enrolPeople(t.ctx.db, (await makeProgramme(t.ctx.db)).id, [{ name: 'Orang Lain', phone: phones[6] }]);
    // Two participants who give the same (family) number, told apart only by their NIKs.
    await enrolPeople(t.ctx.db, s.p.id, [
      { name: 'Gita', nik: nik(serial + 1), phone: phones[7] },
      { name: 'Hadi', nik: nik(serial + 2), phone: phones[7] },
    ]);
    await admin.post(`/api/sessions/${session.id}/participants`, { personIds: [eka] });

    const text = [
      nik(serial), // 1: Ani by NIK
      `${local(phones[1] ?? '')}`, // 2: Budi by 08… number
      '', // 3: blank, skipped
      `${phones[0]}`, // 4: Ani again, by phone
      '3174019903900001', // 5: month 99
      '0212345678', // 6: a landline
      'Sri Wahyuni', // 7: a name
      local(phones[6] ?? ''), // 8: in another programme only
      local(phones[5] ?? ''), // 9: withdrew
      local(phones[7] ?? ''), // 10: two participants
      `  ${phones[2]}  `, // 11: Citra
      local(phones[3] ?? ''), // 12: Dedi, but the session is full
      local(phones[4] ?? ''), // 13: Eka, already on the roster
    ].join('\r\n');
    const res = await admin.post(`/api/sessions/${session.id}/participants/list`, { text });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ lines: 12, matched: 5, added: [ani, budi, citra], alreadyOnRoster: [eka] });
    expect(body.refused).toEqual([
      expect.objectContaining({ line: 12, personId: dedi, name: 'Dedi', reason: 'full', message: 'Sesi "Kelas Konten" sudah penuh (kapasitas 4)' }),
    ]);
    expect(body.unmatched).toEqual([
      { line: 4, reason: 'duplicate', message: 'Orang yang sama sudah ada di baris 1', value: `${phones[0]?.slice(0, 6)}****${phones[0]?.slice(-4)}` },
      { line: 5, reason: 'nik_invalid', message: 'NIK tidak valid: 16 digit dengan kode provinsi, tanggal dan bulan lahir yang benar', value: '31************01' },
      { line: 6, reason: 'phone_invalid', message: 'Bukan nomor seluler Indonesia (contoh: 0812… atau +62812…)', value: '02******78' },
      { line: 7, reason: 'not_identifier', message: 'Bukan NIK (16 digit) atau nomor HP', value: 'Sr*******ni' },
      { line: 8, reason: 'not_found', message: 'Tidak ditemukan di antara peserta program ini', value: expect.stringMatching(/^\+62813\*{4}\d{4}$/) },
      { line: 9, reason: 'not_found', message: 'Tidak ditemukan di antara peserta program ini', value: expect.stringMatching(/^\+62813\*{4}\d{4}$/) },
      { line: 10, reason: 'ambiguous', message: 'Nomor HP ini dipakai oleh lebih dari satu peserta: gunakan NIK', value: expect.stringMatching(/^\+62813\*{4}\d{4}$/) },
    ]);
    // Nothing the caller sent comes back whole.
    const raw = res.body;
    for (const secret of [nik(serial), ...phones, local(phones[1] ?? ''), '3174019903900001', '0212345678']) expect(raw).not.toContain(secret);

    const roster = (await admin.get(`/api/sessions/${session.id}`)).json().roster as { personId: string; source: string }[];
    expect(roster.filter((r) => r.source === 'import').map((r) => r.personId).sort()).toEqual([ani, budi, citra].sort());
    const last = (await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, session.id), eq(auditEvent.action, 'session.roster_add'))).orderBy(auditEvent.seq)).at(-1);
    expect(last?.details).toEqual({ byList: 'text', lines: 12, matched: 5, unmatched: 7, added: 3, already: 1, refused: 1 });
    expect(JSON.stringify(last?.details)).not.toContain('813');

    // In English, the same lines in English.
    const en = (await admin.post(`/api/sessions/${session.id}/participants/list`, { text: `${nik(serial)}\n0212345678\n${local(phones[6] ?? '')}` }, { 'accept-language': 'en' })).json();
    expect(en).toMatchObject({ lines: 3, added: [], alreadyOnRoster: [ani] });
    expect(en.unmatched.map((u: { line: number; message: string }) => [u.line, u.message])).toEqual([
      [2, 'Not an Indonesian mobile number (e.g. 0812… or +62812…)'],
      [3, 'Not found among the participants of this programme'],
    ]);
  });

  it('refuses an empty or too long list and a closed session, naming the field', async () => {
    const s = await setup();
    const session = await s.session();
    const empty = await admin.post(`/api/sessions/${session.id}/participants/list`, { text: ' \n\n ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual({ text: 'Daftar kosong: isi satu NIK atau nomor HP per baris' });
    const long = await admin.post(`/api/sessions/${session.id}/participants/list`, { text: Array.from({ length: 2001 }, (_, i) => `08135${String(i).padStart(7, '0')}`).join('\n') }, { 'accept-language': 'en' });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual({ text: 'The list is too long: at most 2000 lines at a time' });
    expect((await admin.post(`/api/sessions/${session.id}/participants/list`, { text: 42 })).json().error.fields).toHaveProperty('text');
    await admin.patch(`/api/sessions/${session.id}`, { status: 'cancelled' });
    const closed = await admin.post(`/api/sessions/${session.id}/participants/list`, { text: '081234567890' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('Sesi "Kelas Konten" sudah selesai atau dibatalkan');
  });

  it('does not find people who refused to share their data with the partner, for that partner', async () => {
    const s = await setup();
    const partner = await makeOrganisation(t.ctx.db, { kind: 'ngo' });
    await makePartnership(t.ctx.db, s.p.id, partner.id);
    const coordinator = await t.signIn({ role: 'partner_coordinator', organisationId: partner.id });
    const session = await s.session();
    serial += 10;
    const phone = `+6281378${String(serial).padStart(6, '0')}`;
    const [sri] = (await enrolPeople(t.ctx.db, s.p.id, [{ name: 'Sri', phone }])) as [string];
    const consent = await admin.post(`/api/participants/${sri}/consents`, { purpose: 'partner_sharing', partnerOrganisationId: partner.id, granted: false, wordingVersion: '2024-07' });
    expect(consent.statusCode, consent.body).toBeLessThan(300);
    const res = (await coordinator.post(`/api/sessions/${session.id}/participants/list`, { text: local(phone) })).json();
    expect(res).toMatchObject({ added: [], unmatched: [{ line: 1, reason: 'not_found' }] });
    expect((await admin.post(`/api/sessions/${session.id}/participants/list`, { text: local(phone) })).json().added).toEqual([sri]);
  });
});

describe('enrolment from a roster file', () => {
  it('reads the NIK and phone columns of a CSV (header on line 1), falling back to the phone when the NIK is damaged', async () => {
    const s = await setup();
    const session = await s.session();
    serial += 10;
    const phones = [0, 1, 2].map((i) => `+6281379${String(serial * 10 + i).padStart(6, '0')}`);
    const [ani, budi] = (await enrolPeople(t.ctx.db, s.p.id, [
      { name: 'Ani', nik: nik(serial), phone: phones[0] },
      { name: 'Budi', phone: phones[1] },
    ])) as [string, string];
    const csv = [
      'Nama Pemilik;NIK (16 digit);No. HP;Keterangan',
      `Ani;'${nik(serial)};;datang`,
      `Budi;3.17401E+15;${local(phones[1] ?? '')};`,
      ';;;',
      `Tanpa Identitas;;;`,
      `Belum Terdaftar;;${local(phones[2] ?? '')};`,
    ].join('\r\n');
    const res = await upload(admin, `/api/sessions/${session.id}/participants/file`, 'undangan.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lines: 4,
      matched: 2,
      added: [ani, budi],
      refused: [],
      unmatched: [
        { line: 5, reason: 'no_identity', value: null, message: 'NIK dan nomor HP kosong' },
        { line: 6, reason: 'not_found', value: expect.stringMatching(/^\+62813\*{4}\d{4}$/) },
      ],
    });
    expect(res.body).not.toContain(nik(serial));

    const bare = await upload(admin, `/api/sessions/${session.id}/participants/file`, 'nik.csv', `${nik(serial)}\n${local(phones[1] ?? '')}\n`);
    expect(bare.json()).toMatchObject({ lines: 2, alreadyOnRoster: [ani, budi], unmatched: [] });

    const noColumn = await upload(admin, `/api/sessions/${session.id}/participants/file`, 'nama.csv', 'Nama Usaha,Nama Pemilik\nWarung Ani,Ani\n');
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error.message).toBe('Tidak ada kolom NIK atau No. HP yang dikenali. Kolom yang ditemukan: Nama Usaha, Nama Pemilik');
    const binary = await upload(admin, `/api/sessions/${session.id}/participants/file`, 'foto.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), { 'accept-language': 'en' });
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.message).toMatch(/not a CSV or XLSX/i);
    expect((await admin.post(`/api/sessions/${session.id}/participants/file`, { text: 'x' })).statusCode).toBe(415);
  });

  it('reads an XLSX and adds to every open session of a cohort, refusing double-booking with the line and the clash', async () => {
    const s = await setup();
    const cohort = (await admin.post(`/api/programs/${s.p.id}/cohorts`, { name: 'Angkatan Konten' })).json();
    const first = await s.session({ cohortId: cohort.id, title: 'Pertemuan 1' });
    const second = await s.session({ cohortId: cohort.id, title: 'Pertemuan 2', startsAt: '2030-08-12T09:00', endsAt: '2030-08-12T12:00' });
    const elsewhere = await s.session({ title: 'Kelas Lain', startsAt: '2030-08-12T10:00', endsAt: '2030-08-12T11:00' });
    serial += 10;
    const [ani, budi] = (await enrolPeople(t.ctx.db, s.p.id, [
      { name: 'Ani', nik: nik(serial) },
      { name: 'Budi', nik: nik(serial + 1) },
    ])) as [string, string];
    await admin.post(`/api/sessions/${elsewhere.id}/participants`, { personIds: [budi] });

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Peserta');
    sheet.addRow(['NIK', 'Nama']);
    sheet.addRow([nik(serial), 'Ani']);
    sheet.addRow([nik(serial + 1), 'Budi']);
    // Typed as a number, the NIK lost its last digits: refused, never guessed.
    sheet.addRow([Number(nik(serial + 2)), 'Citra']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, `/api/programs/${s.p.id}/cohorts/${cohort.id}/participants/file`, 'kohort.xlsx', xlsx);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ lines: 3, matched: 2, added: [ani], unmatched: [{ line: 4, reason: 'nik_invalid' }] });
    expect(body.refused).toEqual([
      {
        line: 3,
        personId: budi,
        name: 'Budi',
        reason: 'double_booked',
        message: 'Sudah terdaftar di sesi "Kelas Lain" yang waktunya bertabrakan dengan "Pertemuan 2" (Senin, 12 Agustus 2030, 10.00 WITA)',
        session: { id: second.id, title: 'Pertemuan 2' },
        conflict: { sessionId: elsewhere.id, title: 'Kelas Lain', startsAt: elsewhere.startsAt },
      },
    ]);
    for (const id of [first.id, second.id]) {
      expect((await admin.get(`/api/sessions/${id}`)).json().roster.map((r: { personId: string; source: string }) => [r.personId, r.source])).toEqual([[ani, 'cohort']]);
    }
    // The same by pasting, into a cohort.
    const pasted = (await admin.post(`/api/programs/${s.p.id}/cohorts/${cohort.id}/participants/list`, { text: nik(serial) })).json();
    expect(pasted).toMatchObject({ alreadyOnRoster: [ani], added: [] });
    const empty = (await admin.post(`/api/programs/${s.p.id}/cohorts`, { name: 'Kosong' })).json();
    expect((await admin.post(`/api/programs/${s.p.id}/cohorts/${empty.id}/participants/list`, { text: nik(serial) })).statusCode).toBe(409);
  });
});
