import { Command } from 'commander';
import { action } from './output.ts';
import type { AuditVerifyOptions } from './commands/audit.ts';
import type { BackupOptions, RestoreOptions } from './commands/backup.ts';
import type { ImportOptions } from './commands/import.ts';
import type { KeysRotateOptions } from './commands/keys.ts';
import type { ProgramCreateOptions } from './commands/program.ts';
import type { IndicatorReportOptions, ReportOptions } from './commands/report.ts';
import type { ServeOptions } from './commands/serve.ts';

// Commands load their modules only when run, so that `--help` answers at once.
const serveCommand = async (o: ServeOptions) => (await import('./commands/serve.ts')).serveCommand(o);
const migrateCommand = async () => (await import('./commands/database.ts')).migrateCommand();
const demoCommand = async () => (await import('./commands/database.ts')).demoCommand();
const importParticipantsCommand = async (file: string, o: ImportOptions) => (await import('./commands/import.ts')).importParticipantsCommand(file, o);
const reportIndicatorsCommand = async (o: IndicatorReportOptions) => (await import('./commands/report.ts')).reportIndicatorsCommand(o);
const reportNationalCommand = async (o: { json?: boolean }) => (await import('./commands/report.ts')).reportNationalCommand(o);
const reportParticipantsCommand = async (o: ReportOptions) => (await import('./commands/report.ts')).reportParticipantsCommand(o);
const backupCommand = async (file: string, o: BackupOptions) => (await import('./commands/backup.ts')).backupCommand(file, o);
const restoreCommand = async (file: string, o: RestoreOptions) => (await import('./commands/backup.ts')).restoreCommand(file, o);
const auditVerifyCommand = async (o: AuditVerifyOptions) => (await import('./commands/audit.ts')).auditVerifyCommand(o);
const keysRotateCommand = async (o: KeysRotateOptions) => (await import('./commands/keys.ts')).keysRotateCommand(o);
const programCreateCommand = async (o: ProgramCreateOptions) => (await import('./commands/program.ts')).programCreateCommand(o);

const program = new Command()
  .name('berdaya')
  .description('Berdaya — program pelatihan digital UMKM / digital-skills programmes for MSMEs')
  .showHelpAfterError();

program
  .command('serve')
  .description('Jalankan server web dan API / serve the web app and API')
  .option('-p, --port <port>', 'port (default: PORT or 3000)')
  .option('--host <host>', 'alamat / listen address (default: HOST or 0.0.0.0)')
  .option('--demo', 'muat data demo bila basis data kosong / load demo data into an empty database')
  .action(action(serveCommand));

program.command('migrate').description('Terapkan migrasi basis data / apply database migrations').action(action(migrateCommand));

program.command('demo').description('Muat program contoh dari artikel sumber / load the seed programmes').action(action(demoCommand));

program
  .command('backup')
  .description('Cadangkan seluruh basis data ke satu berkas (PGlite atau PostgreSQL) / back up the whole database to one file (PGlite or PostgreSQL)')
  .argument('<file>', 'berkas tujuan, mis. berdaya.backup.gz / output file, e.g. berdaya.backup.gz')
  .option('--json', 'cetak ringkasan JSON / print the JSON summary')
  .action(action(backupCommand));

program
  .command('restore')
  .description('Pulihkan basis data dari cadangan (menggantikan seluruh isinya) / restore the database from a backup (replaces all of its content)')
  .argument('<file>', 'berkas cadangan / backup file')
  .option('--force', 'timpa basis data yang tidak kosong / replace a database that is not empty')
  .option('--json', 'cetak ringkasan JSON / print the JSON summary')
  .action(action(restoreCommand));

const auditCmd = program.command('audit').description('Jejak audit / audit trail');
auditCmd
  .command('verify')
  .description('Periksa rantai hash jejak audit; keluar 1 pada peristiwa rusak pertama / check the audit hash chain; exit 1 at the first broken event')
  .option('--json', 'cetak hasil JSON / print the JSON result')
  .action(action(auditVerifyCommand));

const keysCmd = program.command('keys').description('Kunci enkripsi data pribadi / personal-data encryption keys');
keysCmd
  .command('rotate')
  .description('Tambah kunci baru dan enkripsi ulang semua NIK dan nomor HP / add a new key and re-encrypt every NIK and phone number')
  .option('--resume', 'lanjutkan rotasi yang terputus tanpa kunci baru / finish an interrupted rotation without adding a key')
  .option('--batch <rows>', 'baris per transaksi / rows per transaction', '1000')
  .action(action(keysRotateCommand));

const programCmd = program.command('program').description('Kelola program / manage programmes');
programCmd
  .command('create')
  .description('Buat program / create a programme')
  .requiredOption('--code <code>', 'kode unik / unique code, e.g. JAKPRENEUR-2024')
  .requiredOption('--name <name>', 'nama / name')
  .option('--start <date>', 'tanggal mulai / start date (YYYY-MM-DD)')
  .option('--end <date>', 'tanggal selesai / end date (YYYY-MM-DD)')
  .option('--owner <organisation>', 'organisasi pemilik / owner organisation (name or short name)')
  .option('--description <text>', 'deskripsi / description')
  .option('--json', 'cetak JSON / print JSON')
  .action(action(programCreateCommand));

const importCmd = program.command('import').description('Impor data / import data');
importCmd
  .command('participants')
  .description('Impor daftar peserta (CSV atau XLSX) ke program / import a participant roster (CSV or XLSX) into a programme')
  .argument('<file>', 'berkas CSV atau XLSX / CSV or XLSX file')
  .requiredOption('--program <code>', 'kode program / programme code')
  .option('--dry-run', 'periksa saja, jangan simpan / validate and report without writing anything')
  .option('--json', 'cetak ringkasan JSON / print the JSON summary')
  .option('--errors <out.csv>', 'tulis baris yang ditolak ke CSV / write rejected rows to a CSV')
  .option('--sheet <name>', 'lembar XLSX / XLSX sheet (default: the first)')
  .option('--lang <id|en>', 'bahasa berkas galat / language of the error file', 'id')
  .action(action(importParticipantsCommand));

const reportCmd = program.command('report').description('Laporan / reports');
reportCmd
  .command('participants')
  .description('Ringkasan peserta program / participant summary of a programme')
  .requiredOption('--program <code>', 'kode program / programme code')
  .option('--json', 'cetak JSON / print JSON: { total, female, male, active, willing, byProvince }')
  .action(action(reportParticipantsCommand));
reportCmd
  .command('indicators')
  .description('Indikator program dan targetnya / a programme\'s indicators with their targets')
  .requiredOption('--program <code>', 'kode program / programme code')
  .option('--json', 'cetak JSON / print JSON')
  .option('--lang <id|en>', 'bahasa / language', 'id')
  .action(action(reportIndicatorsCommand));
reportCmd
  .command('national')
  .description('Jangkauan nasional lintas program / national reach across programmes')
  .option('--json', 'cetak JSON / print JSON: { uniqueMsmes, uniquePersons, onboardedMsmes, goal, programmes }')
  .action(action(reportNationalCommand));

await program.parseAsync(process.argv);
