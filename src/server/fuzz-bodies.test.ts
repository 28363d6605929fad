import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../core/indicators.ts';
import { makeOrganisation, makePartnership, makeProgramme, makeSite } from '../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../test/support/test-app.ts';

/**
 * Property-based fuzzing of the JSON bodies of the main write routes: whatever JSON arrives,
 * the answer is never a 500, and a refused body leaves every table as it was (no partial write).
 * Bodies are half shaped like the route's own (its field names with values of any type, including
 * NUL bytes, huge strings, wrong dates, NIK- and phone-like text) and half arbitrary JSON.
 */
let t: TestApp;
let admin: Client;
let ids: { programme: string; site: string; target: string; partnership: string; person: string; organisation: string };

const TABLES = ['organisation', 'programme', 'partnership', 'site', 'target', 'document', 'person', 'msme', 'enrolment', 'audit_event', 'user_programme', 'region'];

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await t.ctx.database.query<Record<string, number>>(`SELECT ${TABLES.map((name) => `(SELECT count(*)::int FROM ${name}) AS ${name}`).join(', ')}`);
  return row ?? {};
}

const tricky = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'nul\u0000di tengah',
  '\uD800',
  '31',
  '31.74',
  '99.99',
  '3174015203920001',
  '3174015203920001\u0000',
  '0812-3456-7890',
  '+62 812 3456 7890',
  '2025-02-30',
  '2025-01-01',
  '0000-00-00',
  '99999-01-01',
  'JAKPRENEUR-2024',
  "'; DROP TABLE person; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'a'.repeat(20_000),
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  ...INDICATOR_CODES.slice(0, 3),
);
const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  tricky,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e12, 1e13, 2 ** 31, -(2 ** 31) - 1),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
);
const value = fc.oneof({ weight: 5, arbitrary: scalar }, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 10 }), scalar, { maxKeys: 4 }));

/**
 * A third of the bodies are a valid body with one or two fields replaced or dropped (these reach
 * the services and the database), a third carry the route's field names with values of any type,
 * a third are arbitrary JSON.
 */
function bodies(target: Target) {
  const edit = fc.record({ field: fc.constantFrom(...target.fields), value: fc.option(value, { nil: undefined }) });
  const mutated = fc.array(edit, { minLength: 1, maxLength: 2 }).map((edits) => {
    const body: Record<string, unknown> = target.valid();
    for (const { field, value: v } of edits) {
      if (v === undefined) delete body[field];
      else body[field] = v;
    }
    return body;
  });
  return fc.oneof(mutated, fc.record(Object.fromEntries(target.fields.map((f) => [f, value])), { requiredKeys: [] }), fc.jsonValue({ maxDepth: 3 }));
}

let serial = 0;
const next = () => ++serial;

