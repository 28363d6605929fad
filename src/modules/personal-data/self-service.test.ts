import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { oneTimeCode } from '../../core/one-time-code.ts';
import { keyIdOf } from '../../core/pii-crypto.ts';
import { createMyDataToken } from '../../core/signed-token.ts';
import { auditEvent, dataAccessCode, enrolment, outboxMessage, person } from '../../db/schema/index.ts';
import { makeOrganisation, makeProgramme } from '../../../test/support/factories.ts';
import { createTestApp, nextAddress, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople } from '../../../test/support/training.ts';
import type { ChannelAdapter, OutgoingMessage } from '../outbox/adapters.ts';
import { deliverDueMessages } from '../outbox/worker.ts';
import { MY_DATA_TOKEN_HEADER } from './schema.ts';
import { myDataPersonaliser } from './self-service.ts';
import { decryptPhone, readAddress } from './values.ts';

let t: TestApp;
let admin: Client;
let programmeId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  const owner = await makeOrganisation(t.ctx.db);
  programmeId = (await makeProgramme(t.ctx.db, { ownerOrganisationId: owner.id })).id;
});
afterAll(() => t.close());

let serial = 0;
/** A phone number no other test of this file uses, as a person would type it (`0813-…`). */
function phone(): { typed: string; e164: string } {
  serial += 1;
  const digits = `81355${String(serial).padStart(5, '0')}`;
  return { typed: `0${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`, e164: `+62${digits}` };
}

/** A public call from its own client address (unless given), as a phone on the street would make it. */
function call(method: 'GET' | 'POST', url: string, options: { body?: object; token?: string; address?: string; language?: string } = {}) {
  return t.app.inject({
    method,
    url,
    ...(options.body ? { payload: options.body } : {}),
    headers: { ...(options.token ? { [MY_DATA_TOKEN_HEADER]: options.token } : {}), ...(options.language ? { 'accept-language': options.language } : {}) },
    remoteAddress: options.address ?? nextAddress(),
  });
}

const askCode = (contact: string, address?: string) => call('POST', '/api/my-data/code', { body: { contact }, address });
const verify = (contact: string, code: string, language?: string) => call('POST', '/api/my-data/verify', { body: { contact, code }, language });

/** The self-service messages in the outbox (their body still holds the slot, never the code). */
async function codeMessages() {
  return t.ctx.db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, 'my-data:%')).orderBy(outboxMessage.createdAt);
}

/** Delivers what is queued through the log channel, with the server's personaliser, and returns what the provider got. */
async function deliver(): Promise<OutgoingMessage[]> {
  const sent: OutgoingMessage[] = [];
  const adapter: ChannelAdapter = { channel: 'log', send: async (m) => (sent.push(m), { providerMessageId: `uji-${sent.length}` }) };
  const personalise = myDataPersonaliser(t.ctx.secret, async (_db, row) => ({ subject: row.subject, body: row.body }));
  await deliverDueMessages({ database: t.ctx.database, adapters: { log: adapter }, personalise, sleep: async () => undefined });
  return sent;
}

/** Asks for a code for a known contact and returns the code as the person's phone received it. */
async function receivedCode(contact: string): Promise<string> {
  expect((await askCode(contact)).statusCode).toBe(202);
  const sent = await deliver();
  expect(sent).toHaveLength(1);
  const code = /\b(\d{6})\b/.exec(sent[0]?.body ?? '')?.[1];
  if (!code) throw new Error('no code in the message');
  return code;
}

async function tokenFor(contact: string): Promise<string> {
  const res = await verify(contact, await receivedCode(contact));
  expect(res.statusCode).toBe(200);
  return res.json().token as string;
}

/** A participant added by an admin through the form (NIK, phone, business, enrolment), as the admin export sees them. */
async function participant(name: string, values: { nik?: string; email?: string } = {}, p = phone()) {
  const res = await admin.post(`/api/programs/${programmeId}/participants`, { businessName: `Warung ${name}`, ownerName: name, phone: p.typed, regency: '31.74', gender: 'female', ...values });
  expect(res.statusCode).toBe(201);
  return { id: res.json().person.id as string, phone: p };
}

