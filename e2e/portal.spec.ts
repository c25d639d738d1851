import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { adminApi, csrfTokenOf, findUnitByCode, logIn, visit } from './support/session.js';

const BRANCH = 'HN-00008-CH1';

function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

test('an invited member sets a password, lands on the portal and downloads the card', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const fullName = `Lê Thị Cổng ${tag}`;
  const password = 'mat-khau-hoi-vien-2026';

  // The officer's side, through the API: a new member and an invitation.
  const admin = await adminApi();
  const csrf = await csrfTokenOf(admin);
  const branch = await findUnitByCode(admin, BRANCH);
  const created = await admin.post('/api/members', {
    headers: { 'x-csrf-token': csrf },
    data: {
      person: { fullName, birthDate: '1949-03', gender: 'female' },
      unitId: branch.id,
      admission: { number: 'E2E-02/QĐ', date: todayInVietnam(), signer: 'Chủ tịch Hội (E2E)' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const member = (await created.json()) as { id: string; memberNumber: string };
  const invited = await admin.post(`/api/members/${member.id}/invite`, {
    headers: { 'x-csrf-token': csrf },
    data: { username: `hv.${tag}` },
  });
  expect([200, 201], await invited.text()).toContain(invited.status());
  const invitation = (await invited.json()) as { token: string; username: string };
  expect(invitation.username).toBe(`hv.${tag}`);
  await admin.dispose();

  // The member, on a phone, with no session.
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await visit(page, `/invite/${invitation.token}`);
  await expect(page.getByText(fullName)).toBeVisible();
  await expect(page.getByTestId('invite-username')).toHaveText(invitation.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
  await page.getByLabel('Nhập lại mật khẩu').fill('khac');
  await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await expect(page.getByText('Mật khẩu cần ít nhất 10 ký tự')).toBeVisible();
  await expect(page.getByText('Hai mật khẩu không khớp')).toBeVisible();
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByLabel('Nhập lại mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
  await expect(page.getByTestId('invite-done')).toContainText(invitation.username);

  // The link is single-use.
  await visit(page, `/invite/${invitation.token}`);
  await expect(page.getByTestId('invite-invalid')).toContainText('Lời mời không hợp lệ');

  // Logging in opens the portal (a member holds only self.read).
  await logIn(page, { username: invitation.username, password });
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId('portal-name')).toHaveText(fullName);
  await expect(page.getByTestId('portal-profile')).toContainText(member.memberNumber);
  await expect(page.getByTestId('consent-unanswered').first()).toBeVisible();

  // The card, as PDF and as PNG.
  for (const format of [
    { button: 'card-pdf', type: 'application/pdf', extension: '.pdf', magic: '%PDF' },
    { button: 'card-png', type: 'image/png', extension: '.png', magic: '\x89PNG' },
  ]) {
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/portal/card')),
      page.waitForEvent('download'),
      page.getByTestId(format.button).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain(format.type);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\${format.extension}$`));
    const path = await download.path();
    const head = (await readFile(path)).subarray(0, 4).toString('latin1');
    expect(head).toBe(format.magic);
  }

  await context.close();
});

test('public pages say clearly when an invitation or a card is not valid', async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await visit(page, '/verify/khong-phai-ma-the-hop-le-0000000000');
  await expect(page.getByTestId('verify-not-found')).toContainText('Không tìm thấy thẻ');
  await visit(page, '/invite/khong-phai-ma-moi-hop-le-0000000000');
  await expect(page.getByTestId('invite-invalid')).toContainText('Lời mời không hợp lệ');
  await context.close();
});
