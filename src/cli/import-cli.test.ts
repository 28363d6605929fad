import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliEnv, runCli } from '../../test/support/cli.ts';
import { rosterFile } from '../../test/support/import.ts';
import { ROOT } from '../../test/support/template.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { readLock } from '../db/data-dir-lock.ts';

let testDb: TestDatabase;
let env: Record<string, string>;

const ROSTER = [
  'Nama Usaha;Nama Pemilik;NIK;No. HP;Kabupaten/Kota;Provinsi',
  'Warung Satu;Satu;3174015203920001;081234567890;Jakarta Selatan;DKI Jakarta',
  'Warung Dua;Dua;;081234567891;Bandung;',
  'Warung Tiga;Tiga;;0812-3456-7892;Kab. Bandung;Jawa Barat',
  'Warung Tiga Lagi;Tiga;;081234567892;Kab. Bandung;Jawa Barat',
].join('\n');

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.database.close();
  env = cliEnv(testDb);
  const created = await runCli(['program', 'create', '--code', 'IMPOR-CLI', '--name', 'Impor CLI'], env);
  if (created.code !== 0) throw new Error(created.stderr);
});
afterAll(() => testDb.destroy());

describe('berdaya import participants', () => {
  it('prints the JSON summary of the contract and writes the rejected rows with --errors', async () => {
    const file = rosterFile(ROSTER);
    const errors = path.join(path.dirname(file), 'ditolak.csv');
    const dry = await runCli(['import', 'participants', file, '--program', 'impor-cli', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({ total: 4, inserted: 2, updated: 0, duplicates: 1, rejected: 1, rejectedByReason: { region_unresolved: 1 } });

    const real = await runCli(['import', 'participants', file, '--program', 'IMPOR-CLI', '--json', '--errors', errors], env);
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ total: 4, inserted: 2, updated: 0, duplicates: 1, rejected: 1, rejectedByReason: { region_unresolved: 1 } });
    expect(readFileSync(errors, 'utf8').split('\r\n')).toEqual([
      '\uFEFFNama Usaha;Nama Pemilik;NIK;No. HP;Kabupaten/Kota;Provinsi;Baris Asal;Kode Alasan;Alasan',
      'Warung Dua;Dua;;081234567891;Bandung;;3;region_unresolved;Kabupaten/kota kosong, tidak dikenal atau ambigu (tambahkan provinsi atau awalan Kab./Kota)',
      '',
    ]);
    const again = await runCli(['import', 'participants', file, '--program', 'IMPOR-CLI', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 2, duplicates: 1 });
    const human = await runCli(['import', 'participants', file, '--program', 'IMPOR-CLI'], env);
    expect(human.stdout).toMatch(/diperbarui \/ updated:\s+2/);
  });

  it('exits non-zero with a clear message for a missing file, an unknown programme and a file without a name column', async () => {
    const missing = await runCli(['import', 'participants', '/tidak/ada.csv', '--program', 'IMPOR-CLI', '--json'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Berkas tidak ditemukan / File not found: /tidak/ada.csv');
    expect(missing.stdout).toBe('');

    const unknown = await runCli(['import', 'participants', rosterFile(ROSTER), '--program', 'TIDAK-ADA', '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Program dengan kode TIDAK-ADA tidak ditemukan');
    expect(unknown.stderr).toContain('No programme with code TIDAK-ADA');

    const noHeader = await runCli(['import', 'participants', rosterFile('Kode;Telepon\n1;0812\n'), '--program', 'IMPOR-CLI', '--json'], env);
    expect(noHeader.code).toBe(1);
    expect(noHeader.stderr).toContain('Tidak ada kolom nama yang dikenali. Kolom yang ditemukan: Kode, Telepon.');
    expect(noHeader.stderr).toContain('No recognisable name column. Columns found: Kode, Telepon.');
  });

  it('reports a programme\'s participants by gender, flags and province (stable JSON contract)', async () => {
    expect((await runCli(['program', 'create', '--code', 'LAPORAN-1', '--name', 'Laporan'], env)).code).toBe(0);
    const roster = [
      'Nama Usaha;Nama Pemilik;No. HP;Jenis Kelamin;Kabupaten/Kota;Status Aktif;Bersedia Ikut Pelatihan',
      'A;Ani;081200000101;P;Jakarta Selatan;Ya;Ya',
      'B;Budi;081200000102;L;Jakarta Timur;Ya;Tidak',
      'C;Citra;081200000103;Perempuan;Kota Bandung;Tidak;Ya',
      'D;Dodi;081200000104;;Manggarai Barat;;',
    ].join('\n');
    expect((await runCli(['import', 'participants', rosterFile(roster), '--program', 'LAPORAN-1', '--json'], env)).code).toBe(0);
    const report = await runCli(['report', 'participants', '--program', 'LAPORAN-1', '--json'], env);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toEqual({ total: 4, female: 2, male: 1, active: 2, willing: 2, byProvince: { '31': 2, '32': 1, '53': 1 } });
    const unknown = await runCli(['report', 'participants', '--program', 'TIDAK-ADA', '--json'], env);
    expect(unknown.code).toBe(1);

    const indicators = await runCli(['report', 'indicators', '--program', 'LAPORAN-1', '--json'], env);
    expect(indicators.code, indicators.stderr).toBe(0);
    const parsed = JSON.parse(indicators.stdout);
    expect(parsed.programme).toBe('LAPORAN-1');
    expect(parsed.indicators.msme_enrolled).toMatchObject({ value: 4, unit: 'count', target: null });
    expect(parsed.indicators.msme_trained).toMatchObject({ value: 0 });
    const national = await runCli(['report', 'national', '--json'], env);
    expect(national.code, national.stderr).toBe(0);
    const n = JSON.parse(national.stdout);
    // The five stable keys, and the jobs roll-up added beside them (issue 9).
    expect(Object.keys(n).sort()).toEqual(['goal', 'jobsCreated', 'jobsGoal', 'jobsMsmesMeasured', 'onboardedMsmes', 'programmes', 'uniqueMsmes', 'uniquePersons']);
    expect(n).toMatchObject({ jobsCreated: 0, jobsMsmesMeasured: 0, jobsGoal: 4_400_000 });
    expect(n).toMatchObject({ goal: 30_000_000, onboardedMsmes: 0 });
    expect(n.uniqueMsmes).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(inject('dbKind') !== 'pglite')('hands the import to a running server that holds the PGlite data directory', { timeout: 120_000 }, async () => {
    const dataDir = path.dirname(testDb.location.dataDir ?? '');
    const server = spawn(process.execPath, [path.join(ROOT, 'bin/berdaya.mjs'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 300 && !readLock(dataDir)?.port; i++) await new Promise((r) => setTimeout(r, 100));
      expect(readLock(dataDir)?.port).toBeGreaterThan(0);
      const file = rosterFile(
        [
          'Nama Usaha;Nama Pemilik;NIK;No. HP;Kabupaten/Kota;Provinsi',
          'Kedai Satu;Satu;3174015203920009;081300000001;Jakarta Selatan;DKI Jakarta',
          'Kedai Dua;Dua;;081300000002;Bandung;',
          'Kedai Tiga;Tiga;;0813-0000-0003;Kab. Bandung;Jawa Barat',
          'Kedai Tiga Lagi;Tiga;;081300000003;Kab. Bandung;Jawa Barat',
        ].join('\n'),
      );
      const errors = path.join(path.dirname(file), 'ditolak-server.csv');
      writeFileSync(errors, '');
      const res = await runCli(['import', 'participants', file, '--program', 'IMPOR-CLI', '--json', '--errors', errors], env);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toEqual({ total: 4, inserted: 2, updated: 0, duplicates: 1, rejected: 1, rejectedByReason: { region_unresolved: 1 } });
      expect(readFileSync(errors, 'utf8')).toContain(';3;region_unresolved;');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    expect(readLock(dataDir)).toBeNull();
  });
});
