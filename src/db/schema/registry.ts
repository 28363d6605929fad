import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { codeText } from './types.ts';

export const gender = pgEnum('gender', ['female', 'male']);
export const personKind = pgEnum('person_kind', ['msme_owner', 'trainee', 'trainer', 'champion', 'government_staff']);

/**
 * One person nationally, shared by every programme. `key` is the identity used to
 * deduplicate: `nik:<keyed hash of the NIK>` when the NIK is known, else `phone:<keyed hash>`.
 * NIK and phone are stored only encrypted (`*_cipher`, AES-256-GCM with the key id inside) and
 * found through their keyed hashes (`*_hash`, HMAC-SHA256): see src/core/pii-crypto.ts.
 * NIK, phone and name are personal data: never logged, never shown to viewers.
 */
export const person = pgTable(
  'person',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: codeText().notNull(),
    name: text().notNull(),
    nikCipher: text(),
    nikHash: codeText(),
    /** Two-digit birth year from the NIK (digits 11–12), kept for the age-band indicator. */
    nikBirthYy: smallint(),
    /** E.164 (`+628…`), encrypted. */
    phoneCipher: text(),
    phoneHash: codeText(),
    email: text(),
    /** Set when personal fields were irreversibly removed (deletion request or retention). */
    anonymisedAt: timestamp({ withTimezone: true }),
    gender: gender(),
    kind: personKind().notNull().default('msme_owner'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('person_key_uq').on(t.key),
    // A known NIK is the identity: the key index then also keeps NIKs unique and finds them.
    check('person_nik_hash_key_ck', sql`${t.nikHash} is null or ${t.key} = 'nik:' || ${t.nikHash}`),
    index('person_phone_hash_idx').on(t.phoneHash),
    // Finds a person by email for the self-service data page; most imported people have none.
    index('person_email_idx').on(t.email).where(sql`${t.email} is not null`),
  ],
);

/**
 * One business nationally (the registry counts unique MSMEs across programmes). Same key as its owner.
 * No foreign keys here or on enrolment: under Citus these large tables are distributed and cannot
 * reference each other, and FK triggers would triple the cost of a 370,000-row import. The import
 * and the services are the only writers and always resolve the referenced rows first.
 */
export const msme = pgTable(
  'msme',
  {
    id: uuid().primaryKey().defaultRandom(),
    key: codeText().notNull(),
    ownerPersonId: uuid().notNull(),
    businessName: text().notNull(),
    /** 13 digits */
    nib: codeText(),
    sector: codeText().notNull().default('lainnya'),
    address: text(),
    /** Kemendagri regency code, validated against `region` by the import and the services. */
    regencyCode: codeText(),
    provinceCode: codeText(),
    /** Digital maturity 0–4 (see DESIGN.md); null until assessed. */
    maturityLevel: smallint(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('msme_key_uq').on(t.key),
    index('msme_regency_idx').on(t.regencyCode, t.sector),
  ],
);

export const enrolmentSource = pgEnum('enrolment_source', ['import', 'self', 'referral', 'manual']);
export const enrolmentStatus = pgEnum('enrolment_status', ['registered', 'invited', 'confirmed', 'attending', 'completed', 'withdrawn']);

/** A person (and their MSME) in a programme. */
export const enrolment = pgTable(
  'enrolment',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order, for stable paging. */
    seq: bigserial({ mode: 'number' }).notNull(),
    programmeId: uuid().notNull(),
    personId: uuid().notNull(),
    msmeId: uuid(),
    source: enrolmentSource().notNull(),
    status: enrolmentStatus().notNull().default('registered'),
    /** Status Aktif from the roster; null when unknown. */
    active: boolean(),
    /** Bersedia ikut pelatihan; null when unknown. */
    willing: boolean(),
    importJobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Person first: the same index finds a person's enrolments and keeps one per programme.
    uniqueIndex('enrolment_person_programme_uq').on(t.personId, t.programmeId),
    index('enrolment_programme_seq_idx').on(t.programmeId, t.seq),
  ],
);
