import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisation } from './accounts.ts';
import { region } from './reference.ts';

export const programmeStatus = pgEnum('programme_status', ['draft', 'active', 'completed', 'archived']);

export const programme = pgTable(
  'programme',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Unique, upper-case, e.g. `JAKPRENEUR-2024`. */
    code: text().notNull(),
    name: text().notNull(),
    description: text(),
    ownerOrganisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    startDate: date({ mode: 'string' }),
    endDate: date({ mode: 'string' }),
    status: programmeStatus().notNull().default('draft'),
    /** Set when this programme was created by "replicate programme". */
    replicatedFromId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('programme_code_uq').on(t.code),
    index('programme_owner_idx').on(t.ownerOrganisationId),
    check('programme_dates_ck', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Uploaded files (MoU PDFs, later materials), stored in the database so that backups hold everything. */
export const document = pgTable(
  'document',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    filename: text().notNull(),
    contentType: text().notNull(),
    /** bytes */
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_programme_idx').on(t.programmeId)],
);

export const partnerRole = pgEnum('partner_role', ['lead', 'implementing', 'strategic', 'infrastructure', 'funding', 'oversight', 'other']);

/** A programme × organisation with its role and MoU. */
export const partnership = pgTable(
  'partnership',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    role: partnerRole().notNull().default('implementing'),
    mouNumber: text(),
    mouSignedOn: date({ mode: 'string' }),
    mouScope: text(),
    mouDocumentId: uuid().references(() => document.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('partnership_programme_org_uq').on(t.programmeId, t.organisationId),
    index('partnership_org_idx').on(t.organisationId),
  ],
);

export const siteType = pgEnum('site_type', ['sentra_ekraf', 'destinasi_wisata', 'desa_wisata', 'kabupaten_kota', 'online']);

export const site = pgTable(
  'site',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    name: text().notNull(),
    type: siteType().notNull(),
    regionCode: text()
      .notNull()
      .references(() => region.code),
    address: text(),
    /** Demo data: the source articles do not give this site's name. */
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('site_programme_idx').on(t.programmeId), index('site_region_idx').on(t.regionCode)],
);

export const targetGender = pgEnum('target_gender', ['female', 'male']);

/** A target value for an indicator, optionally narrowed to a site, region, sector, gender or period. */
export const target = pgTable(
  'target',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    /** Indicator code from src/core/indicators.ts, e.g. `msme_trained`. */
    indicator: text().notNull(),
    value: numeric({ mode: 'number' }).notNull(),
    siteId: uuid().references(() => site.id),
    regionCode: text().references(() => region.code),
    sector: text(),
    gender: targetGender(),
    periodStart: date({ mode: 'string' }),
    periodEnd: date({ mode: 'string' }),
    notes: text(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('target_programme_idx').on(t.programmeId),
    check('target_value_ck', sql`${t.value} >= 0`),
    check('target_period_ck', sql`${t.periodEnd} is null or ${t.periodStart} is null or ${t.periodEnd} >= ${t.periodStart}`),
  ],
);
