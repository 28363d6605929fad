import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate, ensurePostgresTemplate, testServerUrl, type TestDbKind } from './template.ts';

// Module augmentation needs interfaces.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: TestDbKind;
    /** PGlite: template data directory. PostgreSQL: template database name. */
    dbTemplate: string;
    /** PostgreSQL server URL (any database), empty for PGlite. */
    dbServerUrl: string;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

export default async function setup(project: TestProject): Promise<void> {
  const kind = (project.config.env?.BERDAYA_TEST_DB ?? 'pglite') as TestDbKind;
  project.provide('dbKind', kind);
  if (kind === 'pglite') {
    project.provide('dbTemplate', await ensurePgliteTemplate());
    project.provide('dbServerUrl', '');
    return;
  }
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: the postgres test project needs a PostgreSQL server');
  project.provide('dbTemplate', await ensurePostgresTemplate(serverUrl));
  project.provide('dbServerUrl', serverUrl);
}
