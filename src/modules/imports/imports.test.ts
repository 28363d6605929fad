import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { enrolment, msme, person } from '../../db/schema/index.ts';
import { makeProgramme } from '../../../test/support/factories.ts';
import { importRoster, rosterFile } from '../../../test/support/import.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { createImportJob, getImportJob, rejectedRowsCsv } from './service.ts';
import { stageRoster } from './stage-roster.ts';
import path from 'node:path';
import { readable, storedKey } from '../../../test/support/personal-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HEADER = 'Nama Usaha;Nama Pemilik;NIK;No. HP;Jenis Kelamin;Sektor;Kabupaten/Kota;Provinsi;Status Aktif;Bersedia Ikut Pelatihan';

/** A person by the plain identity (`nik:…`, `phone:…`), NIK and phone decrypted. */
async function personByKey(key: string) {
  const [row] = await t.ctx.db.select().from(person).where(eq(person.key, storedKey(key)));
  return readable(row);
}
async function msmeByKey(key: string) {
  const [row] = await t.ctx.db.select().from(msme).where(eq(msme.key, storedKey(key)));
  return row;
}
async function counts() {
  const [p] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(person);
  const [m] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(msme);
  const [e] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(enrolment);
  return { persons: Number(p?.n), msmes: Number(m?.n), enrolments: Number(e?.n) };
}
async function errorCsv(jobId: string, locale: 'id' | 'en' = 'id'): Promise<string> {
  const row = await getImportJob({ db: t.ctx.db, actor: SYSTEM_ACTOR, id: jobId });
  let text = '';
  for await (const chunk of rejectedRowsCsv(t.ctx.db, row, locale)) text += chunk;
  return text;
}

describe('roster import: normalisation and storage', () => {
  it('normalises every field and stores one person, one MSME and one enrolment per owner', async () => {
    const p = await makeProgramme(t.ctx.db);
    const file = rosterFile(
      [
        HEADER,
        `  Warung   Bu Sri ;Sri  Wahyuni;'3174015203920001;0812-3456-7890;perempuan;Makanan & Minuman;Jakarta Selatan;DKI Jakarta;Ya;ya`,
        `Toko Budi;Budi;;+62 813.1111.2222;L;Mebel;Kota Adm. Jakarta Timur;;TIDAK AKTIF;T`,
        `Kopi Dewi;Dewi;3174 0152 0392 0003;6281299998888;Wanita;Kerajinan Tangan;kab. bandung;Jawa Barat;1;0`,
        `Batik Ani;Ani;;'081200001111;?;Peternakan Kambing Etawa;3273;;mungkin;`,
      ].join('\n'),
    );
    const result = await importRoster(t.ctx, { programmeId: p.id, file });
    expect(result.status).toBe('done');
    expect(result.summary).toEqual({ total: 4, inserted: 4, updated: 0, duplicates: 0, rejected: 0, rejectedByReason: {} });

    const sri = await personByKey('nik:3174015203920001');
    expect(sri).toMatchObject({ name: 'Sri Wahyuni', nik: '3174015203920001', phone: '+6281234567890', gender: 'female' });
    expect(await msmeByKey('nik:3174015203920001')).toMatchObject({ businessName: 'Warung Bu Sri', sector: 'kuliner', regencyCode: '31.74', provinceCode: '31' });
    const budi = await personByKey('phone:+6281311112222');
    expect(budi).toMatchObject({ nik: null, gender: 'male' });
    expect(await msmeByKey('phone:+6281311112222')).toMatchObject({ sector: 'furnitur', regencyCode: '31.75' });
    expect(await msmeByKey('nik:3174015203920003')).toMatchObject({ sector: 'kriya', regencyCode: '32.04' });
    const ani = await personByKey('phone:+6281200001111');
    expect(ani?.gender).toBeNull();
    expect(await msmeByKey('phone:+6281200001111')).toMatchObject({ sector: 'lainnya', regencyCode: '32.73' });

    const enrolments = await t.ctx.db
      .select({ key: person.key, active: enrolment.active, willing: enrolment.willing, source: enrolment.source })
      .from(enrolment)
      .innerJoin(person, eq(person.id, enrolment.personId))
      .where(eq(enrolment.programmeId, p.id))
      .orderBy(asc(person.key));
    const plain = new Map(['nik:3174015203920001', 'nik:3174015203920003', 'phone:+6281200001111', 'phone:+6281311112222'].map((k) => [storedKey(k), k]));
    expect(enrolments.map((e) => ({ ...e, key: plain.get(e.key) })).sort((x, y) => String(x.key).localeCompare(String(y.key)))).toEqual([
      { key: 'nik:3174015203920001', active: true, willing: true, source: 'import' },
      { key: 'nik:3174015203920003', active: true, willing: false, source: 'import' },
      { key: 'phone:+6281200001111', active: null, willing: null, source: 'import' },
      { key: 'phone:+6281311112222', active: false, willing: false, source: 'import' },
    ]);
  });

  it('reads comma or semicolon files, with BOM, CRLF, quoted delimiters and line breaks, and keeps original line numbers', async () => {
    const p = await makeProgramme(t.ctx.db);
    const csv =
      '\uFEFFBusiness Name,OWNER NAME,nik,Phone,Regency,Province\r\n' +
      '"Toko ""Maju"", Jaya",Rudi,3201012501850001,081311112223,Kab. Bogor,Jawa Barat\r\n' +
      '"Warung\r\nTiga Baris\r\nIni",Sari,,081311112224,Kota Bogor,\r\n' +
      '\r\n' +
      'Bengkel,Joko,3.20101E+15,,Bogor,\r\n';
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(csv) });
    expect(result.summary).toEqual({ total: 3, inserted: 2, updated: 0, duplicates: 0, rejected: 1, rejectedByReason: { nik_invalid: 1 } });
    expect(await msmeByKey('nik:3201012501850001')).toMatchObject({ businessName: 'Toko "Maju", Jaya', regencyCode: '32.01' });
    expect((await msmeByKey('phone:+6281311112224'))?.businessName).toBe('Warung Tiga Baris Ini');
    const errors = (await errorCsv(result.jobId)).split('\r\n');
    expect(errors[0]).toBe('\uFEFFBusiness Name,OWNER NAME,nik,Phone,Regency,Province,Baris Asal,Kode Alasan,Alasan');
    // Header line 1, then a record on line 2, one spanning lines 3-5, a blank line 6: the bad row is line 7.
    expect(errors[1]).toMatch(/^Bengkel,Joko,3\.20101E\+15,,Bogor,,7,nik_invalid,"NIK tidak valid/);
    // The rejected row's cells are kept for that report only encrypted: no NIK, phone or name in plain text at rest.
    const stored = await t.ctx.database.query<{ raw: string }>(`SELECT raw FROM import_row WHERE job_id = $1 AND reason IS NOT NULL`, [result.jobId]);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.raw).toMatch(/^\$[a-z0-9-]+\$/);
    expect(stored[0]?.raw).not.toMatch(/Joko|Bengkel|3\.20101/);
  });

  it('applies the rejection reasons in order, exactly one per row', async () => {
    const p = await makeProgramme(t.ctx.db);
    const rows = [
      `;Tanpa Usaha;12345;0812;L;;Nowhere;;;`, // missing_name first, though NIK, phone and region are also wrong
      `Usaha A;Pemilik A;3174011313920001;0812;L;;Jakarta Selatan;;;`, // nik_invalid (month 13) before phone_invalid
      `Usaha B;Pemilik B;;021-5551234;L;;Jakarta Selatan;;;`, // phone_invalid (landline)
      `Usaha C;Pemilik C;;;L;;Jakarta Selatan;;;`, // no_identity
      `Usaha D;Pemilik D;;081234500001;L;;Bandung;;;`, // region_unresolved: Bandung is ambiguous
      `Usaha E;Pemilik E;;081234500002;L;;Bandung;Jawa Barat;;;`, // still ambiguous within Jawa Barat
      `Usaha F;Pemilik F;;081234500003;L;;Kota Bandung;Jawa Timur;;;`, // Kota Bandung is not in Jawa Timur
      `Usaha G;Pemilik G;;081234500004;L;;;;;;`, // empty regency
      `Usaha H;Pemilik H;;081234500005;L;;Jakarta Selatan;Atlantis;;;`, // unknown province
      `Usaha I;Pemilik I;9974011203920001;;L;;Jakarta Selatan;;;`, // province code 99 is not a province
      `Usaha J;Pemilik J;3174017203920001;;L;;Jakarta Selatan;;;`, // day 72 is neither 01-31 nor 41-71
      `Usaha K;Pemilik K;;+6281234;L;;Jakarta Selatan;;;`, // too short
      `Usaha L;Pemilik L;;081234500006;L;;Kab. Jakarta Selatan;;;`, // a Kab. prefix never matches a kota
    ];
    const withNib = 'Nama Usaha;Nama Pemilik;NIK;No. HP;NIB;Kabupaten/Kota\nUsaha N;Pemilik N;;081234500007;12345;Jakarta Selatan\n';
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile([HEADER, ...rows].join('\n')) });
    expect(result.summary?.rejectedByReason).toEqual({ missing_name: 1, nik_invalid: 3, phone_invalid: 2, no_identity: 1, region_unresolved: 6 });
    expect(result.summary?.total).toBe(13);
    const nib = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(withNib) });
    expect(nib.summary?.rejectedByReason).toEqual({ nib_invalid: 1 });
    const lines = (await errorCsv(result.jobId)).split('\r\n').slice(1, -1).map((l) => l.split(';').slice(-3, -1).join(' '));
    expect(lines).toEqual([
      '2 missing_name',
      '3 nik_invalid',
      '4 phone_invalid',
      '5 no_identity',
      '6 region_unresolved',
      '7 region_unresolved',
      '8 region_unresolved',
      '9 region_unresolved',
      '10 region_unresolved',
      '11 nik_invalid',
      '12 nik_invalid',
      '13 phone_invalid',
      '14 region_unresolved',
    ]);
  });
});

