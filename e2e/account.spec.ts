import { expect, test } from '@playwright/test';
import { communeOfficer, logIn, visit } from './support/session.js';
import { totpNow } from './support/totp.js';

/** An officer used only by this journey, so turning 2FA on and off disturbs no other test. */
const OFFICER = communeOfficer('HCM-25780');

test('an officer manages API tokens, turns two-factor login on and off, and switches language', async ({
  page,
}) => {
  await logIn(page, OFFICER);
  await page.getByRole('menuitem', { name: 'Tài khoản' }).click();

  // A wrong current password is reported next to the field.
  await page.getByLabel('Mật khẩu hiện tại').fill('not-my-password');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2026');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('Mật khẩu hiện tại không đúng').first()).toBeVisible();

  // API token: shown once, then revoked.
  await page.getByPlaceholder('Tên khóa').fill('Máy tính xã');
  await page.getByRole('button', { name: 'Tạo khóa' }).click();
  await expect(page.getByTestId('created-token')).not.toBeEmpty();
  const tokenRow = page.locator('.ant-table-row', { hasText: 'Máy tính xã' });
  await expect(tokenRow).toBeVisible();
  await tokenRow.getByRole('button', { name: 'Thu hồi' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Có' }).click();
  await expect(tokenRow).toHaveCount(0);

  // Two-factor: set up, confirm with a code, and the next login asks for one.
  await page.getByRole('button', { name: 'Thiết lập' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByPlaceholder('Mã 6 số').fill(totpNow(secret));
  await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
  await expect(page.getByText('Đang bật')).toBeVisible();

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
  await page.getByLabel('Mật khẩu').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mã xác thực hai lớp').fill(totpNow(secret));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('association-name')).toBeVisible();

  await visit(page, '/account');
  await page.getByPlaceholder('Mã 6 số').fill(totpNow(secret));
  await page.getByRole('button', { name: 'Tắt xác thực hai lớp' }).click();
  await expect(page.getByText('Chưa bật')).toBeVisible();

  // English, and back.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Organization' })).toBeVisible();
  await expect(page.getByText('Two-factor authentication', { exact: true })).toBeVisible();
  await page.getByText('VI', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Tổ chức' })).toBeVisible();
});
