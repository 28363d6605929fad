import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Name search over the registry: one row per person with their name and their business's
 * name, under one trigram index. Kept out of `person` and `msme` so that a bulk import does
 * not pay for trigram indexing inside its transaction: triggers refresh small changes at once
 * and leave bulk ones to the `registry.index_search` job (see migration 0015).
 */
export const registrySearch = pgTable(
  'registry_search',
  {
    personId: uuid().primaryKey(),
    text: text().notNull(),
  },
  (t) => [index('registry_search_trgm_idx').using('gin', sql`${t.text} gin_trgm_ops`)],
);
