import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE, visit } from './support/session.js';

test.use({ storageState: ADMIN_STATE });

/**
 * Refreshes the README screenshot (docs/screenshot-tree.png). Not part of the test run (its
 * project exists only with HOI_DOCS_SCREENSHOTS=1):
 * `HOI_DOCS_SCREENSHOTS=1 node scripts/e2e.mjs --project docs`.
 */
test('screenshot of the organization tree for the README', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit(page, '/units');

  const tree = page.getByTestId('unit-tree');
  const province = tree.locator('.ant-tree-treenode', {
    has: page.locator('[data-unit-code="HN"]'),
  });
  await province.locator('.ant-tree-switcher').click();
  await tree.locator('[data-unit-code="HN"]').click();
  await expect(tree.locator('[data-unit-code="HN-00004"]')).toBeVisible();
  await expect(page.getByTestId('unit-name')).toHaveText('Hội NCT Thành phố Hà Nội');
  await expect(page.getByTestId('unit-timeline')).toBeVisible();
  await page.mouse.move(0, 0);

  await page.screenshot({
    path: fileURLToPath(new URL('../docs/screenshot-tree.png', import.meta.url)),
  });
});
