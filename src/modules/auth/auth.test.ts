import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appUser, authSession } from '../../db/schema/index.ts';
import { makeUser, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { MAX_FAILED_LOGINS } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });

describe('sign in and out', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie that authenticates later requests, and stores an argon2id hash', async () => {
    const user = await makeUser(t.ctx.db, { role: 'program_manager', email: 'Pengelola@Uji.id'.toLowerCase() });
    const res = await login('  PENGELOLA@uji.id ', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, role: 'program_manager' });
    const cookie = res.cookies.find((c) => c.name === 'berdaya_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `berdaya_sid=${cookie?.value}` } });
    expect(me.json().user.email).toBe('pengelola@uji.id');
    // The token itself is not stored, only its digest.
    const sessions = await t.ctx.db.select().from(authSession).where(eq(authSession.userId, user.id));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toBe(cookie?.value);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `berdaya_sid=${cookie?.value}`, 'x-berdaya-csrf': '1' } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `berdaya_sid=${cookie?.value}` } });
    expect(after.json()).toEqual({ user: null });
    const programmes = await t.app.inject({ method: 'GET', url: '/api/programs', headers: { cookie: `berdaya_sid=${cookie?.value}` } });
    expect(programmes.statusCode).toBe(401);
  });

  it('answers a wrong password or unknown email with the same 401, in the caller\'s language', async () => {
    const user = await makeUser(t.ctx.db, { role: 'viewer' });
    const wrong = await login(user.email, 'salah-sekali-123');
    const unknown = await login('tidak-ada@uji.id', 'salah-sekali-123', { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'unauthenticated', message: 'Email atau kata sandi salah' } });
    expect(unknown.json()).toEqual({ error: { code: 'unauthenticated', message: 'Wrong email or password' } });
    const viaCookie = await login('tidak-ada@uji.id', 'x', { cookie: 'berdaya_lang=en' });
    expect(viaCookie.json().error.message).toBe('Wrong email or password');
  });

  it('locks an account after repeated wrong passwords, even against the right one', async () => {
    const user = await makeUser(t.ctx.db, { role: 'trainer' });
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await login(user.email, `salah-${i}-xxxxxx`)).statusCode).toBe(401);
    const locking = await login(user.email, 'salah-terakhir-xx');
    expect(locking.statusCode).toBe(429);
    expect(locking.json().error.message).toMatch(/Terlalu banyak percobaan masuk yang gagal/);
    const right = await login(user.email, TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    const [row] = await t.ctx.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses deactivated accounts and ends their sessions', async () => {
    const admin = await t.signIn({ role: 'admin' });
    const user = await makeUser(t.ctx.db, { role: 'trainer' });
    const cookie = (await login(user.email, TEST_PASSWORD)).cookies.find((c) => c.name === 'berdaya_sid')?.value;
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/programs', headers: { cookie: `berdaya_sid=${cookie}` } })).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(403);
  });

  it('rejects malformed login bodies with field errors', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: '' } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['email', 'password']);
  });
});

describe('invitations', () => {
  it('lets an admin invite a user into an organisation and programmes; the link sets a password once', async () => {
    const admin = await t.signIn({ role: 'admin' });
    const org = (await admin.post('/api/organisations', { name: 'LSM Undangan', kind: 'ngo' })).json();
    const prog = (await admin.post('/api/programs', { code: 'UNDANG-1', name: 'Undangan', ownerOrganisationId: org.id })).json();
    const invited = await admin.post('/api/users', { email: 'Koordinator@LSM.id', name: 'Koordinator', role: 'partner_coordinator', organisationId: org.id, programmeIds: [prog.id] });
    expect(invited.statusCode).toBe(201);
    const { user, inviteUrl } = invited.json();
    expect(user).toMatchObject({ email: 'koordinator@lsm.id', invitePending: true, organisation: { id: org.id }, programmes: [{ id: prog.id, code: 'UNDANG-1' }] });
    const token = new URL(inviteUrl).hash.slice(1);
    expect(token.length).toBeGreaterThan(20);

    const short = await t.anonymous.post('/api/auth/accept-invite', { token, password: 'pendek' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual({ password: 'Kata sandi minimal 10 karakter' });
    const accepted = await t.anonymous.post('/api/auth/accept-invite', { token, name: 'Koordinator Baru', password: 'kata-sandi-baru-1' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.some((c) => c.name === 'berdaya_sid')).toBe(true);
    const again = await t.anonymous.post('/api/auth/accept-invite', { token, password: 'kata-sandi-lain-2' });
    expect(again.statusCode).toBe(404);
    expect((await login('koordinator@lsm.id', 'kata-sandi-baru-1')).statusCode).toBe(200);
    expect((await login('koordinator@lsm.id', 'kata-sandi-lain-2')).statusCode).toBe(401);

    const dup = await admin.post('/api/users', { email: 'koordinator@lsm.id', name: 'X', role: 'viewer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ email: 'Email sudah terdaftar' });
  });

  it('does not let non-admins manage users, nor an admin demote themself', async () => {
    const manager = await t.signIn({ role: 'program_manager' });
    expect((await manager.post('/api/users', { email: 'x@uji.id', name: 'X', role: 'admin' })).statusCode).toBe(403);
    const admin = await t.signIn({ role: 'admin' });
    const self = await admin.patch(`/api/users/${admin.userId}`, { role: 'viewer' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toMatch(/akun Anda sendiri/);
  });
});
