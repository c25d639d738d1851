import { expect, test } from '@playwright/test';
import { pickOption } from './support/antd.js';
import { ADMIN_STATE, toDisplayDate, visit, yesterdayInVietnam } from './support/session.js';

test.use({ storageState: ADMIN_STATE });

test('an officer admits a member with a decision and finds the admission on the timeline', async ({
  page,
}) => {
  // A long journey through several screens; on a busy machine it needs more than the default.
  test.slow();
  // Letters only: the list reads a search with digits as a number (member, ID, phone).
  const tag = [...String(Date.now()).slice(-7)].map((d) => 'ABCDEGHIKL'[Number(d)]).join('');
  const fullName = `Nguyễn Thị Thử ${tag}`;
  // 001 = Hà Nội, 1 = a woman born in the 1900s, 50 = 1950: unlike the 1948 typed below.
  const idNumber = `001150${String(Date.now()).slice(-6)}`;
  const decisionDate = yesterdayInVietnam();

  await visit(page, '/');
  await page.getByRole('menuitem', { name: 'Hội viên' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByTestId('members-table')).toBeVisible();
  await page.getByRole('button', { name: 'Kết nạp hội viên' }).click();
  await expect(page).toHaveURL(/\/members\/new$/);

  const form = page.getByTestId('member-new');
  await form.getByLabel('Họ và tên').fill(fullName);
  await form.getByLabel('Ngày sinh').fill('12/5/1948');
  await expect(form.getByText('Sẽ ghi: 12/05/1948')).toBeVisible();
  await form.getByLabel('Nữ').check();
  await form.getByLabel('Số định danh cá nhân (CCCD)').fill(idNumber.slice(0, 5));
  await expect(form.getByText('Số định danh gồm đúng 12 chữ số')).toBeVisible();
  await form.getByLabel('Số định danh cá nhân (CCCD)').fill(idNumber);
  await expect(form.getByTestId('id-feedback')).toContainText(
    'Số định danh cho năm sinh 1950, khác năm sinh đã nhập',
  );
  await form.getByLabel('Điện thoại').fill('0912 345 678');
  await expect(form.getByText('Sẽ lưu: 0912345678')).toBeVisible();
  await pickOption(page, form.getByLabel('Chi hội / đơn vị'), 'HN-00004-CH1-T1', /HN-00004-CH1-T1/);

  await form.getByLabel('Kết nạp ngay (có quyết định)').click();
  await form.getByLabel('Số quyết định').fill('12/QĐ-HNCT');
  const dateInput = form.getByLabel('Ngày quyết định');
  await dateInput.click();
  await dateInput.fill(toDisplayDate(decisionDate));
  await dateInput.press('Enter');
  await form.getByLabel('Người ký').fill('Trần Văn Chủ');

  // The ID disagrees with the birth year: the server asks for a confirmation first.
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  const warnings = form.getByTestId('id-warnings');
  await expect(warnings).toContainText('Số định danh cho năm sinh 1950');
  await warnings.getByLabel('Tôi đã kiểm tra giấy tờ; vẫn lưu như đã nhập').check();
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();

  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}$/);
  const profile = page.getByTestId('member-profile');
  await expect(profile.getByTestId('member-name')).toHaveText(fullName);
  await expect(profile).toContainText('Đang sinh hoạt');
  await expect(page.getByTestId('member-facts')).toContainText('12/05/1948');
  await expect(page.getByTestId('member-facts')).toContainText('0912345678');

  await page.getByRole('tab', { name: 'Quá trình' }).click();
  const admitted = page.getByTestId('member-timeline').getByTestId('event-admitted');
  await expect(admitted).toContainText('Kết nạp');
  await expect(admitted).toContainText(
    `Quyết định số 12/QĐ-HNCT ngày ${toDisplayDate(decisionDate)}, người ký: Trần Văn Chủ`,
  );

  // The list finds the new member by name typed without diacritics.
  await page.getByRole('link', { name: 'Danh sách hội viên' }).first().click();
  await page.getByLabel('Tìm hội viên').fill(`nguyen thi thu ${tag.toLowerCase()}`);
  await expect(page).toHaveURL(/q=nguyen/);
  const table = page.getByTestId('members-table');
  await expect(table).toContainText(fullName);
  await table.getByRole('link', { name: `Mở hồ sơ ${fullName}` }).click();
  await expect(page.getByTestId('member-name')).toHaveText(fullName);
});
