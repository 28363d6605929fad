import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { ADMIN } from './credentials.ts';

export { ADMIN };

/**
 * Chromium reports every 4xx answer of fetch() as a console error ("Failed to load resource").
 * The app causes some on purpose (signed-out check, wrong password, refused input): those are
 * allowed here, and every other console error, page error or 5xx answer fails the test.
 */
const EXPECTED_CLIENT_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d/;

/** Records console errors, uncaught page errors and 5xx answers of one page into `problems`. */
export function watch(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_CLIENT_ERROR.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}

type Fixtures = { problems: string[] };

export const test = base.extend<Fixtures>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      watch(page, problems);
      await use(problems);
      expect(problems, 'browser console errors, page errors or server errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A suffix that keeps codes and names unique across tests in one server run. */
export const unique = () => Date.now().toString(36).toUpperCase().slice(-5);

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Kata sandi/).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/programs$/);
}

/** The page that owns a locator: select options open in a portal outside dialogs. */
const pageOf = (scope: Page | Locator): Page => ('page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page));

/** Opens a Mantine select by its label (inside `scope`, e.g. a dialog) and picks an option. */
export async function choose(scope: Page | Locator, label: string | RegExp, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await pageOf(scope).getByRole('option', { name: option }).click();
}

/** Types into a server-searched picker (regions, organisations) and picks the option that appears. */
export async function search(scope: Page | Locator, label: string | RegExp, text: string, option: string | RegExp): Promise<void> {
  const input = scope.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(text);
  await pageOf(scope).getByRole('option', { name: option }).click();
}

/** The ID | EN switch in the header (radio inputs drawn as a segmented control). */
export async function switchLanguage(page: Page, language: 'ID' | 'EN'): Promise<void> {
  await page.getByRole('banner').getByText(language, { exact: true }).click();
}
