import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../src/core/system-actor.ts';
import { job } from '../../src/db/schema/index.ts';
import { createImportJob, toImportJobView, type ImportJobView } from '../../src/modules/imports/service.ts';
import { runJob } from '../../src/modules/jobs/runner.ts';
import { JOB_HANDLERS } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'berdaya-rosters-'));
let counter = 0;

/** Writes roster content (CSV text or XLSX bytes) to a temporary file. */
export function rosterFile(content: string | Buffer, extension = 'csv'): string {
  const file = path.join(dir, `roster-${++counter}.${extension}`);
  writeFileSync(file, content);
  return file;
}

/** Runs an import to its end in this process, as the CLI does, and returns the job as the API shows it. */
export async function importRoster(ctx: AppContext, options: { programmeId: string; file: string; dryRun?: boolean; sheet?: string }): Promise<ImportJobView & { jobId: string }> {
  const created = await createImportJob({
    db: ctx.db,
    actor: SYSTEM_ACTOR,
    dataDir: ctx.config.dataDir,
    programmeId: options.programmeId,
    file: { path: options.file, filename: path.basename(options.file) },
    dryRun: options.dryRun ?? false,
    sheet: options.sheet,
  });
  const [claimed] = await ctx.db.update(job).set({ status: 'running', attempts: 1 }).where(eq(job.id, created.id)).returning();
  if (!claimed) throw new Error('job vanished');
  const finished = await runJob(ctx.database, JOB_HANDLERS, claimed);
  return { ...toImportJobView(finished, 'id'), jobId: finished.id };
}
