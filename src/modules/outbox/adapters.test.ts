import { afterEach, describe, expect, it } from 'vitest';
import { startHttpProvider, startSmtpServer } from '../../../test/support/fake-providers.ts';
import { decodePart, findPart, mimeLeaves } from '../../../test/support/mail.ts';
import { createSmsAdapter, createSmtpAdapter, createWhatsAppAdapter, DeliveryError, htmlWithImages, type OutgoingMessage } from './adapters.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const message = (extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: '3f1d8d8e-7b1a-4c55-9a0e-0d6a8f8b2c11',
  idempotencyKey: 'campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69',
  channel: 'email',
  address: 'sri@contoh.id',
  subject: 'Undangan pelatihan: Pemasaran Digital',
  body: 'Halo Sri,\n\nKonfirmasi: https://berdaya.contoh/rsvp#abc.def',
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('expected a delivery error');
}

describe('SMTP adapter (real SMTP server on loopback)', () => {
  it('delivers the message with its headers and the idempotency key as Message-ID', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const adapter = createSmtpAdapter({ url: smtp.url, from: 'Berdaya <undangan@berdaya.test>' });
    cleanups.push(async () => adapter.close?.());
    const result = await adapter.send(message());
    expect(result.providerMessageId).toBe('<campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69@berdaya.test>');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail).toMatchObject({ from: 'undangan@berdaya.test', to: ['sri@contoh.id'] });
    const raw = mail?.raw ?? '';
    const folded = raw.slice(0, raw.indexOf('\r\n\r\n'));
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    const head = folded.replace(/\r\n[ \t]+/g, ' ');
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)?.[1];
    expect(header('From')).toBe('Berdaya <undangan@berdaya.test>');
    expect(header('To')).toBe('sri@contoh.id');
    expect(header('Subject')).toBe('Undangan pelatihan: Pemasaran Digital');
    expect(header('Message-ID')).toBe('<campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69@berdaya.test>');
    expect(header('X-Berdaya-Idempotency-Key')).toBe('campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69');
    expect(header('Auto-Submitted')).toBe('auto-generated');
    expect(header('Content-Type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(body.replace(/=\r\n/g, '')).toContain('https://berdaya.contoh/rsvp#abc.def');
  });

  it('carries images inline (CID) after the text in an HTML alternative, escaping what people typed', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const adapter = createSmtpAdapter({ url: smtp.url, from: 'undangan@berdaya.test' });
    cleanups.push(async () => adapter.close?.());
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await adapter.send(message({ body: 'Halo <Sri & Ani>,\n\nKonfirmasi: https://berdaya.contoh/rsvp#abc.def', images: [{ cid: 'qr-1@berdaya', filename: 'qr-kehadiran.png', contentType: 'image/png', content: png, alt: 'Kode QR' }] }));
    const leaves = mimeLeaves(smtp.received[0]?.raw ?? '');
    expect(leaves.map((p) => p.headers['content-type']?.split(';')[0])).toEqual(['text/plain', 'text/html', 'image/png']);
    expect(decodePart(findPart(leaves, 'text/plain') ?? { headers: {}, body: '' }).toString().replaceAll('\r\n', '\n')).toBe('Halo <Sri & Ani>,\n\nKonfirmasi: https://berdaya.contoh/rsvp#abc.def');
    const html = decodePart(findPart(leaves, 'text/html') ?? { headers: {}, body: '' }).toString();
    expect(html).toContain('<p>Halo &lt;Sri &amp; Ani&gt;,</p><p>Konfirmasi: <a href="https://berdaya.contoh/rsvp#abc.def">https://berdaya.contoh/rsvp#abc.def</a></p><p><img src="cid:qr-1@berdaya" alt="Kode QR"');
    const image = findPart(leaves, 'image/png');
    expect(image?.headers['content-id']).toBe('<qr-1@berdaya>');
    expect(decodePart(image ?? { headers: {}, body: '' })).toEqual(png);
    expect(htmlWithImages('a\nb', [])).toContain('<p>a<br>b</p>');
  });

  it('classifies refusals: 5xx permanent, 4xx retryable, no server retryable', async () => {
    let code = 550;
    const smtp = await startSmtpServer({ reject: () => code });
    cleanups.push(smtp.close);
    const adapter = createSmtpAdapter({ url: smtp.url, from: 'undangan@berdaya.test' });
    cleanups.push(async () => adapter.close?.());
    expect(await failure(adapter.send(message()))).toMatchObject({ kind: 'permanent', code: 'smtp_550' });
    code = 451;
    expect(await failure(adapter.send(message()))).toMatchObject({ kind: 'retryable', code: 'smtp_451' });
    expect(smtp.received).toHaveLength(0);
    await smtp.close();
    cleanups.pop();
    expect((await failure(adapter.send(message()))).kind).toBe('retryable');
  });
});

