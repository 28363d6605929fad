import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const dbTests = ['src/modules/**/*.test.ts', 'src/server/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/db/**/*.test.ts'];

function dbProject(kind: 'pglite' | 'postgres'): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: kind,
      include: dbTests,
      env: { BERDAYA_TEST_DB: kind },
      globalSetup: ['test/support/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}

/**
 * Pure logic runs once; database tests run twice, on PGlite and on a real PostgreSQL
 * (TEST_DATABASE_URL, started by .ci/run). Without TEST_DATABASE_URL the PostgreSQL
 * project is left out locally with a warning, and is an error under CI.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);
if (!postgres) {
  if (process.env.CI) throw new Error('CI: TEST_DATABASE_URL must point at a PostgreSQL server');
  console.warn('\n⚠ TEST_DATABASE_URL is not set: skipping the PostgreSQL test project (PGlite only).\n');
}

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'core', include: ['src/core/**/*.test.ts', 'web/src/**/*.test.ts'] } },
      dbProject('pglite'),
      ...(postgres ? [dbProject('postgres')] : []),
    ],
  },
});
