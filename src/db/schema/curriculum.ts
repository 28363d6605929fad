import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { document, programme } from './programmes.ts';
import { codeText } from './types.ts';

/** The six topics of the Jalin Nusantara curriculum. */
export const moduleTopic = pgEnum('module_topic', ['literasi_digital', 'bisnis', 'keuangan_dasar', 'pembuatan_konten', 'pemasaran_digital', 'praktik_ecommerce']);

/** A curriculum unit of a programme. */
export const curriculumModule = pgTable(
  'curriculum_module',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    /** Unique within the programme, upper-case, e.g. `JN-LD`. */
    code: codeText().notNull(),
    titleId: text().notNull(),
    titleEn: text().notNull(),
    topic: moduleTopic().notNull(),
    /** minutes */
    durationMinutes: integer().notNull(),
    description: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('curriculum_module_programme_code_uq').on(t.programmeId, t.code),
    check('curriculum_module_duration_ck', sql`${t.durationMinutes} > 0`),
  ],
);

export const materialKind = pgEnum('material_kind', ['link', 'file']);

/** Learning material of a module: a link, or an uploaded file kept in `document`. */
export const moduleMaterial = pgTable(
  'module_material',
  {
    id: uuid().primaryKey().defaultRandom(),
    programmeId: uuid()
      .notNull()
      .references(() => programme.id),
    moduleId: uuid()
      .notNull()
      .references(() => curriculumModule.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    kind: materialKind().notNull(),
    url: text(),
    documentId: uuid().references(() => document.id),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('module_material_module_idx').on(t.moduleId, t.sortOrder),
    check('module_material_kind_ck', sql`(${t.kind} = 'link' and ${t.url} is not null) or (${t.kind} = 'file' and ${t.documentId} is not null)`),
  ],
);

/** A programme's learning path: the completion rule; its ordered modules are in `learning_path_module`. */
export const learningPath = pgTable(
  'learning_path',
  {
    programmeId: uuid()
      .primaryKey()
      .references(() => programme.id),
    /** Minimum share of the path's minutes a participant must attend to complete it (1–100). */
    completionMinPercent: smallint().notNull().default(80),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('learning_path_percent_ck', sql`${t.completionMinPercent} between 1 and 100`)],
);

export const learningPathModule = pgTable(
  'learning_path_module',
  {
    programmeId: uuid()
      .notNull()
      .references(() => learningPath.programmeId, { onDelete: 'cascade' }),
    moduleId: uuid()
      .notNull()
      .references(() => curriculumModule.id),
    /** 1-based order in the path. */
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.moduleId] }), uniqueIndex('learning_path_module_position_uq').on(t.programmeId, t.position)],
);
