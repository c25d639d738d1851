import { expect, test } from '@playwright/test';
import { ADMIN, logIn, visit } from './support/session.js';

/**
 * Online intake: anyone sends a denunciation through the public form (no account); it reaches
 * the association's top unit, sealed, and the receipt number finds it in the inbox.
 */
test('a person sends a denunciation from the public form; the officers see it sealed', async ({
  page,
}) => {
  await visit(page, '/gui-don?hoi=HNCT-DEMO');
  const form = page.getByTestId('public-case');
  await form.getByLabel('Loại đơn').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^Tố cáo$/ })
    .click();
  await expect(page.getByText('được mã hóa và giữ bí mật')).toBeVisible();
  await form.getByLabel('Tóm tắt nội dung').fill('Tố cáo thu quỹ sai quy định (cổng trực tuyến)');
  await form
    .getByLabel('Nội dung đơn')
    .fill('Chi hội thu thêm khoản đóng góp không có trong nghị quyết.');
  await form.getByLabel('Họ và tên').fill('Người Gửi Cổng Công Khai');
  await form.getByLabel('Số điện thoại').fill('0966555444');
  await form.getByRole('button', { name: 'Gửi đơn' }).click();
  const receipt = page.getByTestId('public-case-receipt');
  await expect(receipt).toContainText('Đã tiếp nhận đơn, số');
  const number = /số (\S+)/.exec((await receipt.innerText()) ?? '')![1]!;

  // The central office finds it by number; the sender's name appears nowhere on the case page.
  await logIn(page, ADMIN);
  await visit(page, `/cases?box=all&q=${encodeURIComponent(number)}`);
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('sealed-count')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Người Gửi Cổng Công Khai');
  await expect(page.locator('body')).not.toContainText('0966555444');
  // Nobody holds its clearance yet: the first handler takes it (logged), then may open it.
  await page.getByTestId('sealed-claim').click();
  await page.getByTestId('sealed-view').click();
  await expect(page.getByTestId('sealed-parties')).toContainText('Người Gửi Cổng Công Khai');
});
