import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { can } from '../../core/policy.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { containsPattern, isUniqueViolation } from '../../db/errors.ts';
import { organisation, partnership, programme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import type { CreateOrganisationInput, ListOrganisationsQuery, OrganisationView, UpdateOrganisationInput } from './schema.ts';

/** Programmes an organisation owns or partners in. */
// Written out with explicit table names: inside this subquery an unqualified "id" would mean p.id.
const programmeCount = sql<number>`(select count(distinct p.id)::int from ${programme} p
  where p.owner_organisation_id = "organisation"."id"
     or exists (select 1 from ${partnership} pa where pa.programme_id = p.id and pa.organisation_id = "organisation"."id" and pa.archived_at is null))`;

function toView(r: { organisation: typeof organisation.$inferSelect; programmeCount: number }): OrganisationView {
  const o = r.organisation;
  return { id: o.id, name: o.name, shortName: o.shortName, kind: o.kind, website: o.website, programmeCount: Number(r.programmeCount), archivedAt: o.archivedAt?.toISOString() ?? null };
}

async function organisationById(db: DbOrTx, id: string): Promise<OrganisationView> {
  const [row] = await db.select({ organisation, programmeCount }).from(organisation).where(eq(organisation.id, id));
  if (!row) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'organisation' } });
  return toView(row);
}

function nameTaken(): AppError {
  return new AppError('conflict', 'errors.validation', { fields: { name: 'errors.field.organisationNameTaken' } });
}

/** Organisations are reference data shared by programmes: every signed-in role may list them. */
export async function listOrganisations(options: { db: Db; query: ListOrganisationsQuery }) {
  const { db, query } = options;
  const conditions: (SQL | undefined)[] = [];
  if (!query.includeArchived) conditions.push(isNull(organisation.archivedAt));
  if (query.kind) conditions.push(eq(organisation.kind, query.kind));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(organisation.name, pattern), ilike(organisation.shortName, pattern)));
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(organisation).where(where);
  const rows = await db.select({ organisation, programmeCount }).from(organisation).where(where).orderBy(asc(organisation.name)).limit(query.pageSize).offset(offsetOf(query));
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getOrganisation(options: { db: Db; id: string }): Promise<OrganisationView> {
  return organisationById(options.db, options.id);
}

export async function createOrganisation(options: { db: Db; actor: SessionActor; input: CreateOrganisationInput }): Promise<OrganisationView> {
  const { db, actor, input } = options;
  if (!can(actor, 'organisation.manage')) throw new AppError('forbidden', 'errors.forbidden');
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(organisation)
        .values({ name: input.name, shortName: input.shortName ?? null, kind: input.kind, website: input.website ?? null })
        .returning({ id: organisation.id });
      if (!created) throw new Error('insert returned no row');
      await recordAudit(tx, { actorUserId: actor.userId, action: 'organisation.create', entityType: 'organisation', entityId: created.id, details: { kind: input.kind } });
      return organisationById(tx, created.id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organisation_name_uq')) throw nameTaken();
    throw error;
  }
}

export async function updateOrganisation(options: { db: Db; actor: SessionActor; id: string; input: UpdateOrganisationInput }): Promise<OrganisationView> {
  const { db, actor, id, input } = options;
  if (!can(actor, 'organisation.manage')) throw new AppError('forbidden', 'errors.forbidden');
  try {
    return await db.transaction(async (tx) => {
      const current = await organisationById(tx, id);
      const { archived, ...fields } = input;
      await tx
        .update(organisation)
        .set({
          ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          ...(archived === true && !current.archivedAt ? { archivedAt: new Date() } : {}),
          ...(archived === false ? { archivedAt: null } : {}),
          updatedAt: new Date(),
        })
        .where(eq(organisation.id, id));
      const action = archived === true ? 'organisation.archive' : archived === false ? 'organisation.restore' : 'organisation.update';
      await recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'organisation', entityId: id, details: { fields: Object.keys(input) } });
      return organisationById(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organisation_name_uq')) throw nameTaken();
    throw error;
  }
}
