import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Actor, Role } from '../core/policy.ts';
import type { Locale } from './i18n.ts';

/** What every route module receives: the database, configuration and secret. */
export type AppContext = {
  database: Database;
  db: Db;
  config: Config;
  /** Key material for signing tokens; never logged. */
  secret: string;
};

/** Every /api route declares who may call it; the server refuses to start otherwise. */
export type RouteAccess = { public: true } | { roles: readonly Role[] };

export type SessionActor = Actor & { email: string; name: string; sessionId: string };

// Module augmentation needs interfaces.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */
