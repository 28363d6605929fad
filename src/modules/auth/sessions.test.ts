import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenDigest } from '../../core/tokens.ts';
import { appUser, auditEvent, authSession } from '../../db/schema/index.ts';
import { makeUser, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { CSRF_HEADERS, createTestApp, nextAddress, type TestApp } from '../../../test/support/test-app.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

/** Signs in (optionally presenting an existing session cookie) and returns the new token. */
async function signIn(email: string, password = TEST_PASSWORD, presented?: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: nextAddress(),
    headers: presented ? { cookie: `berdaya_sid=${presented}` } : {},
  });
  expect(res.statusCode, res.body).toBe(200);
  const token = res.cookies.find((c) => c.name === 'berdaya_sid')?.value;
  if (!token) throw new Error('no session cookie');
  return token;
}

const as = (token: string) => ({ cookie: `berdaya_sid=${token}`, ...CSRF_HEADERS });
const programmesStatus = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/programs', headers: as(token) })).statusCode;
const sessionRow = async (token: string) => (await t.ctx.db.select().from(authSession).where(eq(authSession.id, tokenDigest(token))))[0];
/** The "controllable clock": sessions are aged by moving their timestamps back in the database. */
const age = (token: string, values: Partial<typeof authSession.$inferInsert>) => t.ctx.db.update(authSession).set(values).where(eq(authSession.id, tokenDigest(token)));

describe('session rotation', () => {
  it('issues a new session id at every sign-in and revokes the session cookie presented with it', async () => {
    const user = await makeUser(t.ctx.db, { role: 'program_manager' });
    const first = await signIn(user.email);
    const second = await signIn(user.email, TEST_PASSWORD, first);
    expect(second).not.toBe(first);
    expect(await programmesStatus(first)).toBe(401);
    expect(await programmesStatus(second)).toBe(200);
    expect(await t.ctx.db.select().from(authSession).where(eq(authSession.userId, user.id))).toHaveLength(1);
  });

  it('revokes a planted session (fixation): a cookie of someone else presented at sign-in stops working', async () => {
    const attacker = await makeUser(t.ctx.db, { role: 'viewer' });
    const victim = await makeUser(t.ctx.db, { role: 'admin' });
    const planted = await signIn(attacker.email);
    const victimToken = await signIn(victim.email, TEST_PASSWORD, planted);
    expect(await programmesStatus(planted)).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: as(victimToken) });
    expect(me.json().user.id).toBe(victim.id);
  });

  it('keeps the current session on a wrong password (nothing is rotated without a sign-in)', async () => {
    const user = await makeUser(t.ctx.db, { role: 'trainer' });
    const token = await signIn(user.email);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'bukan-ini-123' }, remoteAddress: nextAddress(), headers: { cookie: `berdaya_sid=${token}` } });
    expect(wrong.statusCode).toBe(401);
    expect(await programmesStatus(token)).toBe(200);
  });
});

