import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { can } from '../../core/policy.ts';
import { newToken, tokenDigest } from '../../core/tokens.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { containsPattern, isUniqueViolation } from '../../db/errors.ts';
import { appUser, authSession, organisation, programme, userInvite, userProgramme } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { offsetOf } from '../../server/schema-helpers.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationExists } from '../programmes/service.ts';
import type { InviteUserInput, ListUsersQuery, UpdateUserInput, UserView } from './schema.ts';

/** Invitation links stay valid for a week. */
export const INVITE_VALID_MS = 7 * 24 * 60 * 60 * 1000;

async function toViews(db: DbOrTx, rows: { user: typeof appUser.$inferSelect; orgName: string | null }[]): Promise<UserView[]> {
  const ids = rows.map((r) => r.user.id);
  const memberships = ids.length
    ? await db
        .select({ userId: userProgramme.userId, id: programme.id, code: programme.code, name: programme.name })
        .from(userProgramme)
        .innerJoin(programme, eq(programme.id, userProgramme.programmeId))
        .where(inArray(userProgramme.userId, ids))
        .orderBy(asc(programme.code))
    : [];
  return rows.map(({ user: u, orgName }) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisation: u.organisationId && orgName !== null ? { id: u.organisationId, name: orgName } : null,
    active: u.active,
    invitePending: u.passwordHash === null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    programmes: memberships.filter((m) => m.userId === u.id).map(({ id, code, name }) => ({ id, code, name })),
  }));
}

function selectUsers(db: DbOrTx) {
  return db.select({ user: appUser, orgName: organisation.name }).from(appUser).leftJoin(organisation, eq(organisation.id, appUser.organisationId));
}

async function userById(db: DbOrTx, id: string): Promise<UserView> {
  const rows = await selectUsers(db).where(eq(appUser.id, id));
  const [view] = await toViews(db, rows);
  if (!view) throw new AppError('not_found', 'errors.notFound', { params: { entity: 'user' } });
  return view;
}

/** Admins see every account; programme managers see people of their organisation and of their programmes. */
function visibleUsers(actor: SessionActor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  return or(
    actor.organisationId ? eq(appUser.organisationId, actor.organisationId) : undefined,
    sql`exists (select 1 from ${userProgramme} a join ${userProgramme} b on a.programme_id = b.programme_id
                where a.user_id = ${actor.userId} and b.user_id = ${appUser.id})`,
    eq(appUser.id, actor.userId),
  );
}

export async function listUsers(options: { db: Db; actor: SessionActor; query: ListUsersQuery }) {
  const { db, actor, query } = options;
  if (!can(actor, 'user.read')) throw new AppError('forbidden', 'errors.forbidden');
  const conditions: (SQL | undefined)[] = [visibleUsers(actor)];
  if (query.role) conditions.push(eq(appUser.role, query.role));
  if (query.organisationId) conditions.push(eq(appUser.organisationId, query.organisationId));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(or(ilike(appUser.email, pattern), ilike(appUser.name, pattern)));
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(appUser).where(where);
  const rows = await selectUsers(db).where(where).orderBy(asc(appUser.name)).limit(query.pageSize).offset(offsetOf(query));
  return { items: await toViews(db, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

async function assertProgrammesExist(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.select({ id: programme.id }).from(programme).where(inArray(programme.id, ids));
  const known = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) throw new AppError('validation', 'errors.validation', { fields: { [`programmeIds.${missing}`]: 'errors.field.programmeUnknown' } });
}

async function issueInvite(db: DbOrTx, userId: string): Promise<string> {
  const token = newToken();
  await db.insert(userInvite).values({ id: tokenDigest(token), userId, expiresAt: new Date(Date.now() + INVITE_VALID_MS) });
  return token;
}

function emailTaken(): AppError {
  return new AppError('conflict', 'errors.validation', { fields: { email: 'errors.field.emailTaken' } });
}

/** Creates an account without a password and returns a one-time link token to set it. */
export async function inviteUser(options: { db: Db; actor: SessionActor; input: InviteUserInput }): Promise<{ user: UserView; token: string }> {
  const { db, actor, input } = options;
  if (!can(actor, 'user.manage')) throw new AppError('forbidden', 'errors.forbidden');
  const programmeIds = [...new Set(input.programmeIds)];
  try {
    return await db.transaction(async (tx) => {
      if (input.organisationId) await assertOrganisationExists(tx, input.organisationId, 'organisationId');
      await assertProgrammesExist(tx, programmeIds);
      const [existing] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, input.email));
      if (existing) throw emailTaken();
      const [created] = await tx
        .insert(appUser)
        .values({ email: input.email, name: input.name, role: input.role, organisationId: input.organisationId ?? null })
        .returning({ id: appUser.id });
      if (!created) throw new Error('insert returned no row');
      if (programmeIds.length) await tx.insert(userProgramme).values(programmeIds.map((programmeId) => ({ userId: created.id, programmeId })));
      const token = await issueInvite(tx, created.id);
      await recordAudit(tx, { actorUserId: actor.userId, action: 'user.invite', entityType: 'user', entityId: created.id, details: { role: input.role, programmeIds } });
      return { user: await userById(tx, created.id), token };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'app_user_email_uq')) throw emailTaken();
    throw error;
  }
}

export async function reissueInvite(options: { db: Db; actor: SessionActor; id: string }): Promise<{ user: UserView; token: string }> {
  const { db, actor, id } = options;
  if (!can(actor, 'user.manage')) throw new AppError('forbidden', 'errors.forbidden');
  return db.transaction(async (tx) => {
    const user = await userById(tx, id);
    const token = await issueInvite(tx, id);
    await recordAudit(tx, { actorUserId: actor.userId, action: 'user.reinvite', entityType: 'user', entityId: id });
    return { user, token };
  });
}

export async function updateUser(options: { db: Db; actor: SessionActor; id: string; input: UpdateUserInput }): Promise<UserView> {
  const { db, actor, id, input } = options;
  if (!can(actor, 'user.manage')) throw new AppError('forbidden', 'errors.forbidden');
  if (id === actor.userId && ((input.role !== undefined && input.role !== actor.role) || input.active === false)) {
    throw new AppError('bad_request', 'errors.user.cannotDemoteSelf');
  }
  return db.transaction(async (tx) => {
    await userById(tx, id);
    if (input.organisationId) await assertOrganisationExists(tx, input.organisationId, 'organisationId');
    const { programmeIds, ...fields } = input;
    await tx
      .update(appUser)
      .set({ ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), updatedAt: new Date() })
      .where(eq(appUser.id, id));
    if (programmeIds) {
      const unique = [...new Set(programmeIds)];
      await assertProgrammesExist(tx, unique);
      await tx.delete(userProgramme).where(eq(userProgramme.userId, id));
      if (unique.length) await tx.insert(userProgramme).values(unique.map((programmeId) => ({ userId: id, programmeId })));
    }
    // A role change or deactivation takes effect at once: end the user's sessions.
    if (input.active === false || input.role !== undefined) await tx.delete(authSession).where(eq(authSession.userId, id));
    await recordAudit(tx, { actorUserId: actor.userId, action: 'user.update', entityType: 'user', entityId: id, details: { fields: Object.keys(input), role: input.role } });
    return userById(tx, id);
  });
}