type Target = { name: string; method: 'POST' | 'PATCH'; url: () => string; fields: string[]; valid: () => Record<string, unknown> };
const TARGETS: Target[] = [
  { name: 'create programme', method: 'POST', url: () => '/api/programs', fields: ['code', 'name', 'description', 'ownerOrganisationId', 'startDate', 'endDate', 'status'], valid: () => ({ code: `FUZZ-${next()}`, name: 'Program fuzz', ownerOrganisationId: ids.organisation, startDate: '2025-01-01', endDate: '2025-12-31' }) },
  { name: 'edit programme', method: 'PATCH', url: () => `/api/programs/${ids.programme}`, fields: ['name', 'description', 'ownerOrganisationId', 'startDate', 'endDate', 'status'], valid: () => ({ name: 'Program fuzz (ubah)', description: 'Deskripsi', startDate: '2025-01-01', endDate: '2025-12-31' }) },
  { name: 'replicate programme', method: 'POST', url: () => `/api/programs/${ids.programme}/replicate`, fields: ['code', 'name', 'startDate', 'endDate', 'regionCodes', 'siteType', 'copyPartners', 'copyTargets'], valid: () => ({ code: `FUZZ-R-${next()}`, name: 'Replikasi fuzz', regionCodes: ['53.01'], copyPartners: false, copyTargets: false }) },
  { name: 'add site', method: 'POST', url: () => `/api/programs/${ids.programme}/sites`, fields: ['name', 'type', 'regionCode', 'address'], valid: () => ({ name: `Lokasi ${next()}`, type: 'kabupaten_kota', regionCode: '31.74', address: 'Jl. Uji' }) },
  { name: 'edit site', method: 'PATCH', url: () => `/api/programs/${ids.programme}/sites/${ids.site}`, fields: ['name', 'type', 'regionCode', 'address'], valid: () => ({ name: 'Lokasi (ubah)', type: 'online', regionCode: '31', address: 'Jl. Ubah' }) },
  { name: 'add target', method: 'POST', url: () => `/api/programs/${ids.programme}/targets`, fields: ['indicator', 'value', 'siteId', 'regionCode', 'sector', 'gender', 'periodStart', 'periodEnd', 'notes'], valid: () => ({ indicator: INDICATOR_CODES[0], value: 10, regionCode: '31.74', gender: 'female', periodStart: '2025-01-01', periodEnd: '2025-06-30', notes: 'Catatan' }) },
  { name: 'edit target', method: 'PATCH', url: () => `/api/programs/${ids.programme}/targets/${ids.target}`, fields: ['indicator', 'value', 'siteId', 'regionCode', 'sector', 'gender', 'periodStart', 'periodEnd', 'notes'], valid: () => ({ value: 20, gender: 'male', notes: 'Ubah' }) },
  { name: 'add partner', method: 'POST', url: () => `/api/programs/${ids.programme}/partnerships`, fields: ['organisationId', 'role', 'mouNumber', 'mouSignedOn', 'mouScope'], valid: () => ({ organisationId: ids.organisation, role: 'implementing', mouNumber: 'MoU/1', mouSignedOn: '2025-01-01', mouScope: 'Pelatihan' }) },
  { name: 'edit partnership', method: 'PATCH', url: () => `/api/programs/${ids.programme}/partnerships/${ids.partnership}`, fields: ['role', 'mouNumber', 'mouSignedOn', 'mouScope'], valid: () => ({ role: 'strategic', mouNumber: 'MoU/2', mouSignedOn: '2025-02-01', mouScope: 'Ubah' }) },
  {
    name: 'add participant',
    method: 'POST',
    url: () => `/api/programs/${ids.programme}/participants`,
    fields: ['businessName', 'ownerName', 'nik', 'nib', 'phone', 'email', 'gender', 'sector', 'address', 'regency', 'province', 'active', 'willing'], valid: () => ({ businessName: 'Warung Fuzz', ownerName: 'Budi Fuzz', phone: `0812${String(10_000_000 + next())}`, regency: '31.74', gender: 'male', active: true, willing: true }),
  },
  { name: 'edit participant', method: 'PATCH', url: () => `/api/participants/${ids.person}`, fields: ['businessName', 'ownerName', 'nik', 'nib', 'phone', 'email', 'gender', 'sector', 'address', 'regency', 'province'], valid: () => ({ businessName: 'Warung Uji', ownerName: 'Sri Uji', address: 'Jl. Baru', regency: '31.74' }) },
  { name: 'edit enrolment', method: 'PATCH', url: () => `/api/programs/${ids.programme}/participants/${ids.person}`, fields: ['status', 'active', 'willing'], valid: () => ({ status: 'invited', active: true, willing: false }) },
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const organisation = await makeOrganisation(db);
  admin = await t.signIn({ role: 'admin', organisationId: organisation.id });
  const programme = await makeProgramme(db, { ownerOrganisationId: organisation.id });
  const site = await makeSite(db, programme.id);
  const target = await admin.post(`/api/programs/${programme.id}/targets`, { indicator: INDICATOR_CODES[0], value: 10 });
  const partnership = await makePartnership(db, programme.id, (await makeOrganisation(db, { kind: 'ngo' })).id);
  const person = await admin.post(`/api/programs/${programme.id}/participants`, { businessName: 'Warung Uji', ownerName: 'Sri Uji', phone: '0812-9999-0001', regency: '31.74' });
  ids = { programme: programme.id, site: site.id, target: target.json().id, partnership: partnership.id, person: person.json().person.id, organisation: organisation.id };
});
afterAll(() => t.close());

describe('random JSON bodies on the main write routes', () => {
  it.each(TARGETS.map((target) => [target.name, target] as const))('%s: never a 500, never a partial write', { timeout: 120_000 }, async (_, target) => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(bodies(target), async (body) => {
        const before = await rowCounts();
        const res = await admin.inject({ method: target.method, url: target.url(), payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        seen.add(res.statusCode);
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        if (res.statusCode !== 204) expect(res.json()).toBeTypeOf('object');
        if (res.statusCode >= 400) {
          expect(res.json().error.message).toBeTypeOf('string');
          expect(await rowCounts()).toEqual(before);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
    // The bodies reached the validation, and not only as one kind of refusal.
    expect(seen.has(400)).toBe(true);
  });

  it('every write route, with arbitrary JSON and unknown ids: never a 500, never a partial write', { timeout: 600_000 }, async () => {
    // Sign-out routes would end the fuzzing session; everything else is called as an admin.
    const routes = t.app.apiRoutes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.includes('logout'));
    expect(routes.length).toBeGreaterThan(40);
    const paramValue = (url: string, name: string) => (name === 'id' && url.startsWith('/api/programs/') ? ids.programme : undefined);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 6 })), fc.uuid(), async (body, id) => {
          const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => paramValue(route.url, name) ?? id);
          const before = await rowCounts();
          const res = await admin.inject({ method: route.method as 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
          expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(await rowCounts(), `${route.method} ${route.url}`).toEqual(before);
        }),
        { numRuns: Number(process.env.FUZZ_ROUTE_RUNS ?? 12) },
      );
    }
  });

  it('answers raw bytes that are not JSON with 400, whatever they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const res = await admin.inject({ method: 'POST', url: `/api/programs/${ids.programme}/sites`, payload: text, headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
