import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

export const CHANNELS = ['email', 'whatsapp', 'sms', 'log'] as const;
export type Channel = (typeof CHANNELS)[number];

export type OutgoingMessage = {
  id: string;
  /** Stable per message: given to the provider so that it can recognise a duplicate. */
  idempotencyKey: string;
  channel: Channel;
  /** Email address or E.164 phone number. */
  address: string;
  subject: string | null;
  body: string;
  /** Images shown inside the message (email only: the participant's check-in QR); text channels ignore them. */
  images?: InlineImage[];
};

/** An image carried inside an email and shown where the HTML part refers to `cid:<cid>`. */
export type InlineImage = { cid: string; filename: string; contentType: 'image/png'; content: Buffer; alt: string };

export type SendResult = { providerMessageId: string | null };

/**
 * Why a send failed, as far as delivery is concerned:
 * - `retryable`: the provider certainly did not take the message (no connection, or it said so: 429/503, SMTP 4xx);
 * - `permanent`: the provider refused it for good (HTTP 4xx, SMTP 5xx): retrying would not help;
 * - `ambiguous`: the request may have reached the provider (timeout, connection lost mid-way, HTTP 500/502/504):
 *   retrying could send it twice, so the message needs a person to review it.
 */
export type FailureKind = 'retryable' | 'permanent' | 'ambiguous';

export class DeliveryError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** A short code without personal data, e.g. `http_503`, `smtp_550`, `ECONNREFUSED`. */
    readonly code: string,
  ) {
    super(`${kind}: ${code}`);
    this.name = 'DeliveryError';
  }
}

export type ChannelAdapter = { channel: Channel; send(message: OutgoingMessage): Promise<SendResult>; close?(): void };

/** Connection-level errors raised before any byte of the request reached the provider. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Classifies a fetch failure: could the request have reached the provider? */
export function classifyFetchError(error: unknown): DeliveryError {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  const code = e.cause?.code ?? e.code ?? e.name ?? 'fetch_failed';
  if (NOT_CONNECTED.has(code)) return new DeliveryError('retryable', code);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new DeliveryError('ambiguous', 'timeout');
  return new DeliveryError('ambiguous', code);
}

/** Classifies an HTTP answer that is not 2xx. */
export function classifyHttpStatus(status: number): DeliveryError {
  if (status === 429 || status === 503) return new DeliveryError('retryable', `http_${status}`);
  if (status >= 400 && status < 500) return new DeliveryError('permanent', `http_${status}`);
  return new DeliveryError('ambiguous', `http_${status}`);
}

async function postJson(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw classifyFetchError(error);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw classifyHttpStatus(response.status);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

/** WhatsApp wants the number without `+`: `6281234567890`. */
function waNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

/**
 * WhatsApp Business Cloud API: POST {url}/{phoneId}/messages with a text message. The message's
 * idempotency key travels as `biz_opaque_callback_data`, which the status webhooks echo back.
 */
export function createWhatsAppAdapter(options: { url: string; token: string; phoneId: string; timeoutMs?: number }): ChannelAdapter {
  const endpoint = `${options.url.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneId)}/messages`;
  return {
    channel: 'whatsapp',
    async send(message) {
      const answer = (await postJson(
        endpoint,
        { authorization: `Bearer ${options.token}` },
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: waNumber(message.address),
          type: 'text',
          text: { preview_url: true, body: message.body },
          biz_opaque_callback_data: message.idempotencyKey,
        },
        options.timeoutMs ?? 15_000,
      )) as { messages?: { id?: string }[] };
      return { providerMessageId: answer.messages?.[0]?.id ?? null };
    },
  };
}

/**
 * A generic SMS gateway: POST {url} with `{ to, message, reference }`, a bearer token and an
 * `Idempotency-Key` header; the answer's `id` (or `messageId`) is kept.
 */
export function createSmsAdapter(options: { url: string; token?: string; timeoutMs?: number }): ChannelAdapter {
  return {
    channel: 'sms',
    async send(message) {
      const answer = (await postJson(
        options.url,
        { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), 'idempotency-key': message.idempotencyKey },
        { to: message.address, message: message.body, reference: message.idempotencyKey },
        options.timeoutMs ?? 15_000,
      )) as { id?: string | number; messageId?: string | number };
      const id = answer.id ?? answer.messageId;
      return { providerMessageId: id === undefined ? null : String(id) };
    },
  };
}

