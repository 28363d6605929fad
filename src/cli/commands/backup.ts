import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { backupDatabase, BackupError, nonEmptyTables, readBackupHeader, restoreDatabase, type BackupSummary } from '../../db/backup.ts';
import { openRuntime } from '../../server/runtime.ts';
import { CliError } from '../output.ts';

export type BackupOptions = { json?: boolean };
export type RestoreOptions = { force?: boolean; json?: boolean };

function explain(error: unknown, file: string): never {
  if (!(error instanceof BackupError)) throw error;
  const reason = error.message;
  if (reason === 'not a backup' || reason === 'damaged' || reason === 'truncated') {
    throw new CliError(`Berkas ${file} bukan cadangan Berdaya yang utuh (${reason}).\n${file} is not a complete Berdaya backup (${reason}).`);
  }
  if (reason.startsWith('schema differs')) {
    throw new CliError(
      `Cadangan ini dibuat oleh versi Berdaya dengan skema lain (${reason}). Pulihkan dengan versi yang membuatnya, lalu perbarui.\n` +
        `This backup was made by a Berdaya version with another schema (${reason}). Restore it with the version that made it, then upgrade.`,
    );
  }
  throw new CliError(`Pemulihan gagal, basis data tidak diubah: ${reason}\nRestore failed, the database was not changed: ${reason}`);
}

function report(summary: BackupSummary, json: boolean | undefined, done: string): void {
  if (json) console.log(JSON.stringify(summary));
  else console.log(`${done}: ${summary.tables} tabel / tables, ${summary.rows} baris / rows`);
}

/** `berdaya backup FILE`: a consistent snapshot of the whole database, portable between PGlite and PostgreSQL. */
export async function backupCommand(file: string, options: BackupOptions): Promise<void> {
  const target = path.resolve(file);
  const runtime = await openRuntime(loadConfig(), { migrate: false });
  // Written aside and renamed when complete: an interrupted backup never looks like a backup.
  const partial = `${target}.partial`;
  try {
    const summary = await backupDatabase(runtime.database, partial);
    renameSync(partial, target);
    report(summary, options.json, `Cadangan disimpan / Backup written (${runtime.database.kind}) ${target}`);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await runtime.close();
  }
}

/** `berdaya restore FILE [--force]`: replaces the database's content with a backup, all or nothing. */
export async function restoreCommand(file: string, options: RestoreOptions): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new CliError(`Berkas tidak ditemukan: ${source}\nFile not found: ${source}`);
  try {
    await readBackupHeader(source);
  } catch (error) {
    explain(error, source);
  }
  const runtime = await openRuntime(loadConfig());
  try {
    const filled = await nonEmptyTables(runtime.database);
    if (filled.length > 0 && !options.force) {
      const tables = filled.slice(0, 8).join(', ') + (filled.length > 8 ? ', …' : '');
      throw new CliError(
        `Basis data tujuan tidak kosong (${tables}). Pemulihan akan menggantikan seluruh isinya: ulangi dengan --force bila memang itu yang diinginkan.\n` +
          `The target database is not empty (${tables}). A restore replaces all of its content: repeat with --force if that is what you want.`,
      );
    }
    const summary = await restoreDatabase(runtime.database, source).catch((error: unknown) => explain(error, source));
    report(summary, options.json, `Dipulihkan / Restored (${runtime.database.kind}) dari / from ${source}`);
  } finally {
    await runtime.close();
  }
}