describe('roster import: duplicates, re-imports and programmes', () => {
  it('merges rows with the same key in one file, the later non-empty values winning', async () => {
    const p = await makeProgramme(t.ctx.db);
    const csv = [
      'Nama Usaha;Nama Pemilik;NIK;No. HP;Email;Jenis Kelamin;Sektor;Kabupaten/Kota;Status Aktif;Bersedia',
      `Warung Lama;Siti;3174015505900001;081255550001;siti@contoh.id;P;Kuliner;Jakarta Selatan;Ya;Tidak`,
      `Warung Baru;Siti Aminah;'3174015505900001;;;;;Jakarta Barat;;Ya`,
      `Toko Dua;Rina;;081255550002;;P;Fashion;Jakarta Pusat;Ya;Ya`,
      `Toko Dua Cabang;Rina;;0812-5555-0002;;;;Jakarta Pusat;Tidak;`,
    ].join('\n');
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(csv) });
    expect(result.summary).toEqual({ total: 4, inserted: 2, updated: 0, duplicates: 2, rejected: 0, rejectedByReason: {} });
    expect(await personByKey('nik:3174015505900001')).toMatchObject({ name: 'Siti Aminah', phone: '+6281255550001', email: 'siti@contoh.id', gender: 'female' });
    expect(await msmeByKey('nik:3174015505900001')).toMatchObject({ businessName: 'Warung Baru', sector: 'kuliner', regencyCode: '31.73' });
    expect(await msmeByKey('phone:+6281255550002')).toMatchObject({ businessName: 'Toko Dua Cabang', sector: 'fesyen' });
    const [siti] = await t.ctx.db.select().from(enrolment).innerJoin(person, eq(person.id, enrolment.personId)).where(eq(person.key, storedKey('nik:3174015505900001')));
    expect(siti?.enrolment).toMatchObject({ active: true, willing: true });
  });

  it('inserts nothing the second time the same file is imported, and never erases known values', async () => {
    const p = await makeProgramme(t.ctx.db);
    const file = rosterFile([HEADER, `Usaha Ulang;Ulang;3174016606900001;081266660001;L;Jasa;Jakarta Selatan;;Ya;Ya`, `Usaha Dua;Dua;;081266660002;P;;Jakarta Utara;;;`].join('\n'));
    const first = await importRoster(t.ctx, { programmeId: p.id, file });
    expect(first.summary).toMatchObject({ inserted: 2, updated: 0 });
    const before = await counts();
    const second = await importRoster(t.ctx, { programmeId: p.id, file });
    expect(second.summary).toEqual({ total: 2, inserted: 0, updated: 2, duplicates: 0, rejected: 0, rejectedByReason: {} });
    expect(await counts()).toEqual(before);

    const sparse = rosterFile(['Nama Usaha;Nama Pemilik;NIK;Kabupaten/Kota', 'Usaha Ulang;Ulang;3174016606900001;Jakarta Selatan'].join('\n'));
    const third = await importRoster(t.ctx, { programmeId: p.id, file: sparse });
    expect(third.summary).toMatchObject({ updated: 1, inserted: 0 });
    expect(await personByKey('nik:3174016606900001')).toMatchObject({ phone: '+6281266660001', gender: 'male' });
    expect((await msmeByKey('nik:3174016606900001'))?.sector).toBe('jasa');
  });

  it('keeps one person and one MSME for an owner imported into two programmes, with two enrolments', async () => {
    const a = await makeProgramme(t.ctx.db);
    const b = await makeProgramme(t.ctx.db);
    const row = `Usaha Bersama;Bersama;3174012707900001;081277770001;P;Kuliner;Jakarta Selatan;;Ya;Ya`;
    await importRoster(t.ctx, { programmeId: a.id, file: rosterFile([HEADER, row].join('\n')) });
    const second = await importRoster(t.ctx, { programmeId: b.id, file: rosterFile([HEADER, row].join('\n')) });
    expect(second.summary).toMatchObject({ inserted: 0, updated: 1 });
    const people = await t.ctx.db.select().from(person).where(eq(person.key, storedKey('nik:3174012707900001')));
    const businesses = await t.ctx.db.select().from(msme).where(eq(msme.key, storedKey('nik:3174012707900001')));
    expect(people).toHaveLength(1);
    expect(businesses).toHaveLength(1);
    const enrolments = await t.ctx.db.select().from(enrolment).where(eq(enrolment.personId, people[0]?.id ?? ''));
    expect(enrolments.map((e) => e.programmeId).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(enrolments.map((e) => e.msmeId))).toEqual(new Set([businesses[0]?.id]));
  });

  it('never lets a rejected row merge with or start a participant', async () => {
    const p = await makeProgramme(t.ctx.db);
    const csv = [HEADER, `Usaha Sah;Sah;3174012808900001;081288880001;L;;Jakarta Selatan;;;`, `;Tanpa Usaha;3174012808900001;081288889999;L;;Jakarta Barat;;;`].join('\n');
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(csv) });
    expect(result.summary).toMatchObject({ inserted: 1, duplicates: 0, rejected: 1 });
    expect((await personByKey('nik:3174012808900001'))?.phone).toBe('+6281288880001');
    expect(await personByKey('phone:+6281288889999')).toBeUndefined();
  });

  it('changes nothing on a dry run, but reports the same counts', async () => {
    const p = await makeProgramme(t.ctx.db);
    const file = rosterFile([HEADER, `Usaha Coba;Coba;3174012909900001;081299990001;L;;Jakarta Selatan;;;`, `;x;;;;;;;;`].join('\n'));
    const before = await counts();
    const dry = await importRoster(t.ctx, { programmeId: p.id, file, dryRun: true });
    expect(dry.summary).toEqual({ total: 2, inserted: 1, updated: 0, duplicates: 0, rejected: 1, rejectedByReason: { missing_name: 1 } });
    expect(await counts()).toEqual(before);
    expect(await errorCsv(dry.jobId)).toContain('missing_name');
  });
});

