import { expect, test } from '@playwright/test';
import { adminApi, communeOfficer, findUnitByCode, logIn, visit } from './support/session.js';

/** Two sibling communes of the demo data: the officer of A must not see B. */
const COMMUNE_A = { code: 'HN-00004', name: 'Hội NCT Phường Ba Đình' };
const COMMUNE_B = { code: 'HN-00008', name: 'Hội NCT Phường Ngọc Hà' };

test('a commune officer sees their commune and nothing of a sibling commune', async ({ page }) => {
  const admin = await adminApi();
  const communeB = await findUnitByCode(admin, COMMUNE_B.code);
  await admin.dispose();

  await logIn(page, communeOfficer(COMMUNE_A.code));
  await visit(page, '/units');
  const tree = page.getByTestId('unit-tree');
  await expect(tree.locator(`[data-unit-code="${COMMUNE_A.code}"]`)).toBeVisible();
  await expect(tree).not.toContainText(COMMUNE_B.name);
  await expect(tree.locator(`[data-unit-code="${COMMUNE_B.code}"]`)).toHaveCount(0);

  // Typing the address of commune B: the server answers 404 and the page says so.
  await visit(page, `/units/${communeB.id}`);
  await expect(page.getByTestId('unit-not-found')).toContainText('Không tìm thấy đơn vị');
  await expect(
    page.getByTestId('unit-tree').locator(`[data-unit-code="${COMMUNE_B.code}"]`),
  ).toHaveCount(0);

  // Searching does not reveal it either.
  await page.getByTestId('unit-search').locator('input').fill('Ngoc Ha');
  await expect(page.getByTestId('unit-search-results')).toContainText(
    'Không tìm thấy đơn vị phù hợp',
  );
});
