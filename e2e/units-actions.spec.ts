import { expect, test } from '@playwright/test';
import { pickOption, openDialog } from './support/antd.js';
import { ADMIN_STATE, visit } from './support/session.js';

test.use({ storageState: ADMIN_STATE });

/**
 * The structural changes of the organization tree, end to end: create a branch, move it,
 * split it in two, merge the parts into a new branch, dissolve that branch.
 */
test('admin creates, moves, splits, merges and dissolves a branch', async ({ page }) => {
  const tag = Date.now().toString(36).toUpperCase();

  // Open commune A (Ba Đình) through the search box: "ba dinh" without diacritics finds it.
  await visit(page, '/units');
  await page.getByTestId('unit-search').locator('input').fill('ba dinh');
  await page.getByTestId('unit-search-results').getByText('Hội NCT Phường Ba Đình').click();
  await expect(page.getByTestId('unit-name')).toHaveText('Hội NCT Phường Ba Đình');

  // Create a branch under it; the app opens the new unit.
  await page.getByTestId('action-create').click();
  let dialog = openDialog(page);
  await dialog.getByLabel('Tên đơn vị').fill(`Chi hội Thử nghiệm ${tag}`);
  await dialog.getByLabel('Mã đơn vị', { exact: true }).fill('bad code!');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Mã chỉ gồm chữ không dấu, số và . _ -')).toBeVisible();
  await dialog.getByLabel('Mã đơn vị', { exact: true }).fill(`T-${tag}`);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('unit-name')).toHaveText(`Chi hội Thử nghiệm ${tag}`);

  // A duplicate code is refused by the server and shown next to the field.
  await page.getByTestId('action-create').click();
  dialog = openDialog(page);
  await dialog.getByLabel('Tên đơn vị').fill('Tổ trùng mã');
  await dialog.getByLabel('Mã đơn vị', { exact: true }).fill(`T-${tag}`);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByTestId('server-error')).toContainText('Mã đã được sử dụng');
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  // Move it under commune B (Ngọc Hà), picked by typing without diacritics.
  await page.getByTestId('action-more').click();
  // The unit's action menu, not the navigation (which has "Chuyển sinh hoạt").
  await page.locator('.ant-dropdown-menu').getByRole('menuitem', { name: 'Chuyển' }).click();
  dialog = openDialog(page);
  await pickOption(
    page,
    dialog.getByLabel('Đơn vị cấp trên mới'),
    'ngoc ha',
    'Hội NCT Phường Ngọc Hà',
  );
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('unit-detail')).toContainText('Hội NCT Phường Ngọc Hà');

  // Split it into two parts.
  await page.getByTestId('action-more').click();
  await page.getByRole('menuitem', { name: 'Chia tách' }).click();
  dialog = openDialog(page);
  const parts = dialog.locator('.ant-card');
  for (const [index, suffix] of ['A', 'B'].entries()) {
    await parts.nth(index).getByLabel('Tên đơn vị').fill(`Chi hội ${tag} ${suffix}`);
    await parts.nth(index).getByLabel('Mã đơn vị', { exact: true }).fill(`T-${tag}-${suffix}`);
  }
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('unit-detail')).toContainText('Đã chia tách');
  const history = page.getByTestId('unit-history');
  await expect(history.getByTestId('event-split')).toContainText(`Chi hội ${tag} A`);

  // Follow the successor link to part A and merge A and B into a new branch under Ngọc Hà.
  await history.getByRole('link', { name: new RegExp(`Chi hội ${tag} A`) }).click();
  await expect(page.getByTestId('unit-name')).toHaveText(`Chi hội ${tag} A`);
  await page.getByTestId('action-more').click();
  await page.getByRole('menuitem', { name: 'Hợp nhất' }).click();
  dialog = openDialog(page);
  await pickOption(
    page,
    dialog.getByLabel('Các đơn vị hợp nhất'),
    `T-${tag}-B`,
    `Chi hội ${tag} B`,
  );
  await dialog.getByText('Hợp nhất thành đơn vị mới').click();
  await dialog.getByLabel('Tên đơn vị').fill(`Chi hội ${tag} hợp nhất`);
  await dialog.getByLabel('Mã đơn vị', { exact: true }).fill(`T-${tag}-M`);
  await pickOption(
    page,
    dialog.getByLabel('Đơn vị cấp trên của đơn vị mới'),
    'ngoc ha',
    'Hội NCT Phường Ngọc Hà',
  );
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('unit-name')).toHaveText(`Chi hội ${tag} hợp nhất`);
  await expect(page.getByTestId('unit-history').getByTestId('event-merge')).toContainText(
    `Chi hội ${tag} B`,
  );

  // Dissolve the merged branch.
  await page.getByTestId('action-more').click();
  await page.getByRole('menuitem', { name: 'Giải thể' }).click();
  dialog = openDialog(page);
  await dialog.getByLabel(/Lý do/).fill('Thử nghiệm tự động');
  await dialog.getByRole('button', { name: 'Giải thể' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('unit-detail')).toContainText('Đã giải thể');
  await expect(page.getByTestId('action-edit')).toHaveCount(0);
});
