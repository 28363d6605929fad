import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser, organisation } from './accounts.ts';
import { programme } from './programmes.ts';
import { trainingSession } from './training.ts';

/**
 * Government staff trained by a programme (e.g. humas Pemda): where they work. The person
 * (kind `government_staff`) is in `person`; this is national, like the person.
 */
export const governmentStaffProfile = pgTable('government_staff_profile', {
  personId: uuid().primaryKey(),
  /** e.g. `Pemerintah Kabupaten Jayapura` */
  institution: text().notNull(),
  /** e.g. `Bagian Hubungan Masyarakat` */
  unit: text(),
  position: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A trainer certified in a programme: a node of the ToT cascade. `parentId` is the
 * certification of the trainer who trained them (null for a master trainer); `totSessionId`
 * the ToT session where they qualified. A trainer with a user account (`userId`, role
 * trainer) runs sessions; the sessions they run hang under this node.
 */
export const trainerCertification = pgTable(
  'trainer_certification',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    personId: uuid().notNull(),
    userId: uuid().references(() => appUser.id),
    /** The partner organisation they train for (usually an NGO). */
    organisationId: uuid().references(() => organisation.id),
    /** No foreign key: a backup restores rows in storage order, where a parent may follow its child; the service checks it. */
    parentId: uuid(),
    totSessionId: uuid().references(() => trainingSession.id),
    certifiedOn: date({ mode: 'string' }).notNull(),
    recordedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trainer_certification_person_uq').on(t.programmeId, t.personId),
    uniqueIndex('trainer_certification_user_uq').on(t.programmeId, t.userId).where(sql`${t.userId} is not null`),
    index('trainer_certification_parent_idx').on(t.programmeId, t.parentId),
    check('trainer_certification_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);
