import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programme } from '../db/schema/index.ts';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createTestApp, nextAddress, type Client, type TestApp } from '../../test/support/test-app.ts';
import { CSRF_HEADER, PUBLIC_RATE_LIMIT, registerSecurity, sendIndexHtml } from './security.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  const organisation = await makeOrganisation(t.ctx.db);
  admin = await t.signIn({ role: 'admin', organisationId: organisation.id });
});
afterAll(() => t.close());

const programmeCount = async () => (await t.ctx.db.select({ n: count() }).from(programme))[0]?.n ?? 0;

describe('security headers', () => {
  it('sends helmet headers, no X-Powered-By, and keeps API answers out of caches', async () => {
    const res = await admin.get('/api/programs');
    expect(res.statusCode).toBe(200);
    const h = res.headers;
    expect(h['x-powered-by']).toBeUndefined();
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['cache-control']).toBe('no-store');
    const csp = String(h['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('sends HSTS only when the request came over HTTPS (through a trusted proxy)', async () => {
    const plain = await t.anonymous.get('/api/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // inject() connects from 127.0.0.1: a loopback proxy, trusted by default (BERDAYA_TRUST_PROXY=loopback).
    const https = await t.anonymous.get('/api/health', { 'x-forwarded-proto': 'https' });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    // A client on the network cannot claim HTTPS (nor another address) by itself.
    const spoofed = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '198.51.100.7' });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('serves index.html with a fresh style nonce that the Content-Security-Policy admits, and no inline script', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'berdaya-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>x</title></head><body><div id="root"></div></body></html>');
    const app = Fastify();
    await app.register(fastifyCookie);
    await registerSecurity(app);
    app.get('/', (_request, reply) => sendIndexHtml(reply, dist));
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'GET', url: '/' });
      const nonce = /<meta name="csp-nonce" content="([0-9a-f]{32})"/.exec(res.body)?.[1];
      expect(nonce).toBeDefined();
      expect(String(res.headers['content-security-policy'])).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(res.headers['cache-control']).toBe('no-cache');
      nonces.add(nonce as string);
    }
    expect(nonces.size).toBe(2);
    await app.close();
  });
});

