import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { createRsvpToken } from '../../src/core/signed-token.ts';
import { expect } from './fixtures.ts';

/** Cookie-authenticated writes need the app's CSRF header (src/server/security.ts). */
const WRITE = { 'x-berdaya-csrf': '1' };

/** JSON from the API as the signed-in user of `request` (a page's `page.request`). */
export async function api<T>(request: APIRequestContext, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, { method, data, headers: method === 'GET' ? {} : WRITE });
  expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export async function programmeId(request: APIRequestContext, code: string): Promise<string> {
  const { items } = await api<{ items: { id: string; code: string }[] }>(request, 'GET', `/api/programs?q=${encodeURIComponent(code)}`);
  const found = items.find((p) => p.code === code);
  if (!found) throw new Error(`programme ${code} not found`);
  return found.id;
}

/** `YYYY-MM-DD` in a fixed-offset zone, `days` from today. */
export function localDate(days: number, offsetHours: number): string {
  return new Date(Date.now() + offsetHours * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The personal RSVP link of a campaign recipient. The log channel keeps messages inside the
 * server (it logs ids only) and no route returns a recipient's link, so the test signs it as the
 * outbox does (`campaignPersonaliser`), with the secret of the e2e server's data directory.
 */
export function rsvpLink(recipientId: string, expiresAt: string): string {
  const dataDir = process.env.BERDAYA_E2E_DATA_DIR;
  if (!dataDir) throw new Error('BERDAYA_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const secret = readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim();
  return `/rsvp#${createRsvpToken(secret, { recipientId, expiresAt: new Date(expiresAt) })}`;
}

/** Runs in a page before its own scripts: collects Content-Security-Policy violations (see security.spec.ts). */
export const RECORD_CSP_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
`;

export async function expectNoCspViolations(page: Page): Promise<void> {
  expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
}

/**
 * A phone that goes offline on purpose: its console errors, page errors and 5xx answers fail the
 * test (into `problems`), except the network failures that going offline causes.
 */
export function watchOfflinePhone(page: Page, problems: string[], who: string): void {
  const expected = [/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED/, /^Failed to load resource: net::ERR_FAILED/, /^Failed to load resource: the server responded with a status of 4\d\d/];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) problems.push(`${who} console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${who} page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

/** The page never scrolls sideways (phones). */
export async function expectNoSideScroll(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
}

/** A session running now at Labuan Bajo (WITA), with a trainer account and three participants on its roster. */
export type TrainerSetup = {
  programmeId: string;
  sessionId: string;
  sessionTitle: string;
  people: { id: string; name: string }[];
  trainer: { id: string; email: string; inviteUrl: string };
};

/**
 * Jalin Nusantara replicated to Manggarai Barat, a module, three participants and an invited
 * trainer (who still has to activate the account). `session` creates the session once the
 * trainer is active (only active trainers can be assigned).
 */
export async function setUpTrainerProgramme(request: APIRequestContext, suffix: string) {
  const source = await programmeId(request, 'JALIN-NUSANTARA-2024');
  const programme = await api<{ id: string }>(request, 'POST', `/api/programs/${source}/replicate`, {
    code: `JALIN-LBJ-E2E-${suffix}`,
    name: `Jalin Nusantara Labuan Bajo ${suffix}`,
    regionCodes: ['53.15'],
    copyPartners: false,
    copyTargets: false,
  });
  const sites = await api<{ items: { id: string }[] }>(request, 'GET', `/api/programs/${programme.id}/sites`);
  const module = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/modules`, {
    code: 'LBJ-KON',
    title: { id: 'Foto produk dengan ponsel', en: 'Product photos with a phone' },
    topic: 'pembuatan_konten',
    durationMinutes: 120,
  });
  const digits = String(Date.now()).slice(-4);
  const names = [`Maria Goreti ${suffix}`, `Yohanes Bosco ${suffix}`, `Theresia Nona ${suffix}`];
  const people: { id: string; name: string }[] = [];
  for (const [index, name] of names.entries()) {
    const added = await api<{ person: { id: string } }>(request, 'POST', `/api/programs/${programme.id}/participants`, {
      ownerName: name,
      businessName: `Tenun Ikat ${name.split(' ')[0]}`,
      phone: `0813-5${digits}-00${index + 1}0`,
      gender: index === 1 ? 'male' : 'female',
      sector: 'tekstil',
      regency: '53.15',
      active: true,
      willing: true,
    });
    people.push({ id: added.person.id, name });
  }
  const email = `pelatih-${suffix.toLowerCase()}@ngo.example.id`;
  const invite = await api<{ user: { id: string }; inviteUrl: string }>(request, 'POST', '/api/users', { email, name: `Pelatih Labuan Bajo ${suffix}`, role: 'trainer' });
  const sessionTitle = `Foto Produk Tenun ${suffix}`;
  return {
    programmeId: programme.id,
    people,
    sessionTitle,
    trainer: { id: invite.user.id, email, inviteUrl: invite.inviteUrl },
    /** The session (running now) with the trainer and the three participants. */
    async session(): Promise<string> {
      const session = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/sessions`, {
        siteId: sites.items[0]?.id,
        title: sessionTitle,
        modality: 'in_person',
        venue: 'Balai Desa Golo Mori',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        capacity: 25,
        moduleIds: [module.id],
        trainerIds: [invite.user.id],
      });
      await api(request, 'POST', `/api/sessions/${session.id}/participants`, { personIds: people.map((p) => p.id) });
      return session.id;
    },
  };
}

