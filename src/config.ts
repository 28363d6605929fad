import path from 'node:path';
import { z } from 'zod';

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
  BERDAYA_ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  BERDAYA_ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
  /** Public base URL used in links sent to people (invitations, RSVP, certificates). */
  BERDAYA_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  BERDAYA_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  cookieSecure: 'true' | 'false' | 'auto';
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
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
    adminEmail: e.BERDAYA_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.BERDAYA_ADMIN_PASSWORD,
    publicUrl: e.BERDAYA_PUBLIC_URL,
    cookieSecure: e.BERDAYA_COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
  };
}
