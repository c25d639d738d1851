import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Types into an antd searchable Select (e.g. the unit picker) and picks the matching option. */
export async function pickOption(
  page: Page,
  field: Locator,
  search: string,
  option: string | RegExp,
) {
  await field.click();
  await field.fill(search);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: option,
  });
  await expect(item.first()).toBeVisible();
  await item.first().click();
}

/** The open modal dialog (closed ones stay mounted but hidden; drawers are dialogs too). */
export function openDialog(page: Page): Locator {
  return page.getByRole('dialog').and(page.locator('.ant-modal'));
}