describe('CSRF', () => {
  it(`refuses a cookie-authenticated write without ${CSRF_HEADER} with a clear message in the caller's language, and writes nothing`, async () => {
    const before = await programmeCount();
    const refused = await t.app.inject({ method: 'POST', url: '/api/programs', headers: { cookie: admin.cookie ?? '' }, payload: { code: 'CSRF-1', name: 'Tanpa header' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf');
    expect(refused.json().error.message).toBe(
      'Permintaan ditolak: perubahan data harus dikirim dari aplikasi Berdaya sendiri (header x-berdaya-csrf tidak ada). Muat ulang halaman lalu coba lagi.',
    );
    const english = await t.app.inject({ method: 'POST', url: '/api/programs', headers: { cookie: admin.cookie ?? '', 'accept-language': 'en' }, payload: { code: 'CSRF-1', name: 'x' } });
    expect(english.json().error.message).toMatch(/^Request refused: changes must come from the Berdaya app itself/);
    // A form post from another site (simple request, no custom header) is refused the same way.
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: { cookie: admin.cookie ?? '', 'content-type': 'application/x-www-form-urlencoded', origin: 'https://jahat.example' },
      payload: 'code=CSRF-2&name=x',
    });
    expect(form.statusCode).toBe(403);
    expect(await programmeCount()).toBe(before);

    const accepted = await t.app.inject({ method: 'POST', url: '/api/programs', headers: { cookie: admin.cookie ?? '', [CSRF_HEADER]: '1' }, payload: { code: 'CSRF-1', name: 'Dengan header' } });
    expect(accepted.statusCode).toBe(201);
    expect(await programmeCount()).toBe(before + 1);
  });

  it('checks every cookie-authenticated write route (generated from app.apiRoutes); reads, public and hand-off routes are exempt', async () => {
    const writes = t.app.apiRoutes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && 'roles' in r.access);
    expect(writes.length).toBeGreaterThan(30);
    const unprotected: string[] = [];
    for (const route of writes) {
      const url = route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: route.method as 'POST', url, headers: { cookie: admin.cookie ?? '' }, payload: {} });
      if (res.statusCode !== 403 || res.json().error.code !== 'csrf') unprotected.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(unprotected).toEqual([]);

    expect((await t.app.inject({ method: 'GET', url: '/api/programs', headers: { cookie: admin.cookie ?? '' } })).statusCode).toBe(200);
    // Without a session there is nothing to forge: the answer stays "sign in first".
    expect((await t.app.inject({ method: 'POST', url: '/api/programs', payload: {} })).statusCode).toBe(401);
    // Sign-in is public and exempt (scripts call it), also with a cookie (which it then revokes).
    const user = await makeUser(t.ctx.db, { role: 'viewer' });
    const other = await t.signIn({ role: 'viewer' });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: other.cookie ?? '' }, payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress() });
    expect(login.statusCode).toBe(200);
    // The CLI hand-off authenticates with its own token header: refused here for a wrong token, not for CSRF.
    const handoff = await t.app.inject({ method: 'POST', url: '/api/cli/imports?program=X', headers: { 'x-berdaya-handoff': 'salah' } });
    expect(handoff.statusCode).toBe(403);
    expect(handoff.json().error.code).toBe('forbidden');
  });

  it('never answers a CORS preflight, so other sites cannot send the header', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/programs',
      headers: { origin: 'https://jahat.example', 'access-control-request-method': 'POST', 'access-control-request-headers': CSRF_HEADER },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('abuse limits', () => {
  it('limits sign-in attempts per client address (429 saying when to retry, in the caller\'s language); other addresses are unaffected', async () => {
    const attacker = nextAddress();
    const attempt = (email: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'tebakan-salah-1' }, remoteAddress: attacker, headers });
    for (let i = 0; i < 20; i++) expect((await attempt(`tebak-${i}@uji.id`)).statusCode).toBe(401);
    const limited = await attempt('tebak-21@uji.id');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(/^Terlalu banyak permintaan\. Coba lagi dalam \d+ detik\.$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const english = await attempt('tebak-22@uji.id', { 'accept-language': 'en' });
    expect(english.json().error.message).toMatch(/^Too many requests\. Try again in \d+ seconds\.$/);
    // The right password from the limited address is refused too: the limit is on the address.
    const user = await makeUser(t.ctx.db, { role: 'trainer' });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: attacker })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress() })).statusCode).toBe(200);
  });

  it('locks an account after repeated wrong passwords even when they come from many addresses', async () => {
    const user = await makeUser(t.ctx.db, { role: 'program_manager' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: `salah-${i}-xxxx` }, remoteAddress: nextAddress() })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, remoteAddress: nextAddress(), headers: { 'accept-language': 'en' } });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.message).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/);
  });

  it('limits every public API route per client address', async () => {
    const unlimited: string[] = [];
    for (const route of t.app.apiRoutes.filter((r) => 'public' in r.access)) {
      const res = await t.app.inject({ method: route.method as 'GET', url: route.url, remoteAddress: nextAddress(), ...(route.method === 'GET' ? {} : { payload: {} }) });
      if (!(Number(res.headers['x-ratelimit-limit']) > 0)) unlimited.push(`${route.method} ${route.url}`);
    }
    expect(unlimited).toEqual([]);

    const address = nextAddress();
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: address });
    for (let i = 0; i < PUBLIC_RATE_LIMIT.max; i++) expect((await me()).statusCode).toBe(200);
    const limited = await me();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/Coba lagi dalam \d+ detik/);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: nextAddress() })).statusCode).toBe(200);
  });
});

describe('hostile input', () => {
  it('refuses NUL characters (which PostgreSQL text cannot hold) in bodies, query strings and paths with a field error, not a 500', async () => {
    const before = await programmeCount();
    const body = await admin.post('/api/programs', { code: 'NUL-1', name: 'Nama\u0000tersembunyi' });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.fields).toEqual({ name: 'Tidak boleh berisi karakter NUL (\\0)' });
    const nested = await admin.post('/api/programs', { code: 'NUL-2', name: 'x', extra: { 'kunci\u0000': 1 } });
    expect(nested.json().error.fields).toEqual({ 'extra.kunci\u0000': 'Tidak boleh berisi karakter NUL (\\0)' });
    expect((await admin.get('/api/programs?q=%00')).statusCode).toBe(400);
    expect((await admin.get('/api/programs/by-code/A%00B', { 'accept-language': 'en' })).json().error.fields).toEqual({ code: 'Must not contain the NUL character (\\0)' });
    expect(await programmeCount()).toBe(before);
  });
});
