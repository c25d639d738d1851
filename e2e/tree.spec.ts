import { expect, test } from '@playwright/test';
import { openDialog } from './support/antd.js';
import {
  ADMIN,
  ADMIN_STATE,
  adminApi,
  csrfTokenOf,
  findUnitByCode,
  logIn,
  toDisplayDate,
  visit,
  yesterdayInVietnam,
} from './support/session.js';

/** A Hà Nội commune of the demo data, looked up by code (its name changes in this journey). */
const PROVINCE_CODE = 'HN';
const COMMUNE_CODE = 'HN-00070';
const SEEDED_NAME = 'Hội NCT Phường Hoàn Kiếm';

test('admin renames a commune, sees it in the history, and the past tree keeps the old name', async ({
  page,
}) => {
  await logIn(page, ADMIN);
  await page.getByRole('menuitem', { name: 'Tổ chức' }).click();

  const tree = page.getByTestId('unit-tree');
  const province = tree.locator('.ant-tree-treenode', {
    has: page.locator(`[data-unit-code="${PROVINCE_CODE}"]`),
  });
  await province.locator('.ant-tree-switcher').click();
  await tree.locator(`[data-unit-code="${COMMUNE_CODE}"]`).click();

  await expect(page).toHaveURL(/\/units\/[0-9a-f-]{36}/);
  const heading = page.getByTestId('unit-name');
  await expect(heading).not.toBeEmpty();
  const oldName = (await heading.textContent()) ?? '';

  const newName = `Hội NCT Phường Hoàn Kiếm (đổi tên ${Date.now().toString(36)})`;
  await page.getByTestId('action-edit').click();
  const dialog = openDialog(page);
  await dialog.getByLabel('Tên đơn vị').fill(newName);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();

  await expect(heading).toHaveText(newName);
  const history = page.getByTestId('unit-history');
  const latestRename = history.getByTestId('event-rename').first();
  await expect(latestRename).toContainText('Đổi tên');
  await expect(latestRename).toContainText(`${oldName} → ${newName}`);
  await expect(history.getByTestId('unit-names')).toContainText(newName);
  await expect(history.getByTestId('unit-names')).toContainText(SEEDED_NAME);
  await expect(tree.locator(`[data-unit-code="${COMMUNE_CODE}"]`)).toContainText(newName);

  // The tree as of yesterday shows the commune under its name of that day.
  const yesterday = yesterdayInVietnam();
  const asOfInput = page.getByPlaceholder('Xem tại ngày');
  await asOfInput.click();
  await asOfInput.fill(toDisplayDate(yesterday));
  await asOfInput.press('Enter');
  await expect(page.getByTestId('as-of-title')).toHaveText(
    `Cây tổ chức tại ngày ${toDisplayDate(yesterday)}`,
  );
  const pastTree = page.getByTestId('as-of-tree');
  const pastProvince = pastTree.locator('.ant-tree-treenode', {
    has: page.locator(`[data-unit-code="${PROVINCE_CODE}"]`),
  });
  await pastProvince.locator('.ant-tree-switcher').click();
  const pastCommune = pastTree.locator(`[data-unit-code="${COMMUNE_CODE}"]`);
  await expect(pastCommune).toContainText(SEEDED_NAME);
  await expect(pastCommune).not.toContainText(newName);
});

test.describe('signed in', () => {
  test.use({ storageState: ADMIN_STATE });

  test('an edit based on a stale version shows the conflict and reloads the unit', async ({
    page,
  }) => {
    const api = await adminApi();
    const unit = await findUnitByCode(api, 'HN-00082');
    await visit(page, `/units/${unit.id}`);
    await expect(page.getByTestId('unit-name')).toHaveText(unit.name);

    await page.getByTestId('action-edit').click();
    const dialog = openDialog(page);
    await dialog.getByLabel('Tên đơn vị').fill(`${unit.name} (bản của tôi)`);

    // Someone else renames the unit meanwhile.
    const current = (await (await api.get(`/api/units/${unit.id}`)).json()) as { version: number };
    const csrf = await csrfTokenOf(api);
    const theirName = `Hội NCT Phường Cửa Nam (${Date.now().toString(36)})`;
    const patched = await api.patch(`/api/units/${unit.id}`, {
      data: { name: theirName },
      headers: { 'if-match': `"${current.version}"`, 'x-csrf-token': csrf },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    await api.dispose();

    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog.getByTestId('server-error')).toContainText(
      'Dữ liệu đã được người khác thay đổi',
    );
    await expect(dialog.getByLabel('Tên đơn vị')).toHaveValue(theirName);
    await expect(page.getByTestId('unit-name')).toHaveText(theirName);
  });
});
