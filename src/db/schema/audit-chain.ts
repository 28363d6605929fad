import { bigint, check, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The head of the audit hash chain: one row, locked (`FOR UPDATE`) by the sealer while it chains
 * committed events, so that two sealers (two server processes) never chain at once.
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint().primaryKey().default(1),
    /** Id of the last chained event (0 before the first). */
    lastEventId: bigint({ mode: 'number' }).notNull().default(0),
    /** Its position in the chain (0 before the first). */
    lastSeq: bigint({ mode: 'number' }).notNull().default(0),
    lastHash: text().notNull(),
  },
  (t) => [check('audit_chain_head_single_ck', sql`${t.id} = 1`)],
);
