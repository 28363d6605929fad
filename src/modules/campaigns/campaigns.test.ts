import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { RateLimiter } from '../../core/delivery.ts';
import { CHECK_IN_NOTES } from '../../core/message-template.ts';
import { createRsvpToken, readCheckInToken, readRsvpToken } from '../../core/signed-token.ts';
import { campaignRecipient, enrolment, outboxMessage } from '../../db/schema/index.ts';
import { makeOrganisation, makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { startSmtpServer } from '../../../test/support/fake-providers.ts';
import { decodePart, findPart, mimeLeaves } from '../../../test/support/mail.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople, makeModule, runQueuedJobs } from '../../../test/support/training.ts';
import { adaptersFromConfig, DeliveryError, type Channel, type ChannelAdapter, type OutgoingMessage } from '../outbox/adapters.ts';
import { claimNextMessage, deliverDueMessages, recoverInterruptedMessages, STUCK_SENDING_MS } from '../outbox/worker.ts';
import { campaignPersonaliser } from './send-campaign.ts';

// jsqr is CommonJS with a default export: under Node's ESM interop the function may sit on `.default`.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

let t: TestApp;
let admin: Client;
let manager: Client;
let ownerId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  ownerId = (await makeOrganisation(t.ctx.db)).id;
  manager = await t.signIn({ role: 'program_manager', organisationId: ownerId });
});
afterAll(() => t.close());

/** A session in Labuan Bajo for two people, and six participants: three willing and active (one without email), the rest not. */
async function setup(capacity = 2) {
  const p = await makeProgramme(t.ctx.db, { ownerOrganisationId: ownerId });
  const site = await makeSite(t.ctx.db, p.id, { name: 'Labuan Bajo', regionCode: '53.15' });
  const m = await makeModule(t.ctx.db, p.id);
  const session = (
    await admin.post(`/api/programs/${p.id}/sessions`, { siteId: site.id, title: 'Kelas Digital', modality: 'in_person', venue: 'Aula Desa', startsAt: '2030-07-01T09:00', endsAt: '2030-07-01T12:00', capacity, moduleIds: [m.id] })
  ).json() as { id: string; endsAt: string };
  const [a, b, c, d, e, f] = (await enrolPeople(t.ctx.db, p.id, [
    { name: 'Ani', email: 'ani@contoh.id', businessName: 'Sambal Ani' },
    { name: 'Budi', email: null },
    { name: 'Citra', email: 'citra@contoh.id' },
    { name: 'Dedi', email: 'dedi@contoh.id', active: false },
    { name: 'Eka', email: 'eka@contoh.id', willing: false },
    { name: 'Fajar', email: 'fajar@contoh.id', willing: null },
  ])) as [string, string, string, string, string, string];
  return { p, site, session, a, b, c, d, e, f };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** A channel adapter that keeps what it was asked to send. */
function capture(channel: Channel = 'log', fail?: (m: OutgoingMessage) => DeliveryError | null) {
  const sent: OutgoingMessage[] = [];
  const adapter: ChannelAdapter = {
    channel,
    async send(message) {
      sent.push(message);
      const error = fail?.(message);
      if (error) throw error;
      return { providerMessageId: `uji-${sent.length}` };
    },
  };
  return { adapter, sent };
}

async function sendCampaign(s: Setup, body: Record<string, unknown> = {}) {
  const created = await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'Undangan', sessionId: s.session.id, ...body });
  expect(created.statusCode).toBe(201);
  const sent = await manager.post(`/api/campaigns/${created.json().id}/send`);
  expect(sent.statusCode).toBe(202);
  await runQueuedJobs(t.ctx);
  return created.json().id as string;
}

const tokenIn = (text: string) => /\/rsvp#([\w-]+\.[\w-]+)/.exec(text)?.[1] ?? '';

