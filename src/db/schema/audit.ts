import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Who changed what, when. Append-only: the database refuses UPDATE, DELETE and TRUNCATE, except
 * the one update that seals an event into the hash chain (seq, prev_hash, hash from null to a value).
 * Details never hold personal values (NIK, phone, names).
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    programmeId: uuid(),
    details: jsonb().$type<Record<string, unknown>>(),
    /** Position in the hash chain (1, 2, …), given when the event is sealed, shortly after its transaction commits. */
    seq: bigint({ mode: 'number' }),
    /** SHA-256 (hex) of the previous event in the chain; 64 zeros for the first. */
    prevHash: text(),
    /** SHA-256 (hex) of `prevHash` + the event's canonical JSON (RFC 8785), see src/modules/audit/chain.ts. Null until the event is sealed. */
    hash: text(),
  },
  (t) => [index('audit_event_entity_idx').on(t.entityType, t.entityId), index('audit_event_programme_idx').on(t.programmeId, t.at), index('audit_event_at_idx').on(t.at), index('audit_event_actor_idx').on(t.actorUserId, t.at), uniqueIndex('audit_event_seq_uq').on(t.seq)],
);
