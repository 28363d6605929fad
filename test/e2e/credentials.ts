/** The administrator the e2e server bootstraps (playwright.config.ts) and the tests sign in as. */
export const ADMIN = { email: 'admin@e2e.berdaya.id', password: 'rahasia-e2e-12345' };
