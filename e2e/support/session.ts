import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, request } from '@playwright/test';

/**
 * The admin's signed-in browser state, written once per run by auth.setup.ts. Journeys that are
 * not about logging in start from it: the server allows only 10 logins a minute per account name and address.
 */
export const ADMIN_STATE = fileURLToPath(new URL('../.auth/admin.json', import.meta.url));

/** Demo accounts seeded by the server (apps/server/src/seed/demo-data.ts). */
export const ADMIN = {
  username: 'admin',
  password: process.env.HOI_ADMIN_PASSWORD ?? 'e2e-admin-password-1',
};
export const DEMO_PASSWORD = process.env.HOI_DEMO_PASSWORD ?? 'demo-password-2026';

/** Officer account of a demo commune: `canbo.<commune code in lower case>`. */
export function communeOfficer(communeCode: string) {
  return { username: `canbo.${communeCode.toLowerCase()}`, password: DEMO_PASSWORD };
}

/**
 * Opens an app address directly (as a bookmark or a reload would), failing at once if the
 * server does not answer it with the single-page app.
 */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path} must serve the web app`).toBe(200);
}

/** Logs in through the login form and waits for the app shell. */
export async function logIn(page: Page, account: { username: string; password: string }) {
  await visit(page, '/login');
  await page.getByLabel('Tên đăng nhập').fill(account.username);
  await page.getByLabel('Mật khẩu').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('association-name')).toBeVisible();
}

/** An API client in the admin's session (for looking data up, not for the journey). */
export async function adminApi(): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: process.env.HOI_E2E_URL ?? 'http://localhost:8080',
    storageState: ADMIN_STATE,
  });
}

/** The session's CSRF token, which every non-GET call must send as x-csrf-token. */
export async function csrfTokenOf(api: APIRequestContext): Promise<string> {
  const response = await api.get('/api/me');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

interface UnitSummary {
  id: string;
  code: string;
  name: string;
}

/** Finds a unit by its code through the search API. */
export async function findUnitByCode(api: APIRequestContext, code: string): Promise<UnitSummary> {
  const response = await api.get('/api/units', { params: { q: code, limit: 50 } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: UnitSummary[] };
  const unit = body.items.find((item) => item.code === code);
  if (!unit) throw new Error(`unit ${code} not found`);
  return unit;
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`, as the date pickers expect it typed. */
export function toDisplayDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** Yesterday's date in Vietnam time as `YYYY-MM-DD`. */
export function yesterdayInVietnam(): string {
  const now = new Date(Date.now() - 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}