describe('session timeouts', () => {
  it(`ends a session idle for more than ${SESSION_IDLE_MS / 3_600_000} hours, and activity keeps it alive`, async () => {
    const user = await makeUser(t.ctx.db, { role: 'viewer' });
    const token = await signIn(user.email);

    await age(token, { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS + MINUTE) });
    expect(await programmesStatus(token)).toBe(200);
    const touched = await sessionRow(token);
    expect(Date.now() - (touched?.lastSeenAt.getTime() ?? 0)).toBeLessThan(MINUTE);

    await age(token, { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - MINUTE) });
    expect(await programmesStatus(token)).toBe(401);
    expect(await sessionRow(token)).toBeUndefined();
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: as(token) });
    expect(me.json()).toEqual({ user: null });
  });

  it(`ends a session ${SESSION_ABSOLUTE_MS / 3_600_000} hours after sign-in however active it is`, async () => {
    const user = await makeUser(t.ctx.db, { role: 'viewer' });
    const started = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress() });
    const cookie = res.cookies.find((c) => c.name === 'berdaya_sid');
    expect(cookie?.maxAge).toBe(SESSION_ABSOLUTE_MS / 1000);
    const token = cookie?.value ?? '';
    const row = await sessionRow(token);
    expect(Math.abs((row?.expiresAt.getTime() ?? 0) - started - SESSION_ABSOLUTE_MS)).toBeLessThan(MINUTE);

    // 11 h 59 min in, active a minute ago: still valid.
    await age(token, { createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS + MINUTE), expiresAt: new Date(Date.now() + MINUTE), lastSeenAt: new Date(Date.now() - MINUTE) });
    expect(await programmesStatus(token)).toBe(200);
    // 12 h 1 min in, active a minute ago: over.
    await age(token, { createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - MINUTE), expiresAt: new Date(Date.now() - MINUTE), lastSeenAt: new Date(Date.now() - MINUTE) });
    expect(await programmesStatus(token)).toBe(401);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the caller on every device, and no one else\'s', async () => {
    const user = await makeUser(t.ctx.db, { role: 'partner_coordinator' });
    const other = await makeUser(t.ctx.db, { role: 'partner_coordinator' });
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);
    const bystander = await signIn(other.email);

    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: as(phone) });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'berdaya_sid')?.value).toBe('');
    expect(await programmesStatus(laptop)).toBe(401);
    expect(await programmesStatus(phone)).toBe(401);
    expect(await programmesStatus(bystander)).toBe(200);
    expect(await t.ctx.db.select().from(authSession).where(eq(authSession.userId, user.id))).toHaveLength(0);
    const [event] = await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'auth.logout_all'), eq(auditEvent.actorUserId, user.id)));
    expect(event?.details).toEqual({ sessions: 2 });
  });
});

describe('changing the password', () => {
  it('needs the current password, ends every session, and keeps the caller signed in with a new one', async () => {
    const user = await makeUser(t.ctx.db, { role: 'program_manager' });
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);
    const change = (token: string, body: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { ...as(token), ...headers }, payload: body });

    const wrong = await change(laptop, { currentPassword: 'bukan-sandinya', newPassword: 'sandi-baru-yang-panjang' }, { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'The current password is wrong' });
    const short = await change(laptop, { currentPassword: TEST_PASSWORD, newPassword: 'pendek' });
    expect(short.json().error.fields).toEqual({ newPassword: 'Kata sandi minimal 10 karakter' });
    const same = await change(laptop, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().error.fields).toEqual({ newPassword: 'Kata sandi baru harus berbeda dari kata sandi saat ini' });
    expect(await programmesStatus(phone)).toBe(200);

    const done = await change(laptop, { currentPassword: TEST_PASSWORD, newPassword: 'sandi-baru-yang-panjang' });
    expect(done.statusCode).toBe(204);
    const fresh = done.cookies.find((c) => c.name === 'berdaya_sid')?.value ?? '';
    expect(fresh).not.toBe(laptop);
    expect(await programmesStatus(laptop)).toBe(401);
    expect(await programmesStatus(phone)).toBe(401);
    expect(await programmesStatus(fresh)).toBe(200);

    const [row] = await t.ctx.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const login = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password }, remoteAddress: nextAddress() });
    expect((await login(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('sandi-baru-yang-panjang')).statusCode).toBe(200);
    const events = await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'auth.password_changed'), eq(auditEvent.entityId, user.id)));
    expect(events.map((e) => e.details)).toEqual([{ sessionsEnded: 2 }]);
  });

  it('counts wrong current passwords towards the account lock (a stolen session cannot guess the password)', async () => {
    const user = await makeUser(t.ctx.db, { role: 'viewer' });
    const token = await signIn(user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: as(token), payload: { currentPassword: `tebakan-${i}`, newPassword: 'sandi-baru-yang-panjang' } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const [row] = await t.ctx.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });
});