describe('campaign recipients and preview', () => {
  it('chooses willing and active participants by default and previews the count and one rendered message', async () => {
    const s = await setup();
    const preview = await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ matched: 3, recipients: 3, skipped: { opted_out: 0, no_address: 0 } });
    expect(body.sample.subject).toBeNull();
    expect(body.sample.body).toContain('Halo Ani,');
    expect(body.sample.body).toContain('Usaha Anda, Sambal Ani, kami undang mengikuti pelatihan "Kelas Digital" pada Senin, 1 Juli 2030, 09.00–12.00 WITA di Labuan Bajo, Aula Desa.');
    expect(tokenIn(body.sample.body)).not.toBe('');
    // Text channels say where the check-in QR is: on the personal link's page.
    expect(body.sample.body).toMatch(new RegExp(`/rsvp#[\\w.-]+\\n\\nTerima kasih\\.\\n\\n${CHECK_IN_NOTES.text.replace(/[.()]/g, '\\$&')}$`));

    const email = (await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id, channel: 'email', subject: 'Undangan {{sesi}} untuk {{nama}}' })).json();
    expect(email).toMatchObject({ matched: 3, recipients: 2, skipped: { no_address: 1 }, sample: { subject: 'Undangan Kelas Digital untuk Ani' } });
    expect(email.sample.body.endsWith(CHECK_IN_NOTES.email)).toBe(true);
    const everyone = (await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id, filter: { willing: null, active: null } })).json();
    expect(everyone.matched).toBe(6);
    const women = (await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id, filter: { gender: 'male' } })).json();
    expect(women).toMatchObject({ matched: 0, sample: null });
  });

  it('refuses unknown placeholders, an unconfigured channel and a missing target, naming the field', async () => {
    const s = await setup();
    const unknown = await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'x', sessionId: s.session.id, template: 'Halo {{nama_lengkap}}, {{nama}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ template: 'Isian tidak dikenal: {{nama_lengkap}}. Isian yang tersedia: {{nama}} {{usaha}} {{sesi}} {{tanggal}} {{tempat}} {{tautan}}' });
    const email = await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'x', sessionId: s.session.id, channel: 'whatsapp' }, { 'accept-language': 'en' });
    expect(email.json().error.fields).toEqual({ channel: 'This channel is not configured on the server (BERDAYA_WHATSAPP_TOKEN, BERDAYA_WHATSAPP_PHONE_ID)' });
    const none = await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'x' });
    expect(none.json().error.fields).toEqual({ sessionId: 'Pilih satu sesi atau satu kelompok' });
    await admin.patch(`/api/sessions/${s.session.id}`, { status: 'cancelled' });
    expect((await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'x', sessionId: s.session.id })).statusCode).toBe(409);
  });

  it('lets only organisers of the programme manage campaigns', async () => {
    const s = await setup();
    const id = (await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'x', sessionId: s.session.id })).json().id;
    const viewer = await t.signIn({ role: 'viewer' });
    const trainer = await t.signIn({ role: 'trainer', programmeIds: [s.p.id] });
    const stranger = await t.signIn({ role: 'program_manager', organisationId: (await makeOrganisation(t.ctx.db)).id });
    expect((await viewer.get(`/api/programs/${s.p.id}/campaigns`)).statusCode).toBe(403);
    expect((await trainer.get(`/api/campaigns/${id}`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/campaigns/${id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/campaigns/${id}/recipients`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id })).statusCode).toBe(404);
  });
});

describe('sending, delivery and RSVP', () => {
  it('writes one outbox message per recipient, signs the personal link in at sending time, and shows delivery and RSVP per recipient', async () => {
    const s = await setup();
    const created = (await manager.post(`/api/programs/${s.p.id}/campaigns`, { name: 'Undangan Juli', sessionId: s.session.id })).json();
    expect(created).toMatchObject({ status: 'draft', channel: 'log', target: { kind: 'session', id: s.session.id, title: 'Kelas Digital' } });
    expect((await manager.patch(`/api/campaigns/${created.id}`, { name: 'Undangan Juli 2030' })).json().name).toBe('Undangan Juli 2030');
    const queued = await manager.post(`/api/campaigns/${created.id}/send`);
    expect(queued.json()).toMatchObject({ status: 'queued', rsvpExpiresAt: s.session.endsAt });
    expect((await manager.post(`/api/campaigns/${created.id}/send`)).statusCode).toBe(409);
    expect((await manager.patch(`/api/campaigns/${created.id}`, { name: 'x' })).statusCode).toBe(409);
    await runQueuedJobs(t.ctx);
    const view = (await manager.get(`/api/campaigns/${created.id}`)).json();
    expect(view).toMatchObject({ status: 'sent', stats: { recipients: 3, delivery: { queued: 3 }, rsvp: { none: 3 } } });

    // No live token at rest: the link is signed in when the message is handed to the provider.
    const stored = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.campaignId, created.id));
    expect(stored.every((m) => m.body.includes('{{tautan}}') && !m.body.includes('/rsvp#'))).toBe(true);
    const log = capture();
    const counts = await deliverDueMessages({ database: t.ctx.database, adapters: { log: log.adapter }, personalise: campaignPersonaliser(t.ctx.secret) });
    expect(counts).toEqual({ sent: 3, retried: 0, failed: 0, unknown: 0 });
    const tokens: Record<string, string> = Object.fromEntries(log.sent.map((m) => [/Halo (\w+),/.exec(m.body)?.[1] ?? '', tokenIn(m.body)]));
    expect(Object.keys(tokens).sort()).toEqual(['Ani', 'Budi', 'Citra']);
    for (const token of Object.values(tokens)) expect(readRsvpToken(t.ctx.secret, token)).toMatchObject({ ok: true, expired: false });
    expect(log.sent[0]?.body).toContain('http://localhost:80/rsvp#');
    expect(log.sent.every((m) => m.body.endsWith(CHECK_IN_NOTES.text) && m.images === undefined)).toBe(true);

    // The participant opens the link: session details in Bahasa Indonesia and their check-in QR.
    const page = await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': tokens.Ani ?? '' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      name: 'Ani',
      invitation: { kind: 'session', title: 'Kelas Digital' },
      sessions: [{ title: 'Kelas Digital', when: 'Senin, 1 Juli 2030, 09.00–12.00 WITA', place: 'Labuan Bajo, Aula Desa', modalityText: 'Tatap muka', statusText: 'Direncanakan', meetingUrl: null }],
      answer: null,
      optedOut: false,
    });
    expect(page.json().checkIn.svg).toContain('<svg');

    const yes = await t.anonymous.post('/api/rsvp', { token: tokens.Ani, answer: 'yes' });
    expect(yes.json()).toEqual({ answer: 'yes', roster: 'added', message: 'Terima kasih! Anda terdaftar sebagai peserta.' });
    expect((await t.anonymous.post('/api/rsvp', { token: tokens.Budi, answer: 'yes' })).json().roster).toBe('added');
    expect((await t.anonymous.post('/api/rsvp', { token: tokens.Citra, answer: 'yes' })).json().roster).toBe('full');
    const roster = (await manager.get(`/api/sessions/${s.session.id}`)).json().roster;
    expect(roster.map((r: { name: string; source: string; rsvp: string }) => [r.name, r.source, r.rsvp])).toEqual([
      ['Ani', 'rsvp', 'yes'],
      ['Budi', 'rsvp', 'yes'],
    ]);
    expect((await t.anonymous.post('/api/rsvp', { token: tokens.Ani, answer: 'no' })).json().roster).toBe('removed');

    const recipients = (await manager.get(`/api/campaigns/${created.id}/recipients`)).json().items;
    const ani = recipients.find((r: { name: string }) => r.name === 'Ani');
    expect(ani).toMatchObject({ address: expect.stringMatching(/^\+628/), skipReason: null, rsvp: 'no', rsvpRoster: 'removed', delivery: { status: 'sent', attempts: 1, lastError: null } });
    // Citra said yes but the session was full: her answer and what it did are both kept.
    const yesSayers = (await manager.get(`/api/campaigns/${created.id}/recipients?rsvp=yes`)).json().items;
    expect(yesSayers.map((r: { name: string; rsvpRoster: string }) => [r.name, r.rsvpRoster]).sort()).toEqual([
      ['Budi', 'added'],
      ['Citra', 'full'],
    ]);
    expect((await manager.get(`/api/campaigns/${created.id}`)).json().stats).toMatchObject({ delivery: { sent: 3 }, rsvp: { yes: 2, no: 1, none: 0 } });

    // An organiser can fetch a recipient's link to hand it over another way; it opens the same page.
    const link = (await manager.get(`/api/campaigns/${created.id}/recipients/${ani.recipientId}/link`)).json();
    expect(link.url).toMatch(/^http:\/\/localhost:80\/rsvp#/);
    expect((await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': link.url.split('#')[1] })).json().name).toBe('Ani');
    expect((await manager.get(`/api/campaigns/${created.id}/recipients/${created.id}/link`)).statusCode).toBe(404);
  });

  it('brings the link in a text message whose template has none, so that the check-in QR can always be reached', async () => {
    const s = await setup();
    await sendCampaign(s, { template: 'Halo {{nama}}, sampai jumpa di {{tempat}} pada {{tanggal}}.' });
    const log = capture();
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: log.adapter }, personalise: campaignPersonaliser(t.ctx.secret) });
    const ani = log.sent.find((m) => m.body.startsWith('Halo Ani,'));
    expect(ani?.body).toMatch(/^Halo Ani, sampai jumpa di Labuan Bajo, Aula Desa pada Senin, 1 Juli 2030, 09\.00–12\.00 WITA\.\n\nKode QR kehadiran pribadi Anda ada di halaman ini: http:\/\/localhost:80\/rsvp#[\w-]+\.[\w-]+ Tunjukkan kode itu kepada pelatih saat Anda datang\.$/);
    const page = (await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': tokenIn(ani?.body ?? '') })).json();
    expect(readCheckInToken(t.ctx.secret, page.checkIn.token)).toEqual({ personId: s.a, programmeId: s.p.id });
  });

  it('refuses a tampered or expired RSVP link, but still honours an opt-out from an expired one', async () => {
    const s = await setup();
    const id = await sendCampaign(s);
    const [recipient] = await t.ctx.db.select().from(campaignRecipient).where(and(eq(campaignRecipient.campaignId, id), eq(campaignRecipient.personId, s.a)));
    const valid = createRsvpToken(t.ctx.secret, { recipientId: recipient?.id ?? '', expiresAt: new Date(s.session.endsAt) });
    const expired = createRsvpToken(t.ctx.secret, { recipientId: recipient?.id ?? '', expiresAt: new Date(Date.now() - 1000) });
    const forged = createRsvpToken('bukan-rahasia-server-bukan-rahasia-server', { recipientId: recipient?.id ?? '', expiresAt: new Date(s.session.endsAt) });
    const tampered = `${valid.slice(0, 5)}${valid[5] === 'A' ? 'B' : 'A'}${valid.slice(6)}`;
    expect((await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': valid })).statusCode).toBe(200);
    for (const token of [forged, tampered, 'bukan-token']) {
      const res = await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': token });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ token: 'Tautan undangan tidak valid' });
    }
    const late = await t.anonymous.post('/api/rsvp', { token: expired, answer: 'yes' });
    expect(late.json().error.fields).toEqual({ token: 'Tautan undangan sudah kedaluwarsa' });
    expect((await t.anonymous.get('/api/rsvp/session')).statusCode).toBe(400);
    const optOut = await t.anonymous.post('/api/rsvp/opt-out', { token: expired });
    expect(optOut.json()).toEqual({ optedOut: true, message: 'Anda tidak akan menerima undangan lagi.' });
    expect((await t.anonymous.post('/api/rsvp/opt-out', { token: tampered })).statusCode).toBe(400);
  });

  it('honours an opt-out for every later campaign, in every programme, and cancels messages still waiting', async () => {
    const s = await setup();
    const first = await sendCampaign(s);
    const [citra] = await t.ctx.db.select().from(campaignRecipient).where(and(eq(campaignRecipient.campaignId, first), eq(campaignRecipient.personId, s.c)));
    const token = createRsvpToken(t.ctx.secret, { recipientId: citra?.id ?? '', expiresAt: new Date(s.session.endsAt) });
    expect((await t.anonymous.post('/api/rsvp/opt-out', { token })).statusCode).toBe(200);
    expect((await t.anonymous.get('/api/rsvp/session', { 'x-rsvp-token': token })).json().optedOut).toBe(true);
    const [waiting] = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, citra?.id ?? ''));
    expect(waiting).toMatchObject({ status: 'cancelled', lastError: 'opted_out' });

    expect((await manager.post(`/api/programs/${s.p.id}/campaigns/preview`, { name: 'x', sessionId: s.session.id })).json()).toMatchObject({ matched: 3, recipients: 2, skipped: { opted_out: 1 } });
    const second = await sendCampaign(s);
    const skipped = (await manager.get(`/api/campaigns/${second}/recipients?delivery=skipped`)).json().items;
    expect(skipped.map((r: { name: string; skipReason: string; delivery: unknown }) => [r.name, r.skipReason, r.delivery])).toEqual([['Citra', 'opted_out', null]]);
    expect(await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.campaignId, second))).toHaveLength(2);

    const other = await setup();
    await t.ctx.db.insert(enrolment).values({ programmeId: other.p.id, personId: s.c, source: 'manual', active: true, willing: true });
    expect((await manager.post(`/api/programs/${other.p.id}/campaigns/preview`, { name: 'x', sessionId: other.session.id })).json().skipped.opted_out).toBe(1);
  });

  it('sends email over SMTP to a real SMTP server, skipping people without an address', async () => {
    const smtp = await startSmtpServer();
    const channels = t.ctx.config.channels;
    t.ctx.config.channels = { ...channels, smtpUrl: smtp.url, mailFrom: 'Dinas UMKM <undangan@berdaya.test>' };
    try {
      const s = await setup();
      const id = await sendCampaign(s, { channel: 'email', subject: 'Undangan: {{sesi}}' });
      const adapters = adaptersFromConfig(t.ctx.config);
      await deliverDueMessages({ database: t.ctx.database, adapters, personalise: campaignPersonaliser(t.ctx.secret) });
      adapters.email?.close?.();
      expect((await manager.get(`/api/campaigns/${id}`)).json().stats.delivery).toMatchObject({ sent: 2, queued: 0 });
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ani@contoh.id', 'citra@contoh.id']);
      const mail = smtp.received.find((m) => m.to[0] === 'ani@contoh.id')?.raw.replace(/\r\n[ \t]+/g, ' ') ?? '';
      expect(mail).toMatch(/^From: Dinas UMKM <undangan@berdaya\.test>$/m);
      expect(mail).toMatch(/^Subject: Undangan: Kelas Digital$/m);
      const [ani] = await t.ctx.db.select().from(campaignRecipient).where(and(eq(campaignRecipient.campaignId, id), eq(campaignRecipient.personId, s.a)));
      expect(mail).toMatch(new RegExp(`^Message-ID:\\s*<campaign-recipient-${ani?.id}@berdaya\\.test>$`, 'm'));
      const body = mail.slice(mail.indexOf('\r\n\r\n')).replace(/=\r\n/g, '');
      expect(body).toContain('Halo Ani,');
      expect(readRsvpToken(t.ctx.secret, tokenIn(body))).toMatchObject({ ok: true, recipientId: ani?.id });
      const budi = (await manager.get(`/api/campaigns/${id}/recipients?delivery=skipped`)).json().items;
      expect(budi.map((r: { name: string; skipReason: string }) => [r.name, r.skipReason])).toEqual([['Budi', 'no_address']]);

      // The personal check-in QR travels inside the email: an inline PNG that the HTML part shows, and the text says so.
      const [message] = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.recipientId, ani?.id ?? ''));
      const leaves = mimeLeaves(smtp.received.find((m) => m.to[0] === 'ani@contoh.id')?.raw ?? '');
      const text = decodePart(findPart(leaves, 'text/plain') ?? { headers: {}, body: '' }).toString('utf8');
      expect(text).toContain('Halo Ani,');
      expect(text.endsWith(CHECK_IN_NOTES.email)).toBe(true);
      const html = decodePart(findPart(leaves, 'text/html') ?? { headers: {}, body: '' }).toString('utf8');
      expect(html).toContain(`<img src="cid:qr-kehadiran-${message?.id}@berdaya" alt="Kode QR kehadiran"`);
      expect(html).toContain('Halo Ani,');
      const png = findPart(leaves, 'image/png');
      expect(png?.headers).toMatchObject({ 'content-id': `<qr-kehadiran-${message?.id}@berdaya>`, 'content-disposition': expect.stringMatching(/^inline/) });
      const image = PNG.sync.read(decodePart(png ?? { headers: {}, body: '' }));
      const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(readCheckInToken(t.ctx.secret, qr?.data ?? '')).toEqual({ personId: s.a, programmeId: s.p.id });
      // Each recipient gets their own code.
      const citraLeaves = mimeLeaves(smtp.received.find((m) => m.to[0] === 'citra@contoh.id')?.raw ?? '');
      const citraImage = PNG.sync.read(decodePart(findPart(citraLeaves, 'image/png') ?? { headers: {}, body: '' }));
      const citraQr = jsQR(new Uint8ClampedArray(citraImage.data), citraImage.width, citraImage.height);
      expect(readCheckInToken(t.ctx.secret, citraQr?.data ?? '')).toEqual({ personId: s.c, programmeId: s.p.id });
    } finally {
      t.ctx.config.channels = channels;
      await smtp.close();
    }
  });
});

describe('outbox delivery guarantees', () => {
  it('delivers at most once across a crash: a message left in `sending` becomes unknown and is never resent by itself', async () => {
    const s = await setup(10);
    // Earlier tests' messages go out first, so that only this campaign's are waiting.
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: capture().adapter } });
    const id = await sendCampaign(s);
    const ours = new Set((await t.ctx.db.select({ id: outboxMessage.id }).from(outboxMessage).where(eq(outboxMessage.campaignId, id))).map((m) => m.id));
    const provider = capture();
    const sentHere = () => provider.sent.filter((m) => ours.has(m.id));
    // The worker claims a message and hands it to the provider … and the process dies before recording it.
    const claimed = await claimNextMessage(t.ctx.db, 'log');
    if (!claimed) throw new Error('nothing claimed');
    await provider.adapter.send({ ...claimed, subject: claimed.subject });
    // Back up: the other messages go out; the interrupted one is not picked up again.
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: provider.adapter } });
    const restartedLater = new Date(Date.now() + STUCK_SENDING_MS + 1000);
    expect(await recoverInterruptedMessages(t.ctx.db, { all: false })).toBe(0);
    expect(await recoverInterruptedMessages(t.ctx.db, { all: false, now: restartedLater })).toBe(1);
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: provider.adapter } });
    expect(sentHere().filter((m) => m.id === claimed.id)).toHaveLength(1);
    expect(sentHere()).toHaveLength(3);
    const [interrupted] = await t.ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, claimed.id));
    expect(interrupted).toMatchObject({ status: 'unknown', lastError: 'interrupted', attempts: 1 });
    expect((await manager.get(`/api/campaigns/${id}`)).json().stats.delivery).toMatchObject({ sent: 2, unknown: 1, sending: 0 });

    // A person decides: it did arrive (the participant confirmed); it is not sent again.
    expect((await manager.post(`/api/campaigns/${id}/messages/${claimed.id}/review`, { decision: 'sent' })).json().stats.delivery).toMatchObject({ sent: 3, unknown: 0 });
    expect((await manager.post(`/api/campaigns/${id}/messages/${claimed.id}/review`, { decision: 'resend' })).statusCode).toBe(409);
    await deliverDueMessages({ database: t.ctx.database, adapters: { log: provider.adapter } });
    expect(sentHere()).toHaveLength(3);
  });

  it('retries with exponential back-off, gives up on a permanent refusal, and leaves an ambiguous failure for review', async () => {
    const s = await setup(10);
    const t0 = Date.now();
    const values = (address: string, i: number) => ({ programmeId: s.p.id, channel: 'sms' as const, address, body: 'Halo', idempotencyKey: `uji-${s.p.id}-${i}`, nextAttemptAt: new Date(t0) });
    await t.ctx.db.insert(outboxMessage).values([values('+6281100000001', 1), values('+6281100000002', 2), values('+6281100000003', 3), values('+6281100000004', 4)]);
    const attempts = new Map<string, number>();
    const sms = capture('sms', (m) => {
      const n = (attempts.get(m.address) ?? 0) + 1;
      attempts.set(m.address, n);
      if (m.address.endsWith('1')) return n < 3 ? new DeliveryError('retryable', 'http_503') : null;
      if (m.address.endsWith('2')) return new DeliveryError('permanent', 'http_400');
      if (m.address.endsWith('3')) return new DeliveryError('ambiguous', 'timeout');
      return new DeliveryError('retryable', 'ECONNREFUSED');
    });
    const at = (ms: number) => () => new Date(t0 + ms);
    const run = (ms: number) => deliverDueMessages({ database: t.ctx.database, adapters: { sms: sms.adapter }, now: at(ms), random: () => 0.5 });
    expect(await run(0)).toEqual({ sent: 0, retried: 2, failed: 1, unknown: 1 });
    const row = async (address: string) => (await t.ctx.db.select().from(outboxMessage).where(and(eq(outboxMessage.programmeId, s.p.id), eq(outboxMessage.address, address))))[0];
    expect(await row('+6281100000001')).toMatchObject({ status: 'queued', attempts: 1, lastError: 'http_503', nextAttemptAt: new Date(t0 + 30_000) });
    expect(await row('+6281100000002')).toMatchObject({ status: 'failed', lastError: 'http_400' });
    expect(await row('+6281100000003')).toMatchObject({ status: 'unknown', lastError: 'timeout' });

    expect(await run(10_000)).toEqual({ sent: 0, retried: 0, failed: 0, unknown: 0 });
    expect(await run(30_000)).toEqual({ sent: 0, retried: 2, failed: 0, unknown: 0 });
    expect((await row('+6281100000001'))?.nextAttemptAt).toEqual(new Date(t0 + 30_000 + 60_000));
    expect(await run(90_000)).toMatchObject({ sent: 1 });
    expect(await row('+6281100000001')).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    // Retryable for ever: given up after five attempts.
    for (let hour = 1; hour <= 6; hour++) await run(hour * 3_600_000);
    expect(await row('+6281100000004')).toMatchObject({ status: 'failed', attempts: 5, lastError: 'ECONNREFUSED' });
    expect(attempts.get('+6281100000004')).toBe(5);
    expect(attempts.get('+6281100000002')).toBe(1);
    expect(attempts.get('+6281100000003')).toBe(1);
  });

  it('keeps to the per-channel rate', async () => {
    const s = await setup(10);
    await t.ctx.db.insert(outboxMessage).values(Array.from({ length: 5 }, (_, i) => ({ programmeId: s.p.id, channel: 'whatsapp' as const, address: `+62812000000${i}`, body: 'Halo', idempotencyKey: `rate-${s.p.id}-${i}` })));
    let clock = 0;
    const waits: number[] = [];
    const wa = capture('whatsapp');
    await deliverDueMessages({
      database: t.ctx.database,
      adapters: { whatsapp: wa.adapter },
      limiters: new Map([['whatsapp', new RateLimiter(2, 1, () => clock)]]),
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    expect(wa.sent).toHaveLength(5);
    expect(waits).toEqual([500, 500, 500, 500, 500]);
  });
});
