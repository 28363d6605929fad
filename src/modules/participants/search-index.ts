import { sql } from 'drizzle-orm';
import type { JobContext } from '../jobs/runner.ts';

/** Queued by the registry's triggers after a bulk change (see migration 0015_registry_search). */
export const INDEX_SEARCH = 'registry.index_search';

/**
 * Brings the name search up to date after a bulk import: rewrites the search text of every
 * person whose name or business name changed (a diff, so a second run writes nothing).
 */
export async function runSearchIndex(context: JobContext): Promise<Record<string, unknown>> {
  await context.database.db.execute(sql`SELECT registry_search_refresh(NULL)`);
  return {};
}
