import { loadConfig } from '../../config.ts';
import { readMigrationState } from '../../db/migrate.ts';
import { loadDemo } from '../../modules/demo/load-demo.ts';
import { openRuntime } from '../../server/runtime.ts';

export async function migrateCommand(): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    const state = await readMigrationState(runtime.database);
    console.log(`Migrasi selesai / Migrations applied: ${state.applied}/${state.available} (${runtime.database.kind})`);
  } finally {
    await runtime.close();
  }
}

export async function demoCommand(): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    const result = await loadDemo(runtime.db);
    for (const code of result.created) console.log(`+ ${code}`);
    for (const code of result.skipped) console.log(`= ${code} (sudah ada / already present)`);
  } finally {
    await runtime.close();
  }
}