/** Activates an invited account on the invitation page (the invitee's own browser). */
export async function acceptInvite(page: Page, inviteUrl: string, password: string): Promise<void> {
  const url = new URL(inviteUrl);
  await page.goto(url.pathname + url.hash);
  await page.getByLabel(/^Kata sandi/).fill(password);
  await page.getByLabel('Ulangi kata sandi').fill(password);
  await page.getByRole('button', { name: 'Aktifkan dan masuk' }).click();
}

/** The business of an enrolled participant (the participant list does not carry its id). */
export async function msmeOf(request: APIRequestContext, personId: string): Promise<string> {
  const detail = await api<{ msme: { id: string } | null }>(request, 'GET', `/api/participants/${personId}`);
  if (!detail.msme) throw new Error(`participant ${personId} has no business`);
  return detail.msme.id;
}

/** Marks people present at a session through the offline sync, as the trainer app would (the caller must be allowed to record it). */
export async function attend(request: APIRequestContext, sessionId: string, personIds: string[]): Promise<void> {
  const result = await api<{ rejected: unknown[] }>(request, 'POST', '/api/sync/attendance', {
    records: personIds.map((personId) => ({ clientId: crypto.randomUUID(), sessionId, personId, method: 'manual', capturedAt: new Date().toISOString() })),
  });
  expect(result.rejected).toEqual([]);
}

/** A PNG photo of `width` × `height` (a colour gradient, so that it compresses like a real photo would not). */
export function photoPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (width * y + x) << 2;
      png.data[i] = (x * 255) / width;
      png.data[i + 1] = (y * 255) / height;
      png.data[i + 2] = ((x + y) * 7) % 256;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Width and height of a JPEG, read from its start-of-frame marker. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error('not a JPEG marker');
    const marker = jpeg[at + 1] ?? 0;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no JPEG frame');
}

/**
 * A programme (Jalin Nusantara replicated) whose learning path is one module, with a session
 * running now: people who attend it complete the path and may get a certificate.
 */
export async function setUpCompletionProgramme(request: APIRequestContext, suffix: string) {
  const source = await programmeId(request, 'JALIN-NUSANTARA-2024');
  const programme = await api<{ id: string; name: string; code: string }>(request, 'POST', `/api/programs/${source}/replicate`, {
    code: `JALIN-CERT-E2E-${suffix}`,
    name: `Jalin Nusantara Kupang ${suffix}`,
    regionCodes: ['53.71'],
    copyPartners: true,
    copyTargets: false,
  });
  const sites = await api<{ items: { id: string }[] }>(request, 'GET', `/api/programs/${programme.id}/sites`);
  const modules = await api<{ items: { id: string; code: string }[] }>(request, 'GET', `/api/programs/${programme.id}/modules`);
  const module = modules.items[0];
  if (!module) throw new Error('the replicated programme has no modules');
  await api(request, 'PUT', `/api/programs/${programme.id}/learning-path`, { moduleIds: [module.id], completionMinPercent: 80 });
  const session = await api<{ id: string }>(request, 'POST', `/api/programs/${programme.id}/sessions`, {
    siteId: sites.items[0]?.id,
    title: `Literasi Digital Kupang ${suffix}`,
    modality: 'in_person',
    venue: 'Aula Dinas Koperasi',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    capacity: 50,
    moduleIds: [module.id],
  });
  const digits = String(Date.now()).slice(-4);
  let count = 0;
  return {
    programme,
    sessionId: session.id,
    /** Enrols a participant (with NIK and phone) and, when `attendNow`, marks them present: they complete the path. */
    async participant(name: string, options: { attendNow?: boolean; nik?: string } = {}) {
      count += 1;
      const phone = `0812-7${digits}-${String(count).padStart(3, '0')}`;
      const added = await api<{ person: { id: string } }>(request, 'POST', `/api/programs/${programme.id}/participants`, {
        ownerName: name,
        businessName: `Kopi ${name.split(' ')[0]}`,
        phone,
        nik: options.nik ?? '',
        gender: 'female',
        sector: 'kuliner',
        regency: '53.71',
        active: true,
        willing: true,
      });
      await api(request, 'POST', `/api/sessions/${session.id}/participants`, { personIds: [added.person.id] });
      if (options.attendNow !== false) await attend(request, session.id, [added.person.id]);
      return { id: added.person.id, name, phone };
    },
  };
}
