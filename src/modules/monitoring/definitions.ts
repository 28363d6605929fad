import { desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { dimensionsOf, indicatorSpec, STANDARD_INDICATORS, type Dimension, type IndicatorSpec } from '../../core/indicator-spec.ts';
import type { DbOrTx } from '../../db/client.ts';
import { indicatorDefinition } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';

export type IndicatorDefinition = {
  id: string;
  code: string;
  version: number;
  name: { id: string; en: string };
  description: { id: string; en: string };
  unit: string;
  spec: IndicatorSpec;
  disaggregations: Dimension[];
  createdAt: string;
};

function toDefinition(row: typeof indicatorDefinition.$inferSelect): IndicatorDefinition {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    description: row.description,
    unit: row.unit,
    spec: indicatorSpec.parse(row.spec),
    disaggregations: row.disaggregations as Dimension[],
    createdAt: row.createdAt.toISOString(),
  };
}

/** Writes version 1 of every standard indicator that has no definition yet (run with the migrations). */
export async function ensureStandardIndicators(db: DbOrTx): Promise<void> {
  await db
    .insert(indicatorDefinition)
    .values(
      STANDARD_INDICATORS.map((d) => ({
        code: d.code,
        version: 1,
        name: d.name,
        description: d.description,
        unit: d.unit,
        spec: d.spec as Record<string, unknown>,
        disaggregations: [...dimensionsOf(d.spec)],
      })),
    )
    .onConflictDoNothing();
}

/** The newest version of every indicator. */
export async function currentDefinitions(db: DbOrTx): Promise<IndicatorDefinition[]> {
  const rows = await db.execute<typeof indicatorDefinition.$inferSelect>(sql`
    SELECT DISTINCT ON (code) id, code, version, name, description, unit, spec, disaggregations, created_by AS "createdBy", created_at AS "createdAt"
    FROM indicator_definition ORDER BY code, version DESC`);
  return (rows as unknown as { rows: (typeof indicatorDefinition.$inferSelect)[] }).rows.map((r) => toDefinition({ ...r, createdAt: new Date(r.createdAt) }));
}

export async function definitionHistory(db: DbOrTx, code: string): Promise<IndicatorDefinition[]> {
  const rows = await db.select().from(indicatorDefinition).where(eq(indicatorDefinition.code, code)).orderBy(desc(indicatorDefinition.version));
  if (rows.length === 0) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'indicator' } });
  return rows.map(toDefinition);
}

/** A changed definition is a new version; earlier values stay explained by the version they name. */
export async function reviseDefinition(options: {
  db: DbOrTx;
  actor: SessionActor;
  code: string;
  input: { name: { id: string; en: string }; description: { id: string; en: string }; unit: string; spec: IndicatorSpec };
}): Promise<IndicatorDefinition> {
  const { db, actor, code, input } = options;
  const [latest] = await db.select().from(indicatorDefinition).where(eq(indicatorDefinition.code, code)).orderBy(desc(indicatorDefinition.version)).limit(1);
  if (!latest) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'indicator' } });
  const [created] = await db
    .insert(indicatorDefinition)
    .values({
      code,
      version: latest.version + 1,
      name: input.name,
      description: input.description,
      unit: input.unit,
      spec: input.spec as Record<string, unknown>,
      disaggregations: [...dimensionsOf(input.spec)],
      createdBy: actor.userId,
    })
    .returning();
  if (!created) throw new Error('insert returned no row');
  await recordAudit(db, { actorUserId: actor.userId, action: 'indicator.revise', entityType: 'indicator', entityId: code, details: { version: created.version } });
  return toDefinition(created);
}
