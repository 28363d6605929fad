import { index, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Kemendagri administrative areas: province `31`, regency `31.74`,
 * district `31.74.01`, village `31.74.01.1001`. Loaded from idn-area-data.
 * A small reference table (replicated, not distributed, under Citus).
 */
export const region = pgTable(
  'region',
  {
    code: text().primaryKey(),
    /** 1 province, 2 regency/city, 3 district, 4 village */
    level: smallint().notNull(),
    parentCode: text(),
    provinceCode: text().notNull(),
    /** Official name as published, e.g. `KOTA ADMINISTRASI JAKARTA SELATAN`. */
    name: text().notNull(),
    /** Lower-cased name without punctuation, for search. */
    searchName: text().notNull(),
  },
  (t) => [
    index('region_parent_idx').on(t.parentCode),
    index('region_level_idx').on(t.level, t.provinceCode),
    index('region_search_idx').on(t.searchName),
  ],
);