describe('roster import: headers and whole-file refusals', () => {
  it('matches headers case-, space- and punctuation-insensitively and reports unknown columns once', async () => {
    const p = await makeProgramme(t.ctx.db);
    const csv = ['NAMA_USAHA , nama  pemilik ,No HP,Telepon,Kab/Kota,Catatan Petugas,Kolom X', 'Usaha Kolom;Kolom;081200007777;081200008888;Jaksel;catatan;x'].join('\n').replaceAll(',', ';');
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(csv) });
    expect(result.summary).toMatchObject({ inserted: 1 });
    expect(result.unknownColumns).toEqual(['Telepon', 'Catatan Petugas', 'Kolom X']);
    expect(await personByKey('phone:+6281200007777')).toBeDefined();
  });

  it('refuses a file without a name column, listing the headers found and expected', async () => {
    const p = await makeProgramme(t.ctx.db);
    const result = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile('Kode;Telepon;Alamat\n1;0812;Jl. X\n') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/^Tidak ada kolom nama yang dikenali\. Kolom yang ditemukan: Kode, Telepon, Alamat\. Kolom yang diharapkan: Nama Usaha \/ Business Name, Nama Pemilik \/ Owner Name/);
    expect(result.summary).toBeNull();
  });

  it('refuses empty, binary and unclosed-quote files with a clear message', async () => {
    const p = await makeProgramme(t.ctx.db);
    const empty = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile('') });
    expect(empty.error).toBe('Berkas kosong: tidak ada baris judul kolom');
    const binary = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3])) });
    expect(binary.error).toMatch(/bukan CSV atau XLSX/);
    const unclosed = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(`${HEADER}\nUsaha;Pemilik;;081200000001;L;;Jaksel;;;\n"Usaha Rusak;Rusak;;081200000002;L;;Jaksel;;;\nUsaha Lain;Lain;;081200000003;L;;Jaksel;;;\n`) });
    expect(unclosed.status).toBe('failed');
    expect(unclosed.error).toMatch(/Format CSV rusak di sekitar baris 3/);
    const broken = await importRoster(t.ctx, { programmeId: p.id, file: rosterFile(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'xlsx') });
    expect(broken.error).toBe('Berkas XLSX rusak atau tidak dapat dibaca');
  });
});

