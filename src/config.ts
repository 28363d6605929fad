import path from 'node:path';
import { z } from 'zod';
import { parseChannelRates, type ChannelRates } from './core/delivery.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  BERDAYA_DATA_DIR: z.string().default('./data'),
  /** Secret for signing tokens (and, later, encrypting personal data). Generated into the data dir when absent. */
  BERDAYA_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Keyring file for personal data at rest (created and extended by `berdaya keys rotate`); wins over BERDAYA_SECRET. */
  BERDAYA_KEY_FILE: optionalText,
  BERDAYA_ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  BERDAYA_ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
  /** Public base URL used in links sent to people (invitations, RSVP, certificates). */
  BERDAYA_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  BERDAYA_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /**
   * Which peers may set X-Forwarded-For/-Proto (client address for rate limits, HTTPS for cookies
   * and HSTS): `loopback` (a reverse proxy on the same host), `true` (any: only behind a proxy
   * that overwrites them), `false`, or a comma-separated list of addresses/CIDRs.
   */
  BERDAYA_TRUST_PROXY: z.string().trim().min(1).default('loopback'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Email channel: `smtp://user:pass@host:587` or `smtps://…:465`; absent, email is not offered. */
  BERDAYA_SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  BERDAYA_MAIL_FROM: z.string().trim().min(3).default('Berdaya <no-reply@berdaya.local>'),
  /** WhatsApp Business Cloud API: base URL (with version), access token and sender phone-number id. */
  BERDAYA_WHATSAPP_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()).default('https://graph.facebook.com/v21.0'),
  BERDAYA_WHATSAPP_TOKEN: optionalText,
  BERDAYA_WHATSAPP_PHONE_ID: optionalText,
  /** SMS gateway: POST endpoint and bearer token. */
  BERDAYA_SMS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  BERDAYA_SMS_TOKEN: optionalText,
  /** Messages per second per channel, e.g. `email=5,whatsapp=20,sms=5,log=100`. */
  BERDAYA_OUTBOX_RATES: z
    .string()
    .default('email=5,whatsapp=20,sms=5,log=100')
    .refine((v) => parseChannelRates(v) !== null, 'must look like email=5,whatsapp=20,sms=5,log=100'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  /** Personal-data keyring file (absolute path), if configured. */
  keyFile: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  cookieSecure: 'true' | 'false' | 'auto';
  /** Fastify `trustProxy`. */
  trustProxy: boolean | string[];
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** Message channels (campaign invitations); `log` is always available and sends nothing out. */
  channels: {
    smtpUrl: string | undefined;
    mailFrom: string;
    whatsapp: { url: string; token: string; phoneId: string } | undefined;
    sms: { url: string; token: string | undefined } | undefined;
  };
  outboxRates: ChannelRates;
};

export class ConfigError extends Error {}

/** Reads and validates configuration from environment variables; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Konfigurasi tidak valid / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.BERDAYA_DATA_DIR),
    secret: e.BERDAYA_SECRET,
    keyFile: e.BERDAYA_KEY_FILE ? path.resolve(e.BERDAYA_KEY_FILE) : undefined,
    adminEmail: e.BERDAYA_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.BERDAYA_ADMIN_PASSWORD,
    publicUrl: e.BERDAYA_PUBLIC_URL,
    cookieSecure: e.BERDAYA_COOKIE_SECURE,
    trustProxy: parseTrustProxy(e.BERDAYA_TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    channels: {
      smtpUrl: e.BERDAYA_SMTP_URL,
      mailFrom: e.BERDAYA_MAIL_FROM,
      whatsapp:
        e.BERDAYA_WHATSAPP_TOKEN && e.BERDAYA_WHATSAPP_PHONE_ID
          ? { url: e.BERDAYA_WHATSAPP_URL ?? 'https://graph.facebook.com/v21.0', token: e.BERDAYA_WHATSAPP_TOKEN, phoneId: e.BERDAYA_WHATSAPP_PHONE_ID }
          : undefined,
      sms: e.BERDAYA_SMS_URL ? { url: e.BERDAYA_SMS_URL, token: e.BERDAYA_SMS_TOKEN } : undefined,
    },
    outboxRates: { email: 5, whatsapp: 20, sms: 5, log: 100, ...parseChannelRates(e.BERDAYA_OUTBOX_RATES) },
  };
}

function parseTrustProxy(value: string): boolean | string[] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
