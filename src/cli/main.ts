import { Command } from 'commander';
import { action } from './output.ts';
import { demoCommand, migrateCommand } from './commands/database.ts';
import { programCreateCommand } from './commands/program.ts';
import { serveCommand } from './commands/serve.ts';

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

await program.parseAsync(process.argv);