describe('one-time code', () => {
  it('answers an unknown contact exactly like a known one and sends it nothing; a known phone gets one message, the code filled in only when sent', async () => {
    const [known] = (await enrolPeople(t.ctx.db, programmeId, [{ name: 'Sri Kode', phone: phone().e164 }])) as [string];
    const [row] = await t.ctx.db.select({ phoneCipher: person.phoneCipher }).from(person).where(eq(person.id, known));
    const knownPhone = decryptPhone(row?.phoneCipher) ?? '';
    const before = await codeMessages();

    const unknown = await askCode(phone().typed);
    expect(unknown.statusCode).toBe(202);
    expect(await codeMessages()).toHaveLength(before.length);

    const res = await askCode(`0${knownPhone.slice(3)}`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual(unknown.json());
    expect(res.json().message).toBe('Jika kontak ini terdaftar, kode sekali pakai sudah kami kirim. Kode berlaku 10 menit.');
    const messages = (await codeMessages()).slice(before.length);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    // The demo's `log` channel (no WhatsApp or SMS configured); the number waits encrypted, the text with a slot.
    expect(message).toMatchObject({ channel: 'log', programmeId, status: 'queued' });
    expect(keyIdOf(message?.address ?? '')).toBe('dev');
    expect(message?.body).toContain('{{kode}}');
    expect(message?.body).not.toMatch(/\d{6}/);
    const [request] = await t.ctx.db.select().from(dataAccessCode).where(eq(dataAccessCode.id, message?.recipientId ?? ''));
    expect(request?.personId).toBe(known);

    const sent = await deliver();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.address).toBe(knownPhone);
    expect(sent[0]?.body).toMatch(/^Kode Berdaya Anda: \d{6}\. Berlaku 10 menit/);
    // Audited for staff, ids only.
    const events = await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'personal_data.code_sent'), eq(auditEvent.entityId, known)));
    expect(events.map((e) => e.details)).toEqual([{ requestId: request?.id, channel: 'log' }]);
  });

  it('sends to a known email address, and refuses what is neither a phone number nor an email', async () => {
    await enrolPeople(t.ctx.db, programmeId, [{ name: 'Email Kode', email: 'sri.kode@contoh.id' }]);
    expect((await askCode('  Sri.Kode@Contoh.ID ')).statusCode).toBe(202);
    const sent = await deliver();
    expect(sent.map((m) => [m.address, /\d{6}/.test(m.body)])).toEqual([['sri.kode@contoh.id', true]]);

    const bad = await askCode('12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ contact: 'Isi nomor HP Indonesia (08…) atau alamat email' });
  });

  it('sends a contact shared by two people a pointer to the organisers instead of a code', async () => {
    // Mother and daughter, each with her own NIK, registered with the family's one phone.
    const shared = phone();
    const mother = await participant('Ibu Berbagi', { nik: '3174015203700011' }, shared);
    const daughter = await participant('Anak Berbagi', { nik: '3174015203990012' }, shared);
    expect(daughter.id).not.toBe(mother.id);
    expect((await askCode(shared.typed)).statusCode).toBe(202);
    const sent = await deliver();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('lebih dari satu peserta');
    expect(sent[0]?.body).not.toMatch(/\d{6}/);
  });

  it('takes a code once; wrong codes count down and the fifth burns it; an expired code is refused', async () => {
    const p = phone();
    await enrolPeople(t.ctx.db, programmeId, [{ name: 'Coba Kode', phone: p.e164 }]);
    const code = await receivedCode(p.typed);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1]) {
      const res = await verify(p.typed, wrong);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ code: `Kode salah. Sisa percobaan: ${left}.` });
    }
    const fifth = await verify(p.typed, wrong, 'en');
    expect(fifth.json().error.fields).toEqual({ code: 'Too many wrong codes. This code no longer works; ask for a new one.' });
    // Burnt: even the right code no longer opens anything.
    expect((await verify(p.typed, code)).json().error.fields.code).toContain('Terlalu banyak kode salah');
    expect((await verify(p.typed, '12ab')).json().error.fields).toEqual({ code: 'Kode terdiri dari 6 angka' });

    const fresh = await receivedCode(p.typed);
    const ok = await verify(p.e164, fresh);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().token).toEqual(expect.any(String));
    expect(new Date(ok.json().expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    // Once only.
    const again = await verify(p.typed, fresh);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.code).toContain('Kode sudah tidak berlaku');

    // Expired: the request's expiry moved into the past (no waiting).
    const q = phone();
    await enrolPeople(t.ctx.db, programmeId, [{ name: 'Kode Lama', phone: q.e164 }]);
    const late = await receivedCode(q.typed);
    await t.ctx.db.execute(sql`UPDATE data_access_code SET expires_at = now() - interval '1 second' WHERE id = (SELECT id FROM data_access_code ORDER BY created_at DESC LIMIT 1)`);
    const expired = await verify(q.typed, late);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.fields).toEqual({ code: 'Kode sudah tidak berlaku (lewat 10 menit atau sudah dipakai). Minta kode baru.' });
  });

  it('never opens anything for an unknown contact, whatever the code', async () => {
    const p = phone();
    expect((await askCode(p.typed)).statusCode).toBe(202);
    const [request] = await t.ctx.db.select().from(dataAccessCode).orderBy(sql`created_at desc`).limit(1);
    expect(request?.personId).toBeNull();
    const res = await verify(p.typed, oneTimeCode(t.ctx.secret, request?.id ?? ''));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.code).toContain('Kode salah');
  });

  it('limits codes per contact (known or not) and requests per client address with 429', async () => {
    for (const contact of [phone().typed, (await participant('Batas Kode')).phone.typed]) {
      for (let i = 0; i < 3; i++) expect((await askCode(contact)).statusCode).toBe(202);
      const refused = await askCode(contact);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.message).toBe('Terlalu banyak permintaan kode untuk kontak ini. Coba lagi dalam 15 menit.');
    }
    await deliver();
    const address = nextAddress();
    for (let i = 0; i < 10; i++) expect((await askCode(phone().typed, address)).statusCode).toBe(202);
    const flood = await askCode(phone().typed, address);
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.code).toBe('rate_limited');
  });
});

