import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programme } from './programmes.ts';

export const organisationKind = pgEnum('organisation_kind', ['government', 'platform', 'ngo', 'infrastructure', 'other']);

export const organisation = pgTable(
  'organisation',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    shortName: text(),
    kind: organisationKind().notNull(),
    website: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('organisation_name_uq').on(sql`lower(${t.name})`)],
);

export const userRole = pgEnum('user_role', ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer']);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Always stored lower-cased. */
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull(),
    organisationId: uuid().references(() => organisation.id),
    /** argon2id; null until the invited user sets a password. */
    passwordHash: text(),
    active: boolean().notNull().default(true),
    failedLogins: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('app_user_email_uq').on(t.email)],
);

/** Explicit programme membership (program managers, trainers, coordinators). */
export const userProgramme = pgTable(
  'user_programme',
  {
    userId: uuid()
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.programmeId] }), index('user_programme_programme_idx').on(t.programmeId)],
);

export const authSession = pgTable(
  'auth_session',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('auth_session_user_idx').on(t.userId)],
);

/** One-time invitation to set a password; token stored as SHA-256. */
export const userInvite = pgTable(
  'user_invite',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('user_invite_user_idx').on(t.userId)],
);