describe('WhatsApp Business Cloud API adapter', () => {
  it('posts the exact Cloud API request and keeps the message id', async () => {
    const provider = await startHttpProvider(() => ({ status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgN' }] } }));
    cleanups.push(provider.close);
    const adapter = createWhatsAppAdapter({ url: `${provider.url}/v21.0/`, token: 'token-uji', phoneId: '1234567890' });
    const result = await adapter.send(message({ channel: 'whatsapp', address: '+6281234567890', subject: null }));
    expect(result).toEqual({ providerMessageId: 'wamid.HBgN' });
    expect(provider.received).toHaveLength(1);
    const request = provider.received[0];
    expect(request).toMatchObject({ method: 'POST', url: '/v21.0/1234567890/messages' });
    expect(request?.headers).toMatchObject({ authorization: 'Bearer token-uji', 'content-type': 'application/json', accept: 'application/json' });
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'text',
      text: { preview_url: true, body: 'Halo Sri,\n\nKonfirmasi: https://berdaya.contoh/rsvp#abc.def' },
      biz_opaque_callback_data: 'campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69',
    });
  });

  it.each([
    [429, 'retryable'],
    [503, 'retryable'],
    [400, 'permanent'],
    [401, 'permanent'],
    [500, 'ambiguous'],
    [502, 'ambiguous'],
    [504, 'ambiguous'],
  ])('treats HTTP %i as %s', async (status, kind) => {
    const provider = await startHttpProvider(() => ({ status, body: { error: { message: 'Nomor +6281234567890 salah' } } }));
    cleanups.push(provider.close);
    const adapter = createWhatsAppAdapter({ url: provider.url, token: 't', phoneId: '1' });
    const error = await failure(adapter.send(message({ channel: 'whatsapp', address: '+6281234567890' })));
    expect(error).toMatchObject({ kind, code: `http_${status}` });
    // The provider's text (which may quote the number) is not kept.
    expect(error.message).not.toContain('6281234567890');
  });

  it('treats a refused connection as retryable and a timeout as ambiguous', async () => {
    const closed = await startHttpProvider(() => ({ status: 200 }));
    await closed.close();
    const refused = createWhatsAppAdapter({ url: closed.url, token: 't', phoneId: '1' });
    expect(await failure(refused.send(message()))).toMatchObject({ kind: 'retryable', code: 'ECONNREFUSED' });
    const hanging = await startHttpProvider(() => ({ status: 200, hang: true }));
    cleanups.push(hanging.close);
    const slow = createWhatsAppAdapter({ url: hanging.url, token: 't', phoneId: '1', timeoutMs: 200 });
    expect(await failure(slow.send(message()))).toMatchObject({ kind: 'ambiguous', code: 'timeout' });
  });
});

describe('SMS gateway adapter', () => {
  it('posts to, message and reference with a bearer token and an Idempotency-Key header', async () => {
    const provider = await startHttpProvider(() => ({ status: 201, body: { id: 98765 } }));
    cleanups.push(provider.close);
    const adapter = createSmsAdapter({ url: `${provider.url}/api/sms/send`, token: 'sms-token' });
    const result = await adapter.send(message({ channel: 'sms', address: '+6281234567890', subject: null, body: 'Undangan pelatihan' }));
    expect(result).toEqual({ providerMessageId: '98765' });
    const request = provider.received[0];
    expect(request).toMatchObject({ method: 'POST', url: '/api/sms/send' });
    expect(request?.headers).toMatchObject({ authorization: 'Bearer sms-token', 'idempotency-key': 'campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69', 'content-type': 'application/json' });
    expect(request?.body).toEqual({ to: '+6281234567890', message: 'Undangan pelatihan', reference: 'campaign-recipient-7c0e4f7e-5d0b-4a55-8c7f-1e2d3c4b5a69' });
  });
});
