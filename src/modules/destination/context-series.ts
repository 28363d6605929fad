import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import type { Actor } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { contextSeries } from '../../db/schema/index.ts';
import { authorizeProgramme } from '../programmes/access.ts';

export type ContextUnit = (typeof contextSeries.$inferSelect)['unit'];

/** The standard series every programme sees (written on migrate, codes stable). */
export const STANDARD_CONTEXT_SERIES: { code: string; nameId: string; nameEn: string; unit: ContextUnit; defaultSource: string }[] = [
  { code: 'tourist_visits_domestic', nameId: 'Kunjungan wisatawan nusantara', nameEn: 'Domestic tourist visits', unit: 'count', defaultSource: 'BPS / Dinas Pariwisata' },
  { code: 'tourist_visits_foreign', nameId: 'Kunjungan wisatawan mancanegara', nameEn: 'Foreign tourist visits', unit: 'count', defaultSource: 'BPS / Dinas Pariwisata' },
  { code: 'tourist_visits_total', nameId: 'Kunjungan wisatawan (total)', nameEn: 'Tourist visits (total)', unit: 'count', defaultSource: 'BPS / Dinas Pariwisata' },
  { code: 'hotel_occupancy', nameId: 'Tingkat penghunian kamar hotel', nameEn: 'Hotel room occupancy', unit: 'percent', defaultSource: 'BPS' },
];

export async function ensureStandardContextSeries(db: DbOrTx): Promise<void> {
  await db
    .insert(contextSeries)
    .values(STANDARD_CONTEXT_SERIES.map((s) => ({ ...s, programmeId: null })))
    .onConflictDoNothing();
}

export type ContextSeriesView = { id: string; code: string; name: { id: string; en: string }; unit: ContextUnit; defaultSource: string | null; standard: boolean };

const toView = (r: typeof contextSeries.$inferSelect): ContextSeriesView => ({
  id: r.id,
  code: r.code,
  name: { id: r.nameId, en: r.nameEn },
  unit: r.unit,
  defaultSource: r.defaultSource,
  standard: r.programmeId === null,
});

/** Standard series, then the programme's own. */
export async function seriesOf(db: DbOrTx, programmeId: string): Promise<ContextSeriesView[]> {
  const rows = await db
    .select()
    .from(contextSeries)
    .where(or(isNull(contextSeries.programmeId), eq(contextSeries.programmeId, programmeId)))
    .orderBy(sql`${contextSeries.programmeId} IS NOT NULL`, asc(contextSeries.code));
  return rows.map(toView);
}

export async function listContextSeries(options: { db: DbOrTx; actor: Actor; programmeId: string }) {
  await authorizeProgramme(options.db, options.actor, options.programmeId, 'programme.read');
  return { items: await seriesOf(options.db, options.programmeId) };
}

export async function createContextSeries(options: {
  db: DbOrTx;
  actor: Actor;
  programmeId: string;
  input: { code: string; name: { id: string; en: string }; unit: ContextUnit; defaultSource?: string | null };
}): Promise<ContextSeriesView> {
  const { db, actor, programmeId, input } = options;
  await authorizeProgramme(db, actor, programmeId, 'context.manage');
  const taken = await db
    .select({ id: contextSeries.id })
    .from(contextSeries)
    .where(and(eq(contextSeries.code, input.code), or(isNull(contextSeries.programmeId), eq(contextSeries.programmeId, programmeId))));
  if (taken.length) throw new AppError('conflict', 'errors.validation', { fields: { code: 'errors.context.seriesCodeTaken' } });
  const [row] = await db
    .insert(contextSeries)
    .values({ programmeId, code: input.code, nameId: input.name.id, nameEn: input.name.en, unit: input.unit, defaultSource: input.defaultSource ?? null, createdBy: actor.userId })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toView(row);
}