describe('own data with the access token', () => {
  it('shows a summary and exports the same data as the admin export, audited with the data subject as the actor', async () => {
    const nik = '3174014506900021';
    const p = await participant('Rina Mandiri', { nik });
    const token = await tokenFor(p.phone.typed);

    const summary = await call('GET', '/api/my-data', { token });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({
      name: 'Rina Mandiri',
      nik: '3174********0021',
      phone: p.phone.e164,
      businesses: [{ name: 'Warung Rina Mandiri', sector: expect.any(String) }],
      programmes: [{ code: expect.any(String), name: expect.any(String) }],
      counts: { attendance: 0, invitations: 0, certificates: 0, consents: 0 },
    });

    const own = await call('GET', '/api/my-data/export?format=json', { token });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toContain('attachment');
    const byAdmin = await admin.get(`/api/participants/${p.id}/personal-data?format=json`);
    const withoutTime = (body: string) => ({ ...JSON.parse(body), generatedAt: null });
    expect(withoutTime(own.body)).toEqual(withoutTime(byAdmin.body));
    expect(JSON.parse(own.body).person).toMatchObject({ name: 'Rina Mandiri', nik, phone: p.phone.e164 });
    const pdf = await call('GET', '/api/my-data/export?format=pdf', { token });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const events = await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'personal_data.export'), eq(auditEvent.entityId, p.id)));
    const byThemselves = events.filter((e) => e.actorUserId === null);
    expect(byThemselves.map((e) => e.details)).toEqual([
      { format: 'json', by: 'data_subject', channel: 'self_service' },
      { format: 'pdf', by: 'data_subject', channel: 'self_service' },
    ]);
    expect(byThemselves.every((e) => e.programmeId === programmeId)).toBe(true);
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    expect((await call('GET', '/api/my-data')).statusCode).toBe(400);
    const forged = await call('GET', '/api/my-data/export?format=json', { token: 'AQID.bukan-tanda-tangan' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toBe('Akses ke data Anda sudah berakhir. Minta kode baru untuk melanjutkan.');
    const p = await participant('Token Lama');
    const [request] = await t.ctx.db.select().from(dataAccessCode).where(eq(dataAccessCode.personId, p.id));
    expect(request).toBeUndefined();
    await tokenFor(p.phone.typed);
    const [used] = await t.ctx.db.select().from(dataAccessCode).where(eq(dataAccessCode.personId, p.id));
    const old = createMyDataToken(t.ctx.secret, { personId: p.id, requestId: used?.id ?? '', expiresAt: new Date(Date.now() - 1000) });
    expect((await call('GET', '/api/my-data', { token: old })).statusCode).toBe(401);
  });

  it('erases on request: personal fields removed, counts kept, and the access ends', async () => {
    const p = await participant('Hapus Mandiri', { email: 'hapus.mandiri@contoh.id' });
    const token = await tokenFor(p.phone.typed);
    const enrolments = async () => (await t.ctx.db.select().from(enrolment).where(eq(enrolment.programmeId, programmeId))).length;
    const before = await enrolments();

    const unconfirmed = await call('POST', '/api/my-data/erase', { token, body: { confirm: false } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.fields).toEqual({ confirm: 'Centang konfirmasi untuk menghapus data' });
    const res = await call('POST', '/api/my-data/erase', { token, body: { confirm: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toContain('sudah dihapus');

    const [row] = await t.ctx.db.select().from(person).where(eq(person.id, p.id));
    expect(row).toMatchObject({ name: 'Dihapus', phoneCipher: null, phoneHash: null, email: null, gender: 'female' });
    expect(row?.anonymisedAt).not.toBeNull();
    expect(await enrolments()).toBe(before);
    // Nothing of the contact is left with the codes: requests gone, their messages without address.
    expect(await t.ctx.db.select().from(dataAccessCode).where(eq(dataAccessCode.personId, p.id))).toEqual([]);
    const messages = await codeMessages();
    expect(messages.filter((m) => readAddress(m.address) === p.phone.e164)).toEqual([]);
    const [event] = await t.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'personal_data.erase'), eq(auditEvent.entityId, p.id)));
    expect(event).toMatchObject({ actorUserId: null, programmeId, details: { reference: 'self_service', by: 'data_subject' } });

    // The token opens nothing any more, and the phone number is unknown now: no new message.
    expect((await call('GET', '/api/my-data', { token })).statusCode).toBe(401);
    expect((await call('GET', '/api/my-data/export?format=json', { token })).statusCode).toBe(401);
    expect((await call('POST', '/api/my-data/erase', { token, body: { confirm: true } })).statusCode).toBe(401);
    const count = (await codeMessages()).length;
    expect((await askCode(p.phone.typed)).statusCode).toBe(202);
    expect(await codeMessages()).toHaveLength(count);
  });
});
