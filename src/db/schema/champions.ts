import { boolean, index, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programme } from './programmes.ts';

export const championCategory = pgEnum('champion_category', ['youth', 'religious_leader', 'community_figure', 'other']);

/** A digital champion of a programme (a person of kind `champion`) with a personal referral link. */
export const champion = pgTable(
  'champion',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    personId: uuid().notNull(),
    category: championCategory().notNull(),
    /** An inactive champion's referral link stops working. */
    active: boolean().notNull().default(true),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('champion_person_uq').on(t.programmeId, t.personId)],
);

/** Who brought whom: a person who self-registered through a champion's link. The first champion keeps the credit. */
export const referral = pgTable(
  'referral',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid().notNull(),
    championId: uuid()
      .notNull()
      .references(() => champion.id),
    personId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('referral_person_uq').on(t.programmeId, t.personId), index('referral_champion_idx').on(t.championId)],
);
