import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appUser, auditEvent } from '../../db/schema/index.ts';
import { createTestApp, nextAddress, type TestApp } from '../../../test/support/test-app.ts';
import { DEMO_ADMIN_EMAIL, ensureFirstAdmin } from './bootstrap.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: nextAddress() });
const withAdmin = (adminEmail?: string, adminPassword?: string) => ({ ...t.ctx.config, adminEmail, adminPassword });

describe('first admin account', () => {
  it('is not created without BERDAYA_ADMIN_* outside the demo start', async () => {
    expect(await ensureFirstAdmin(t.ctx.db, withAdmin(), { demo: false })).toBeNull();
    expect(await t.ctx.db.select().from(appUser).where(eq(appUser.role, 'admin'))).toHaveLength(0);
  });

  it('on the demo start, creates admin@berdaya.local once with a generated password that signs in', async () => {
    const first = await ensureFirstAdmin(t.ctx.db, withAdmin(), { demo: true });
    expect(first).toMatchObject({ email: DEMO_ADMIN_EMAIL, created: true });
    const password = first?.generatedPassword ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const [row] = await t.ctx.db.select().from(appUser).where(eq(appUser.email, DEMO_ADMIN_EMAIL));
    expect(row).toMatchObject({ role: 'admin', active: true });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(password);
    expect((await login(DEMO_ADMIN_EMAIL, password)).statusCode).toBe(200);
    const audited = await t.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, row?.id ?? ''));
    expect(audited.map((e) => e.action)).toContain('user.bootstrap_admin');

    // A later start prints nothing: the password is shown only once.
    expect(await ensureFirstAdmin(t.ctx.db, withAdmin(), { demo: true })).toBeNull();
    expect(await t.ctx.db.select().from(appUser).where(eq(appUser.role, 'admin'))).toHaveLength(1);
  });

  it('creates the admin named by BERDAYA_ADMIN_EMAIL / BERDAYA_ADMIN_PASSWORD once and never overwrites it', async () => {
    const config = withAdmin('kepala@berdaya.example.id', 'kata-sandi-admin-1');
    expect(await ensureFirstAdmin(t.ctx.db, config, { demo: false })).toEqual({ email: 'kepala@berdaya.example.id', created: true });
    expect((await login('kepala@berdaya.example.id', 'kata-sandi-admin-1')).statusCode).toBe(200);

    const changed = withAdmin('kepala@berdaya.example.id', 'kata-sandi-lain-22');
    expect(await ensureFirstAdmin(t.ctx.db, changed, { demo: true })).toEqual({ email: 'kepala@berdaya.example.id', created: false });
    expect((await login('kepala@berdaya.example.id', 'kata-sandi-admin-1')).statusCode).toBe(200);
    expect((await login('kepala@berdaya.example.id', 'kata-sandi-lain-22')).statusCode).toBe(401);
    expect(await t.ctx.db.select().from(appUser).where(eq(appUser.email, 'kepala@berdaya.example.id'))).toHaveLength(1);
  });
});
