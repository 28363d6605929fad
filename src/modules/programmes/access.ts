import { and, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { canOnProgramme, type Actor, type ProgrammeAction, type ProgrammeRelation } from '../../core/policy.ts';
import type { DbOrTx } from '../../db/client.ts';
import { partnership, programme, userProgramme } from '../../db/schema/index.ts';
import { rowsOf } from '../../db/rows.ts';

export type ProgrammeRow = typeof programme.$inferSelect;

/** The caller's relation to a programme (one query, the same rule as `relationColumns`). */
export async function programmeRelation(db: DbOrTx, actor: Actor, row: ProgrammeRow): Promise<ProgrammeRelation> {
  const [relation] = rowsOf<RelationColumns>(await db.execute(sql`SELECT ${relationColumns(actor, sql`p`)} FROM ${programme} p WHERE p.id = ${row.id}`));
  return relationOf(relation ?? { rel_owner: false, rel_member: false, rel_partner: false });
}

/**
 * `programmeRelation` as columns of a batch query over programme rows (`programme`: the SQL name
 * or alias of the programme table in that query), read back with `relationOf`: the offline sync
 * checks the caller's right on every session of a batch with the sessions themselves, in one query.
 */
export function relationColumns(actor: Actor, programme: SQL): SQL {
  const organisationId = actor.organisationId ?? null;
  return sql`(${organisationId}::uuid IS NOT NULL AND ${programme}.owner_organisation_id = ${organisationId}::uuid) AS rel_owner,
    exists (select 1 from ${userProgramme} up where up.user_id = ${actor.userId} and up.programme_id = ${programme}.id) AS rel_member,
    exists (select 1 from ${partnership} pa where pa.programme_id = ${programme}.id and pa.organisation_id = ${organisationId}::uuid and pa.archived_at is null) AS rel_partner`;
}

export type RelationColumns = { rel_owner: boolean; rel_member: boolean; rel_partner: boolean };

export function relationOf(row: RelationColumns): ProgrammeRelation {
  return { member: Boolean(row.rel_member), ownerOrganisation: Boolean(row.rel_owner), partnerOrganisation: Boolean(row.rel_partner) };
}

/**
 * Loads a programme the caller may act on. A programme the caller cannot see is
 * reported as not found, never as forbidden, so that ids do not leak existence.
 */
export async function authorizeProgramme(db: DbOrTx, actor: Actor, programmeId: string, action: ProgrammeAction): Promise<ProgrammeRow> {
  const [row] = await db.select().from(programme).where(eq(programme.id, programmeId));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  const decision = canOnProgramme(actor, action, await programmeRelation(db, actor, row));
  if (decision === 'not_found') throw new AppError('not_found', 'errors.notFound', { params: { entity: 'programme' } });
  if (decision === 'forbidden') throw new AppError('forbidden', 'errors.forbidden');
  return row;
}

/** SQL condition restricting `programme` rows to those the caller may see (mirrors canSeeProgramme). */
export function visibleProgrammes(actor: Actor): SQL | undefined {
  const member = exists(
    sql`(select 1 from ${userProgramme} where ${userProgramme.userId} = ${actor.userId} and ${userProgramme.programmeId} = ${programme.id})`,
  );
  const owner = actor.organisationId ? eq(programme.ownerOrganisationId, actor.organisationId) : undefined;
  const partner = actor.organisationId
    ? exists(
        sql`(select 1 from ${partnership} where ${partnership.programmeId} = ${programme.id} and ${partnership.organisationId} = ${actor.organisationId} and ${partnership.archivedAt} is null)`,
      )
    : undefined;
  switch (actor.role) {
    case 'admin':
    case 'viewer':
      return undefined;
    case 'program_manager':
      return or(member, owner);
    case 'partner_coordinator':
      return or(member, owner, partner);
    case 'trainer':
      return member;
  }
}

/** Ids of the given programmes that the caller may see. */
export async function filterVisibleProgrammeIds(db: DbOrTx, actor: Actor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: programme.id })
    .from(programme)
    .where(and(inArray(programme.id, ids), visibleProgrammes(actor)));
  return rows.map((r) => r.id);
}
