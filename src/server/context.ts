import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Actor, Role } from '../core/policy.ts';
import type { Locale } from './i18n.ts';
import type { JobRunner } from '../modules/jobs/runner.ts';

/** What every route module receives: the database, configuration and secret. */
export type AppContext = {
  database: Database;
  db: Db;
  config: Config;
  /** Key material for signing tokens; never logged. */
  secret: string;
  /** Shared with the local CLI through the data-dir lock file (mode 0600). */
  handoffToken?: string;
};

/** Every /api route declares who may call it; the server refuses to start otherwise. */
export type RouteAccess =
  | { public: true }
  | { roles: readonly Role[] }
  /** The local CLI handing work to this server (PGlite: the CLI may not open the data dir). */
  | { handoff: true };

/** A registered API route and its access rule (the table the access-matrix tests walk). */
export type ApiRoute = { method: string; url: string; access: RouteAccess; hidden: boolean };

export type SessionActor = Actor & { email: string; name: string; sessionId: string };

// Module augmentation needs interfaces.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
    locale: Locale;
  }
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
    jobs: JobRunner;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */
