import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { AppError } from '../../core/app-error.ts';
import { newToken, tokenDigest } from '../../core/tokens.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { appUser, authSession, userInvite } from '../../db/schema/index.ts';
import type { SessionActor } from '../../server/context.ts';
import { recordAudit } from '../audit/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { CurrentUser } from './schema.ts';

/** A session ends 12 hours after sign-in, or after 2 hours without activity. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

let dummyHash: Promise<string> | undefined;

export type LoginResult = { token: string; user: CurrentUser };

function toCurrentUser(u: typeof appUser.$inferSelect): CurrentUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisationId };
}

async function startSession(db: DbOrTx, userId: string): Promise<string> {
  const token = newToken();
  await db.insert(authSession).values({ id: tokenDigest(token), userId, expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS) });
  return token;
}

/** Ends the session of a cookie token, whoever it belongs to (a fresh sign-in never reuses one). */
async function revokeToken(db: DbOrTx, token: string | undefined): Promise<void> {
  if (token) await db.delete(authSession).where(eq(authSession.id, tokenDigest(token)));
}

/**
 * Checks a user's password, counting failures towards the account lock: MAX_FAILED_LOGINS wrong
 * passwords in a row lock the account for LOCK_MINUTES, whatever the route they came through.
 * Throws `rate_limited` while locked; returns whether the password was right.
 */
async function checkPassword(db: Db, user: typeof appUser.$inferSelect, password: string, failedAction: string): Promise<boolean> {
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000));
    throw new AppError('rate_limited', 'errors.login.locked', { params: { minutes } });
  }
  if (await verifyPassword(user.passwordHash, password)) return true;
  const failed = user.failedLogins + 1;
  const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
  await db
    .update(appUser)
    .set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
    .where(eq(appUser.id, user.id));
  await recordAudit(db, { actorUserId: user.id, action: lockedUntil ? 'auth.locked' : failedAction, entityType: 'user', entityId: user.id });
  if (lockedUntil) throw new AppError('rate_limited', 'errors.login.locked', { params: { minutes: LOCK_MINUTES } });
  return false;
}

/**
 * Signs a user in with a new session. A session cookie presented with the sign-in (`previousToken`)
 * is revoked: a session id is never carried across a sign-in (no session fixation).
 */
export async function loginUser(db: Db, options: { email: string; password: string; previousToken?: string }): Promise<LoginResult> {
  const email = options.email.trim().toLowerCase();
  const [user] = await db.select().from(appUser).where(eq(appUser.email, email));
  if (!user) {
    // Same work as a real check, so that timing does not reveal which emails exist.
    dummyHash ??= hashPassword(newToken());
    await verifyPassword(await dummyHash, options.password);
    throw new AppError('unauthenticated', 'errors.login.invalid');
  }
  if (!(await checkPassword(db, user, options.password, 'auth.login_failed'))) throw new AppError('unauthenticated', 'errors.login.invalid');
  if (!user.active) throw new AppError('forbidden', 'errors.login.inactive');
  await db.update(appUser).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(appUser.id, user.id));
  await revokeToken(db, options.previousToken);
  await purgeExpiredSessions(db);
  const token = await startSession(db, user.id);
  await recordAudit(db, { actorUserId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id });
  return { token, user: toCurrentUser(user) };
}

/** The signed-in user for a cookie token, or null when the session is unknown, expired or idle too long. */
export async function resolveSession(db: Db, token: string): Promise<SessionActor | null> {
  const id = tokenDigest(token);
  const now = new Date();
  const [row] = await db
    .select({ session: authSession, user: appUser })
    .from(authSession)
    .innerJoin(appUser, eq(appUser.id, authSession.userId))
    .where(and(eq(authSession.id, id), gt(authSession.expiresAt, now)));
  if (!row || !row.user.active) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.delete(authSession).where(eq(authSession.id, id));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(authSession).set({ lastSeenAt: now }).where(eq(authSession.id, id));
  }
  const u = row.user;
  return { userId: u.id, role: u.role, organisationId: u.organisationId, email: u.email, name: u.name, sessionId: id };
}

export async function logoutSession(db: Db, actor: SessionActor): Promise<void> {
  await db.delete(authSession).where(eq(authSession.id, actor.sessionId));
  await recordAudit(db, { actorUserId: actor.userId, action: 'auth.logout', entityType: 'user', entityId: actor.userId });
}

/** "Sign out everywhere": ends every session of the caller, this one included. */
export async function logoutEverywhere(db: Db, actor: SessionActor): Promise<number> {
  const ended = await db.delete(authSession).where(eq(authSession.userId, actor.userId)).returning({ id: authSession.id });
  await recordAudit(db, { actorUserId: actor.userId, action: 'auth.logout_all', entityType: 'user', entityId: actor.userId, details: { sessions: ended.length } });
  return ended.length;
}

/**
 * Changes the caller's password (argon2id) after checking the current one, which counts towards
 * the account lock like a sign-in. Every session of the user ends (a thief's too); the caller gets
 * a new one, returned as its cookie token.
 */
export async function changePassword(db: Db, options: { actor: SessionActor; currentPassword: string; newPassword: string }): Promise<string> {
  const { actor } = options;
  const [user] = await db.select().from(appUser).where(eq(appUser.id, actor.userId));
  if (!user) throw new AppError('unauthenticated', 'errors.unauthenticated');
  if (!(await checkPassword(db, user, options.currentPassword, 'auth.password_change_failed'))) {
    throw new AppError('validation', 'errors.validation', { fields: { currentPassword: 'errors.field.currentPasswordWrong' } });
  }
  if (options.newPassword === options.currentPassword) throw new AppError('validation', 'errors.validation', { fields: { newPassword: 'errors.field.passwordUnchanged' } });
  const passwordHash = await hashPassword(options.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: sql`now()` }).where(eq(appUser.id, user.id));
    const ended = await tx.delete(authSession).where(eq(authSession.userId, user.id)).returning({ id: authSession.id });
    const token = await startSession(tx, user.id);
    await recordAudit(tx, { actorUserId: user.id, action: 'auth.password_changed', entityType: 'user', entityId: user.id, details: { sessionsEnded: ended.length } });
    return token;
  });
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(authSession).where(lt(authSession.expiresAt, new Date()));
}

/** Sets the password of an invited user from their one-time link and signs them in. */
export async function acceptInvite(db: Db, options: { token: string; name?: string; password: string; previousToken?: string }): Promise<LoginResult> {
  const id = tokenDigest(options.token);
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(userInvite)
      .where(and(eq(userInvite.id, id), isNull(userInvite.usedAt), gt(userInvite.expiresAt, new Date())))
      .for('update');
    if (!invite) throw new AppError('not_found', 'errors.invite.invalid');
    await tx.update(userInvite).set({ usedAt: new Date() }).where(eq(userInvite.id, id));
    const [user] = await tx
      .update(appUser)
      .set({ passwordHash, ...(options.name ? { name: options.name } : {}), updatedAt: sql`now()` })
      .where(eq(appUser.id, invite.userId))
      .returning();
    if (!user) throw new AppError('not_found', 'errors.invite.invalid');
    await recordAudit(tx, { actorUserId: user.id, action: 'user.invite_accepted', entityType: 'user', entityId: user.id });
    await revokeToken(tx, options.previousToken);
    const token = await startSession(tx, user.id);
    return { token, user: toCurrentUser(user) };
  });
}