describe('roster import: XLSX', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return rosterFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
  }

  it('reads the first sheet, or the one chosen; numbers that lost digits are invalid NIKs', async () => {
    const p = await makeProgramme(t.ctx.db);
    const file = await workbook((wb) => {
      const cover = wb.addWorksheet('Data');
      cover.addRow(['Nama Usaha', 'Nama Pemilik', 'NIK', 'No HP', 'Kabupaten/Kota', 'Bersedia Ikut Pelatihan']);
      cover.addRow(['Kedai Satu', 'Satu', '3174011102900001', '081211110001', 'Jakarta Selatan', 'Ya']);
      cover.addRow([{ richText: [{ text: 'Kedai ' }, { text: 'Dua' }] }, 'Dua', 3174011102900002, 6281211110002, '31.74', true]);
      cover.addRow([]);
      cover.addRow(['Kedai Tiga', 'Tiga', null, 81211110003, 'Jakarta Selatan', 'Tidak']);
      const other = wb.addWorksheet('Cabang');
      other.addRow(['Nama Usaha', 'Nama Pemilik', 'No HP', 'Kabupaten/Kota']);
      other.addRow(['Kedai Cabang', 'Cabang', '081211110009', 'Kota Bogor']);
    });
    const first = await importRoster(t.ctx, { programmeId: p.id, file });
    expect(first.summary).toEqual({ total: 3, inserted: 1, updated: 0, duplicates: 0, rejected: 2, rejectedByReason: { nik_invalid: 1, phone_invalid: 1 } });
    expect(await msmeByKey('nik:3174011102900001')).toBeDefined();
    const lines = (await errorCsv(first.jobId, 'en')).split('\r\n');
    expect(lines[1]).toMatch(/^Kedai Dua,Dua,3\.174011102900002E\+15,6281211110002,31\.74,TRUE,3,nik_invalid,"NIK is not valid/);
    expect(lines[2]).toMatch(/,5,phone_invalid,/);

    const chosen = await importRoster(t.ctx, { programmeId: p.id, file, sheet: 'cabang' });
    expect(chosen.summary).toMatchObject({ total: 1, inserted: 1 });
    const missing = await importRoster(t.ctx, { programmeId: p.id, file, sheet: 'Tidak Ada' });
    expect(missing.error).toBe('Lembar "Tidak Ada" tidak ada. Lembar yang tersedia: Data, Cabang');
  });
});

