import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sendError } from './error-handler.ts';
import { translate } from './i18n.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

/**
 * Header that every cookie-authenticated write must carry. A browser sends a custom header
 * cross-site only after a CORS preflight, which this server never answers: a page on
 * another site cannot make a signed-in user's browser change anything here.
 */
export const CSRF_HEADER = 'x-berdaya-csrf';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One year, the value HSTS preload lists expect. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * The web app's Content-Security-Policy. Scripts only from this origin (Vite emits no
 * inline script); styles from this origin plus `<style>` elements carrying the per-response
 * nonce, which Mantine adds to the elements it injects (`getStyleNonce`). Inline `style`
 * attributes in markup stay blocked; React sets style props through the CSSOM, which CSP
 * does not govern.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (helmet), HSTS on HTTPS requests, `no-store` on API
 * answers (they hold personal data), and the CSRF check for cookie-authenticated writes.
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Sent below, only over HTTPS: over plain HTTP it is meaningless and would pin a local
    // development host to HTTPS in the browser.
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  // PostgreSQL text cannot hold NUL: refused here as input, not discovered by the database as a 500.
  app.addHook('preValidation', async (request, reply) => {
    const field = findNul(request.body, '') ?? findNul(request.query, '') ?? findNul(request.params, '');
    if (field === undefined) return;
    return sendError(reply, 400, {
      error: { code: 'validation', message: translate(request.locale, 'errors.validation'), fields: { [field || 'body']: translate(request.locale, 'errors.field.nulCharacter') } },
    });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE}; includeSubDomains`);
    // Trainers scan QR codes with the camera; nothing else of the device is needed.
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}

/**
 * The CSRF check, run by the access hook before the session is resolved: a write under /api
 * that presents a session cookie must carry `x-berdaya-csrf: 1`. Public routes (sign-in,
 * invitation, RSVP: their body is the credential) and the CLI hand-off (a token header) are
 * exempt. Returns true when the request was refused.
 */
export function refuseCrossSiteWrite(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!WRITE_METHODS.has(request.method)) return false;
  if (!request.cookies[SESSION_COOKIE]) return false;
  if (request.headers[CSRF_HEADER] === '1') return false;
  sendError(reply, 403, { error: { code: 'csrf', message: translate(request.locale, 'errors.csrf', { header: CSRF_HEADER }) } });
  return true;
}

/**
 * Per client address, on public API routes that set no limit of their own (health, `me`,
 * the OpenAPI document): generous for people and monitors, a wall for floods.
 */
export const PUBLIC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' } as const;

/** Run from an `onRoute` hook registered before @fastify/rate-limit, which reads the setting. */
export function applyPublicRateLimit(route: RouteOptions): void {
  const config = route.config as { access?: object; rateLimit?: unknown } | undefined;
  if (!config?.access || !('public' in config.access) || config.rateLimit !== undefined) return;
  route.config = { ...config, rateLimit: { ...PUBLIC_RATE_LIMIT } } as RouteOptions['config'];
}

/** The path (`name`, `materials.0.title`) of the first string or key holding a NUL character, if any. */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = findNul(item, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const META_NONCE = 'csp-nonce';
let indexCache: { file: string; mtimeMs: number; html: string } | null = null;

/**
 * Sends the web app's index.html with this response's style nonce in a meta tag, where the
 * app reads it for Mantine (see web/src/App.tsx).
 */
export async function sendIndexHtml(reply: FastifyReply, webDist: string): Promise<FastifyReply> {
  const file = path.join(webDist, 'index.html');
  const { mtimeMs } = await stat(file);
  if (!indexCache || indexCache.file !== file || indexCache.mtimeMs !== mtimeMs) indexCache = { file, mtimeMs, html: await readFile(file, 'utf8') };
  const nonce = (reply as FastifyReply & { cspNonce?: { style: string } | null }).cspNonce?.style ?? '';
  const html = indexCache.html.replace('<head>', `<head>\n    <meta name="${META_NONCE}" content="${nonce}" />`);
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}
