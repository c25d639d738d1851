import type { APIResponse, Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { openDialog } from './support/antd.js';
import { docxText } from './support/docx.js';
import { communeOfficer, logIn, visit } from './support/session.js';

/** A Hà Nội commune no other journey uses, so its case register starts empty. */
const COMMUNE = { code: 'HN-00091', name: 'Hội NCT Phường Phú Thượng' };
const SEALED_MESSAGE =
  'Nội dung còn chứa thông tin niêm phong của người tố cáo hoặc người thân; hãy lược bỏ';

/** Picks an option of an antd Select (no search) by its exact text. */
async function choose(page: Page, field: Locator, option: string) {
  await field.click();
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: new RegExp(`^${option}$`),
  });
  await expect(item.first()).toBeVisible();
  await item.first().click();
}

interface CaseBody {
  id: string;
  status: string;
  version: number;
  publication: { text: string; from: string; until: string } | null;
  extensions: { days: number; decisionNumber: string }[];
  complexity: string;
  sealed: { count: number; roles: string[] };
}

async function caseOf(response: APIResponse): Promise<CaseBody> {
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as CaseBody;
}

test('a commune officer records a denunciation and publishes its conclusion without the denouncer', async ({
  page,
}) => {
  // A dozen round trips and a document: more than the default on a busy machine.
  test.slow();
  // Letters only in the name (a name with digits would not read as a name).
  const tag = [...String(Date.now()).slice(-6)].map((d) => 'ABCDEGHIKL'[Number(d)]).join('');
  const digits = String(Date.now()).slice(-8);
  const denouncer = {
    name: `Đặng Thị Hạnh ${tag}`,
    phone: `09${digits}`,
    address: `Số ${digits.slice(0, 3)} ngõ ${digits.slice(3, 5)} phố Văn Cao ${tag}`,
  };
  const subject = `Tố cáo sai phạm thu chi quỹ hội (E2E ${tag})`;
  const cleanText = `Kết luận nội dung tố cáo đối với ông Trần Văn Quỹ (E2E ${tag}): tố cáo đúng một phần.`;
  const denouncerValues = [
    denouncer.name,
    denouncer.phone,
    denouncer.phone.slice(1),
    `${denouncer.phone.slice(0, 4)} ${denouncer.phone.slice(4, 7)} ${denouncer.phone.slice(7)}`,
    denouncer.address,
  ];

  // 1. Intake: the officer records the denunciation; the denouncer goes in the sealed section.
  await logIn(page, communeOfficer(COMMUNE.code));
  await page.getByRole('menuitem', { name: 'Đơn thư' }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByRole('tab', { name: 'Đang giải quyết', selected: true })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp nhận đơn' }).click();
  await expect(page).toHaveURL(/\/cases\/new$/);
  const form = page.getByTestId('case-new');
  // The officer's only unit is preset.
  await expect(form.getByText(`${COMMUNE.name} (${COMMUNE.code})`)).toBeVisible();
  await choose(page, form.getByLabel('Loại đơn', { exact: true }), 'Tố cáo');
  const sealedSection = page.getByTestId('case-sealed-section');
  await expect(sealedSection).toContainText('Thông tin người tố cáo (niêm phong)');
  await page.getByTestId('case-subject').fill(subject);
  await page
    .getByTestId('case-content')
    .fill('Ông Trần Văn Quỹ, thủ quỹ chi hội, thu quỹ không ghi sổ trong năm nay.');
  await page.getByTestId('case-accused').fill('Ông Trần Văn Quỹ, thủ quỹ chi hội');
  await page.getByTestId('case-denouncer-name').fill(denouncer.name);
  await page.getByTestId('case-denouncer-phone').fill(denouncer.phone);
  await page.getByTestId('case-denouncer-address').fill(denouncer.address);
  // An anonymous letter is information, not a denunciation: the sealed section goes away.
  await page.getByTestId('case-anonymous').check();
  await expect(page.getByTestId('case-anonymous-hint')).toContainText('Điều 25');
  await expect(sealedSection).toHaveCount(0);
  await page.getByTestId('case-anonymous').uncheck();
  await expect(page.getByTestId('case-denouncer-name')).toHaveValue(denouncer.name);
  await page.getByTestId('case-submit').click();

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = page.url().split('/').pop()!;
  const detail = page.getByTestId('case-detail');
  await expect(detail.getByTestId('case-number')).toHaveText(/^\d+\/\d{4}\/HN-00091$/);
  await expect(detail.getByTestId('case-status').first()).toHaveText('Đã tiếp nhận');
  await expect(page.getByTestId('case-sealed')).toContainText('Đã niêm phong 1 người');
  await expect(page.getByTestId('case-clock')).toContainText('Hạn xử lý ban đầu');
  await expect(page.getByTestId('case-clock')).toContainText('ngày làm việc');

  // 2. Acceptance as a complex case (one extension of up to 30 days becomes possible).
  await page.getByTestId('case-action-accept').click();
  let dialog = openDialog(page);
  await choose(page, dialog.getByLabel('Độ phức tạp'), 'Phức tạp');
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('case-status').first()).toHaveText('Đã thụ lý');
  await expect(detail.getByTestId('case-complexity')).toHaveText('Phức tạp');

  // 3. One extension of 30 days by decision.
  await page.getByTestId('case-action-extend').click();
  dialog = openDialog(page);
  await dialog.getByTestId('case-extend-days').fill('30');
  await dialog.getByTestId('case-extend-decision').fill(`01/QĐ-GH-${tag}`);
  await dialog
    .getByTestId('case-extend-reason')
    .fill('Vụ việc phức tạp, cần xác minh thêm chứng từ thu chi.');
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-extensions')).toContainText(`01/QĐ-GH-${tag}`);
  await expect(page.getByTestId('milestone-resolution_due_extended')).toContainText(
    'Hạn giải quyết sau gia hạn',
  );

  // 4. Conclusion.
  await page.getByTestId('case-action-conclude').click();
  dialog = openDialog(page);
  await dialog
    .getByTestId('case-findings')
    .fill('Đã đối chiếu sổ quỹ và chứng từ: có 3 khoản thu chưa ghi sổ.');
  await dialog.getByTestId('case-conclusion').fill(cleanText);
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('case-status').first()).toHaveText('Đã có kết luận/quyết định');
  const concluded = await caseOf(await page.request.get(`/api/cases/${caseId}`));
  expect(concluded.status).toBe('concluded');

  // 5. A publication text naming the denouncer is refused and changes nothing.
  await page.getByTestId('case-action-publish').click();
  dialog = openDialog(page);
  await dialog.getByTestId('case-publish-place').fill('Trụ sở Hội NCT Phường Phú Thượng');
  await dialog
    .getByTestId('case-publish-text')
    .fill(`${cleanText} Người tố cáo là bà ${denouncer.name}.`);
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog.getByTestId('server-error')).toContainText(SEALED_MESSAGE);
  await expect(dialog).toContainText('Có thông tin niêm phong (họ tên) trong trường này');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();
  const unchanged = await caseOf(await page.request.get(`/api/cases/${caseId}`));
  expect(unchanged.status).toBe('concluded');
  expect(unchanged.publication).toBeNull();
  expect(unchanged.version).toBe(concluded.version);

  // 6. Publication for 15 days (the default period) with a clean text.
  await page.getByTestId('case-action-publish').click();
  dialog = openDialog(page);
  await expect(dialog).toContainText('Thời gian công khai: 15 ngày');
  await dialog.getByTestId('case-publish-place').fill('Trụ sở Hội NCT Phường Phú Thượng');
  await dialog.getByTestId('case-publish-text').fill(cleanText);
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('case-status').first()).toHaveText('Đang công khai');
  await expect(page.getByTestId('case-published-text')).toHaveText(cleanText);

  // 7. The publication notice (.docx).
  await page.getByTestId('case-action-document').click();
  dialog = openDialog(page);
  await expect(dialog.getByLabel('Loại văn bản')).toBeVisible();
  await expect(dialog).toContainText('Thông báo công khai kết luận');
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  const issued = page.getByTestId('case-issued');
  await expect(issued).toContainText('Đã ban hành văn bản số');
  const href = await issued.getByTestId('case-issued-download').getAttribute('href');
  expect(href).toMatch(new RegExp(`^/api/cases/${caseId}/documents/[0-9a-f-]{36}$`));
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('wordprocessingml');
  const notice = await docxText(await download.body());
  expect(notice).toContain('công khai');

  // 8. Neither the page, nor the case the API answers, nor the notice carries the denouncer.
  const published = await caseOf(await page.request.get(`/api/cases/${caseId}`));
  expect(published.status).toBe('published');
  expect(published.complexity).toBe('complex');
  expect(published.extensions).toEqual([
    expect.objectContaining({ days: 30, decisionNumber: `01/QĐ-GH-${tag}` }),
  ]);
  expect(published.publication?.text).toBe(cleanText);
  expect(published.sealed).toEqual({ count: 1, roles: ['denouncer'] });
  const apiText = JSON.stringify(published);
  await visit(page, `/cases/${caseId}`);
  await expect(page.getByTestId('case-published-text')).toHaveText(cleanText);
  const pageText = await page.locator('body').innerText();
  for (const value of denouncerValues) {
    expect(apiText, `the API answer carries "${value}"`).not.toContain(value);
    expect(pageText, `the page shows "${value}"`).not.toContain(value);
    expect(notice, `the notice carries "${value}"`).not.toContain(value);
  }

  // 9. The officer who recorded the identity may open it, on an explicit click that is logged.
  await page.getByTestId('sealed-view').click();
  await expect(page.getByTestId('sealed-parties')).toContainText(denouncer.name);
  await expect(page.getByTestId('case-timeline')).toContainText('Xem thông tin niêm phong');
  await visit(page, `/cases/${caseId}`);
  await expect(page.getByTestId('case-sealed')).toContainText('Đã niêm phong 1 người');
  await expect(page.getByTestId('sealed-parties')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(denouncer.name);

  // The inbox lists it with its next deadline: the end of the publication.
  await visit(page, `/cases?q=${encodeURIComponent(tag)}`);
  const row = page.getByTestId('cases-table').getByRole('row', { name: new RegExp(tag) });
  await expect(row).toContainText('Đang công khai');
  await expect(row).toContainText('Hết thời gian công khai');
  await expect(row.getByTestId('case-days-left')).toHaveText('Còn 14 ngày');
});
