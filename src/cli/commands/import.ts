import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../core/app-error.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { readLock } from '../../db/data-dir-lock.ts';
import { job } from '../../db/schema/index.ts';
import type { ImportResult } from '../../modules/imports/import-participants.ts';
import { createImportJob, discardImportJob, rejectedRowsCsv, toImportJobView, type ImportJobView } from '../../modules/imports/service.ts';
import { runJob } from '../../modules/jobs/runner.ts';
import { getProgrammeByCode } from '../../modules/programmes/service.ts';
import { HANDOFF_HEADER, JOB_HANDLERS } from '../../server/app.ts';
import type { Locale } from '../../server/i18n.ts';
import { openRuntime } from '../../server/runtime.ts';
import { CliError } from '../output.ts';

export type ImportOptions = { program: string; dryRun?: boolean; json?: boolean; errors?: string; sheet?: string; lang?: string };

type Summary = NonNullable<ImportJobView['summary']>;

function contractSummary(s: Summary): Summary {
  return { total: s.total, inserted: s.inserted, updated: s.updated, duplicates: s.duplicates, rejected: s.rejected, rejectedByReason: s.rejectedByReason };
}

function printSummary(summary: Summary, options: ImportOptions, unknownColumns: string[]): void {
  if (options.json) {
    process.stdout.write(JSON.stringify(contractSummary(summary)) + '\n');
    return;
  }
  const lines = [
    `${options.dryRun ? 'Uji coba (tidak ada yang disimpan) / Dry run (nothing saved)' : 'Impor selesai / Import finished'}`,
    `  baris / rows:            ${summary.total}`,
    `  baru / inserted:         ${summary.inserted}`,
    `  diperbarui / updated:    ${summary.updated}`,
    `  duplikat / duplicates:   ${summary.duplicates}`,
    `  ditolak / rejected:      ${summary.rejected}`,
    ...Object.entries(summary.rejectedByReason).map(([reason, n]) => `    ${reason}: ${n}`),
  ];
  if (unknownColumns.length) lines.push(`  kolom diabaikan / ignored columns: ${unknownColumns.join(', ')}`);
  console.log(lines.join('\n'));
}

function progressLine(view: ImportJobView): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${view.phase === 'merging' ? 'menyimpan / saving' : 'membaca / reading'} ${view.percent}%   `);
}

/**
 * `berdaya import participants FILE --program CODE`. Runs the import in this process, or —
 * when a running server holds the PGlite data directory — hands the file to that server.
 */
export async function importParticipantsCommand(file: string, options: ImportOptions): Promise<void> {
  const locale: Locale = options.lang === 'en' ? 'en' : 'id';
  const filePath = path.resolve(file);
  if (!existsSync(filePath) || !statSync(filePath).isFile()) {
    throw new CliError(`Berkas tidak ditemukan / File not found: ${file}`);
  }
  const config = loadConfig();
  const holder = config.databaseUrl ? null : readLock(config.dataDir);
  if (holder?.port && holder.handoffToken) return handOff(filePath, options, locale, holder.port, holder.handoffToken);

  const runtime = await openRuntime(config);
  try {
    const programme = await getProgrammeByCode({ db: runtime.db, actor: SYSTEM_ACTOR, code: options.program });
    const created = await createImportJob({
      db: runtime.db,
      actor: SYSTEM_ACTOR,
      dataDir: config.dataDir,
      programmeId: programme.id,
      file: { path: filePath, filename: path.basename(filePath) },
      dryRun: Boolean(options.dryRun),
      sheet: options.sheet,
    });
    const [claimed] = await runtime.db
      .update(job)
      .set({ status: 'running', attempts: 1, startedAt: new Date(), heartbeatAt: new Date() })
      .where(eq(job.id, created.id))
      .returning();
    if (!claimed) throw new Error('the import job vanished');
    const timer = setInterval(() => {
      void runtime.db.select().from(job).where(eq(job.id, created.id)).then(([row]) => row && progressLine(toImportJobView(row, locale)));
    }, 500);
    const finished = await runJob(runtime.database, JOB_HANDLERS, claimed).finally(() => clearInterval(timer));
    if (process.stderr.isTTY) process.stderr.write('\n');
    const view = toImportJobView(finished, locale);
    if (finished.status !== 'done' || !view.summary) {
      if (finished.error) throw new AppError('bad_request', finished.error.key, { params: finished.error.params });
      throw new CliError(`Impor gagal / Import failed`);
    }
    if (options.errors) {
      await pipeline(Readable.from(rejectedRowsCsv(runtime.db, finished, locale)), createWriteStream(options.errors));
    }
    printSummary(view.summary, options, (finished.result as ImportResult | null)?.unknownColumns ?? []);
    if (options.dryRun) await discardImportJob(runtime.db, finished.id);
  } finally {
    await runtime.close();
  }
}

async function handOff(filePath: string, options: ImportOptions, locale: Locale, port: number, token: string): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const headers = { [HANDOFF_HEADER]: token, 'accept-language': locale };
  if (!options.json) console.error(`Server Berdaya berjalan di port ${port}: impor diserahkan ke server / a running Berdaya server holds the data; handing the import to it`);
  const form = new FormData();
  form.append('file', await new Response(Readable.toWeb(createReadStream(filePath)) as ReadableStream).blob(), path.basename(filePath));
  const query = new URLSearchParams({ program: options.program, dryRun: String(Boolean(options.dryRun)), ...(options.sheet ? { sheet: options.sheet } : {}) });
  const started = await fetch(`${base}/api/cli/imports?${query}`, { method: 'POST', headers, body: form });
  if (!started.ok) {
    const failure = (await started.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new CliError(`Galat / Error: ${failure?.error?.message ?? started.statusText}`);
  }
  let view = (await started.json()) as ImportJobView;
  while (view.status === 'queued' || view.status === 'running') {
    await new Promise((r) => setTimeout(r, 300));
    view = (await (await fetch(`${base}/api/cli/imports/${view.id}`, { headers })).json()) as ImportJobView;
    progressLine(view);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (view.status !== 'done' || !view.summary) throw new CliError(`Galat / Error: ${view.error ?? 'import failed'}`);
  if (options.errors) {
    const res = await fetch(`${base}/api/cli/imports/${view.id}/errors.csv`, { headers });
    if (!res.body) throw new CliError('Gagal mengambil berkas galat / could not fetch the error file');
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(options.errors));
  }
  printSummary(view.summary, options, view.unknownColumns);
  if (options.dryRun) await fetch(`${base}/api/cli/imports/${view.id}/discard`, { method: 'POST', headers });
}
