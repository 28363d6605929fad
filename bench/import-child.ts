/** Child of bench/import.ts: one import, end to end, timed from inside; prints timing and peak RSS. */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/core/system-actor.ts';
import { job } from '../src/db/schema/index.ts';
import { createImportJob, toImportJobView } from '../src/modules/imports/service.ts';
import { runJob } from '../src/modules/jobs/runner.ts';
import { createProgramme } from '../src/modules/programmes/service.ts';
import { JOB_HANDLERS } from '../src/server/app.ts';
import { openRuntime } from '../src/server/runtime.ts';

const file = process.argv[2] as string;
const config = loadConfig();
const runtime = await openRuntime(config);
const owner = await runtime.database.query<{ id: string }>("INSERT INTO organisation (name, kind) VALUES ('Bench', 'government') RETURNING id");
const programme = await createProgramme({ db: runtime.db, actor: SYSTEM_ACTOR, input: { code: 'BENCH-2024', name: 'Bench', ownerOrganisationId: owner[0]?.id } });

const started = performance.now();
const created = await createImportJob({ db: runtime.db, actor: SYSTEM_ACTOR, dataDir: config.dataDir, programmeId: programme.id, file: { path: file, filename: path.basename(file) }, dryRun: false });
const [claimed] = await runtime.db.update(job).set({ status: 'running', attempts: 1 }).where(eq(job.id, created.id)).returning();
if (!claimed) throw new Error('job vanished');
const finished = await runJob(runtime.database, JOB_HANDLERS, claimed);
const importSeconds = (performance.now() - started) / 1000;
await runtime.close();
if (finished.status !== 'done') throw new Error(`import ${finished.status}: ${JSON.stringify(finished.error)}`);
console.log(JSON.stringify({ importSeconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), summary: toImportJobView(finished, 'en').summary }));
