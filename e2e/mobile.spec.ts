import { expect, test } from '@playwright/test';
import { ADMIN, logIn, visit } from './support/session.js';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('on a 360 px phone the menu lives in a drawer and the tree opens', async ({ page }) => {
  await logIn(page, ADMIN);
  await expect(page.getByTestId('nav-sider')).toHaveCount(0);

  await page.getByTestId('nav-drawer-button').click();
  const drawer = page.getByTestId('nav-drawer');
  await expect(drawer).toBeVisible();
  // No module is a disabled placeholder any more: the periodic reports are a real entry too.
  await expect(drawer.getByRole('menuitem', { name: 'Báo cáo định kỳ' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await expect(drawer.getByRole('menuitem', { name: 'Hội viên' })).not.toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await drawer.getByRole('menuitem', { name: 'Tổ chức' }).click();
  await expect(drawer).toBeHidden();

  const tree = page.getByTestId('unit-tree');
  await expect(tree.locator('[data-unit-code="TW"]')).toBeVisible();
  await expect(tree.locator('[data-unit-code="HN"]')).toBeVisible();
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(360);

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await visit(page, '/units');
  await expect(page).toHaveURL(/\/login\?next=%2Funits/);
});
