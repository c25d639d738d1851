import { expect, test } from '@playwright/test';
import { openDialog } from './support/antd.js';
import { ADMIN_STATE, toDisplayDate, visit } from './support/session.js';

test.use({ storageState: ADMIN_STATE });

interface ListedRuleSet {
  code: string;
  effectiveFrom: string;
  source: 'national' | 'association';
  rules: {
    complaint: Record<'1' | '2', { resolution: { days: number; complex?: number } }>;
  };
}

/** Far ahead, so the journeys that run after this one keep the national clocks. */
const EFFECTIVE_FROM = '2090-07-01';

test('the association administrator derives its own rule set from a national one', async ({
  page,
}) => {
  const code = `HOI-E2E-${Date.now()}`;

  // The page is one click from the case inbox.
  await visit(page, '/cases');
  await page.getByTestId('case-rules-link').click();
  await expect(page).toHaveURL(/\/cases\/rules$/);
  await expect(page.getByTestId('case-rules-page')).toContainText(
    'Quy tắc thời hạn và lịch làm việc',
  );

  // Both national sets are listed with their dates and source.
  const list = page.getByTestId('rule-set-list');
  const vn2019 = list.locator('tr[data-row-key="VN-2019"]');
  await expect(vn2019).toContainText('01/01/2019');
  await expect(vn2019).toContainText('Quốc gia');
  await expect(list.locator('tr[data-row-key="VN-2026-07"]')).toContainText('01/07/2026');

  // Opening VN-2019 shows its rules by type and round.
  await vn2019.getByText('VN-2019', { exact: true }).click();
  await expect(page).toHaveURL(/set=VN-2019/);
  const detail = page.getByTestId('rule-set-detail');
  await expect(detail).toHaveAttribute('data-code', 'VN-2019');
  const complaint1 = detail.getByTestId('rule-type-complaint-1');
  await expect(complaint1).toContainText('Khiếu nại, lần 1');
  const acceptance = complaint1.locator('tr[data-row-key="acceptance"]');
  await expect(acceptance).toContainText('Thụ lý');
  await expect(acceptance).toContainText('Ngày làm việc');
  await expect(acceptance).toContainText('Điều 27');
  const resolution = complaint1.locator('tr[data-row-key="resolution"]');
  await expect(resolution.locator('td').nth(1)).toHaveText('30');
  await expect(resolution).toContainText('Ngày theo lịch');
  await expect(detail.getByTestId('rule-extensions-denunciation-1')).toContainText(
    'Khoản 2–4 Điều 30',
  );

  // Copy it: a new code and date, 35 days instead of 30 to resolve a first-round complaint.
  await detail.getByRole('button', { name: 'Tạo bộ quy tắc mới từ bộ này' }).click();
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Tạo bộ quy tắc của hội từ bộ VN-2019');
  await expect(dialog.getByLabel('Mã bộ quy tắc')).toHaveValue('VN-2019-HOI');
  await dialog.getByLabel('Mã bộ quy tắc').fill(code);
  const dateInput = dialog.getByLabel('Áp dụng cho đơn nhận từ ngày');
  await dateInput.click();
  await dateInput.fill(toDisplayDate(EFFECTIVE_FROM));
  await dateInput.press('Enter');
  const days = dialog.getByLabel('Khiếu nại, lần 1 – Giải quyết – Số ngày');
  await expect(days).toHaveValue('30');
  await days.fill('35');
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();

  // The new set is listed as the association's and shown.
  const own = list.locator(`tr[data-row-key="${code}"]`);
  await expect(own).toContainText('Của hội');
  await expect(own).toContainText(toDisplayDate(EFFECTIVE_FROM));
  await expect(detail).toHaveAttribute('data-code', code);
  await expect(
    detail.getByTestId('rule-type-complaint-1').locator('tr[data-row-key="resolution"] td').nth(1),
  ).toHaveText('35');

  // Saved whole: the changed number and the ones left alone.
  const response = await page.request.get('/api/cases/rule-sets');
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: ListedRuleSet[] };
  const saved = items.find((item) => item.code === code);
  expect(saved?.source).toBe('association');
  expect(saved?.effectiveFrom).toBe(EFFECTIVE_FROM);
  expect(saved?.rules.complaint['1'].resolution).toMatchObject({ days: 35, complex: 45 });
  expect(saved?.rules.complaint['2'].resolution.days).toBe(45);

  // The same code again: the server's refusal shows in the dialog, Vietnamese first.
  await detail.getByRole('button', { name: 'Tạo bộ quy tắc mới từ bộ này' }).click();
  await expect(dialog.getByLabel('Mã bộ quy tắc')).toHaveValue(`${code}-HOI`);
  await dialog.getByLabel('Mã bộ quy tắc').fill(code);
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog.getByTestId('server-error')).toContainText('Mã đã được sử dụng');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();

  // The working calendar of 2026: Tết from Monday 16/02.
  await page.getByRole('tab', { name: 'Lịch làm việc' }).click();
  const calendar = page.getByTestId('working-calendar');
  await expect(calendar).toContainText('hoi calendar set');
  const year = calendar.getByLabel('Năm');
  for (const value of ['2027', '2026']) {
    // A click on the year field while its panel is still open from the previous year closes
    // it, and Enter then commits nothing (Ant Design's picker; one failure in a fresh-clone
    // run, 30/11/2026): try again as a user would.
    await expect(async () => {
      await year.click();
      await year.fill(value);
      await year.press('Enter');
      await expect(page).toHaveURL(new RegExp(`year=${value}`), { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(calendar.locator(`tr[data-row-key^="${value}-"]`).first()).toBeVisible();
  }
  const tet = calendar.locator('tr[data-row-key="2026-02-16"]');
  await expect(tet).toContainText('16/02/2026');
  await expect(tet).toContainText('Thứ Hai');
  await expect(tet).toContainText('Ngày nghỉ');
  await expect(tet).toContainText('Tết Nguyên Đán');
  await expect(calendar.locator('tr[data-row-key="2026-02-20"]')).toContainText('Thứ Sáu');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the rules and the calendar fit the screen; their tables scroll inside it', async ({
    page,
  }) => {
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await visit(page, '/cases/rules?set=VN-2026-07');
    const detail = page.getByTestId('rule-set-detail');
    await expect(detail).toHaveAttribute('data-code', 'VN-2026-07');
    await expect(detail.getByTestId('rule-type-denunciation-1')).toContainText('Tố cáo');
    expect(await pageWidth()).toBeLessThanOrEqual(360);

    await page.getByRole('tab', { name: 'Lịch làm việc' }).click();
    await expect(
      page.getByTestId('calendar-days').locator('tr.ant-table-row').first(),
    ).toBeVisible();
    expect(await pageWidth()).toBeLessThanOrEqual(360);
  });
});