describe('roster import: totals', () => {
  it('always satisfies total = inserted + updated + duplicates + rejected on a generated messy roster', async () => {
    const { writeMessyRoster } = await import('../../../bench/generate-roster.ts');
    const p = await makeProgramme(t.ctx.db);
    const file = rosterFile('');
    const stats = await writeMessyRoster(file, { rows: 3_000, seed: 7 });
    const result = await importRoster(t.ctx, { programmeId: p.id, file });
    const s = result.summary;
    expect(s).not.toBeNull();
    if (!s) return;
    expect(s.total).toBe(stats.rows);
    expect(s.inserted + s.updated + s.duplicates + s.rejected).toBe(s.total);
    expect(s.rejectedByReason).toEqual(stats.expectedRejected);
    const [e] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(enrolment).where(eq(enrolment.programmeId, p.id));
    expect(Number(e?.n)).toBe(s.inserted + s.updated);
  });
});

describe('roster import: staging in worker threads', () => {
  it('stages exactly the rows of a one-thread run when two threads share the rows', async () => {
    const { writeMessyRoster } = await import('../../../bench/generate-roster.ts');
    const p = await makeProgramme(t.ctx.db);
    const file = rosterFile('');
    const stats = await writeMessyRoster(file, { rows: 2_000, seed: 11 });
    const staged = async (threads: number) => {
      const created = await createImportJob({ db: t.ctx.db, actor: SYSTEM_ACTOR, dataDir: t.ctx.config.dataDir, programmeId: p.id, file: { path: file, filename: path.basename(file) }, dryRun: true });
      const progress: number[] = [];
      const result = await stageRoster({ database: t.ctx.database, jobId: created.id, path: file, threads, onProgress: async ({ rows }) => void progress.push(rows) });
      const rows = await t.ctx.database.query(
        `SELECT line, reason, key, business_name, owner_name, nik_hash, nik_birth_yy, nib, phone_hash, email, gender, sector, address, regency_code, province_code, active, willing
         FROM import_row WHERE job_id = $1 ORDER BY line`,
        [created.id],
      );
      return { result, rows, progress };
    };
    const one = await staged(0);
    const two = await staged(2);
    expect(one.result.rows).toBe(stats.rows);
    expect(two.result).toEqual(one.result);
    expect(two.rows).toHaveLength(stats.rows);
    expect(two.rows).toEqual(one.rows);
    expect(two.progress.at(-1)).toBe(stats.rows);
  });
});
