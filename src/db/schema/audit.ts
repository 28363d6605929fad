import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Who changed what, when. Details never hold personal values (NIK, phone, names). */
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
  },
  (t) => [index('audit_event_entity_idx').on(t.entityType, t.entityId), index('audit_event_programme_idx').on(t.programmeId, t.at)],
);
