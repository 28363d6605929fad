import { Command } from 'commander';
import { action } from './output.ts';
import type { ImportOptions } from './commands/import.ts';
import type { ProgramCreateOptions } from './commands/program.ts';
import type { ReportOptions } from './commands/report.ts';
import type { ServeOptions } from './commands/serve.ts';

// Commands load their modules only when run, so that `--help` answers at once.
const serveCommand = async (o: ServeOptions) => (await import('./commands/serve.ts')).serveCommand(o);
const migrateCommand = async () => (await import('./commands/database.ts')).migrateCommand();
const demoCommand = async () => (await import('./commands/database.ts')).demoCommand();
const importParticipantsCommand = async (file: string, o: ImportOptions) => (await import('./commands/import.ts')).importParticipantsCommand(file, o);
const reportParticipantsCommand = async (o: ReportOptions) => (await import('./commands/report.ts')).reportParticipantsCommand(o);
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

await program.parseAsync(process.argv);