type SmtpError = { code?: string; responseCode?: number; command?: string };

/** Classifies a nodemailer failure: only failures before the message body was accepted may be retried. */
export function classifySmtpError(error: unknown): DeliveryError {
  const e = error as SmtpError;
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return new DeliveryError('permanent', `smtp_${e.responseCode}`);
    if (e.responseCode >= 400) return new DeliveryError('retryable', `smtp_${e.responseCode}`);
  }
  if (e.code === 'ECONNECTION' || e.code === 'EDNS' || e.code === 'ETLS' || e.code === 'EAUTH' || e.command === 'CONN') return new DeliveryError('retryable', e.code ?? 'smtp_connection');
  return new DeliveryError('ambiguous', e.code ?? 'smtp_error');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * The HTML part of a message with inline images: the text as written (links made clickable,
 * line breaks kept), then each image, referred to by its Content-ID.
 */
export function htmlWithImages(text: string, images: InlineImage[]): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split(/(https?:\/\/[^\s<>"]+)/).map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part).replaceAll('\n', '<br>'))).join('')}</p>`);
  const figures = images.map((image) => `<p><img src="cid:${escapeHtml(image.cid)}" alt="${escapeHtml(image.alt)}" width="240" height="240" style="width:240px;height:240px"></p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${[...paragraphs, ...figures].join('')}</body></html>`;
}

/** Email over SMTP (nodemailer). The Message-ID carries the idempotency key; images go inline (CID) after the text. */
export function createSmtpAdapter(options: { url: string; from: string; timeoutMs?: number }): ChannelAdapter {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: timeout });
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'berdaya.local';
  return {
    channel: 'email',
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.address,
          subject: message.subject ?? '',
          text: message.body,
          ...(message.images?.length
            ? {
                html: htmlWithImages(message.body, message.images),
                attachments: message.images.map((image) => ({ filename: image.filename, content: image.content, contentType: image.contentType, cid: image.cid, contentDisposition: 'inline' as const })),
              }
            : {}),
          messageId: `<${message.idempotencyKey}@${domain}>`,
          headers: { 'X-Berdaya-Idempotency-Key': message.idempotencyKey, 'Auto-Submitted': 'auto-generated' },
        });
        return { providerMessageId: info.messageId ?? null };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The default channel: records that a message would be sent, and sends nothing out of the machine. */
export function createLogAdapter(log?: FastifyBaseLogger): ChannelAdapter {
  return {
    channel: 'log',
    async send(message) {
      // Ids only: the address and text are personal data and stay in the database.
      log?.info({ outboxMessageId: message.id, channel: 'log' }, 'outbox message delivered to the log channel');
      return { providerMessageId: `log:${message.id}` };
    },
  };
}

export type ChannelAdapters = Partial<Record<Channel, ChannelAdapter>>;

/** The channels configured by environment variables (`log` always). */
export function adaptersFromConfig(config: Config, log?: FastifyBaseLogger): ChannelAdapters {
  const c = config.channels;
  return {
    log: createLogAdapter(log),
    ...(c.smtpUrl ? { email: createSmtpAdapter({ url: c.smtpUrl, from: c.mailFrom }) } : {}),
    ...(c.whatsapp ? { whatsapp: createWhatsAppAdapter(c.whatsapp) } : {}),
    ...(c.sms ? { sms: createSmsAdapter(c.sms) } : {}),
  };
}

/** Channels a campaign may use with this configuration, and the variable that enables each missing one. */
export function channelAvailability(config: Config): Record<Channel, { available: boolean; variable: string | null }> {
  const c = config.channels;
  return {
    log: { available: true, variable: null },
    email: { available: Boolean(c.smtpUrl), variable: 'BERDAYA_SMTP_URL' },
    whatsapp: { available: Boolean(c.whatsapp), variable: 'BERDAYA_WHATSAPP_TOKEN, BERDAYA_WHATSAPP_PHONE_ID' },
    sms: { available: Boolean(c.sms), variable: 'BERDAYA_SMS_URL' },
  };
}
