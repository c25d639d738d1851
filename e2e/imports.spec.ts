import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { pickOption } from './support/antd.js';
import { ADMIN_STATE, visit } from './support/session.js';

test.use({ storageState: ADMIN_STATE });

/** A member list as officers keep them: title rows, headings without diacritics, a total line. */
async function messyMemberList(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH HỘI VIÊN']);
  sheet.mergeCells('A1:G1');
  sheet.addRow(['Chi hội Khu dân cư số 1 — Hội NCT Phường Ngọc Hà']);
  sheet.addRow([]);
  sheet.addRow([
    'STT',
    'Ho va ten',
    'Ngay sinh',
    'Gioi tinh',
    'So CCCD',
    'Dien thoai',
    'Nơi sinh hoạt',
  ]);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['', 'Tổng cộng', '', '', '', '', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('an officer imports a messy Excel list, fixes the mapping and downloads the error report', async ({
  page,
}) => {
  // Upload, two background jobs and a download: more than the default on a busy machine.
  test.slow();
  // Letters only: the list reads a search with digits as a number (member, ID, phone).
  const tag = [...String(Date.now()).slice(-7)].map((d) => 'ABCDEGHIKL'[Number(d)]).join('');
  const serial = Number(String(Date.now()).slice(-6));
  const six = (offset: number) => String((serial + offset) % 1_000_000).padStart(6, '0');
  // 001 = Hà Nội; then 0 = a man / 1 = a woman born in the 1900s, and the year's last two digits.
  const an = { name: `Nguyễn Văn An ${tag}`, id: `001050${six(0)}` };
  const binh = { name: `Trần Thị Bình ${tag}`, id: `001152${six(1)}` };
  const cuong = { name: `Lê Văn Cường ${tag}`, id: `001048${six(2)}` };
  const dung = `Phạm Thị Dung ${tag}`;
  const address = `Tổ 5 khu ${tag}`;

  const file = await messyMemberList([
    [1, an.name, '15/03/1950', 'Nam', an.id, '0912345678', address],
    [2, binh.name, new Date(Date.UTC(1952, 6, 20)), 'Nữ', binh.id, '0987654321', 'Tổ 6'],
    [3, cuong.name, '02/09/1948', 'Nam', cuong.id, '0904123456', 'Tổ 7'],
    // Five digits: not a personal ID.
    [4, dung, '11/11/1951', 'Nữ', '12345', '0913000111', 'Tổ 8'],
    // The first row again.
    [5, an.name, '15/03/1950', 'Nam', an.id, '0912345678', address],
  ]);

  await visit(page, '/members');
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  await expect(page).toHaveURL(/\/members\/import$/);

  // 1. The unit and the file.
  await pickOption(
    page,
    page.getByLabel('Đơn vị nhận hội viên'),
    'HN-00008-CH1',
    /· HN-00008-CH1 ·/,
  );
  await page
    .getByTestId('import-file')
    .locator('input[type="file"]')
    .setInputFiles({
      name: `danh-sach-${tag}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });

  // 2. The header row below the titles; the unknown heading is mapped by hand.
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/upload=[0-9a-f-]{36}/);
  await expect(mapping.getByTestId('header-row')).toHaveText('Dòng tiêu đề: 4');
  const table = mapping.getByTestId('mapping-table');
  await expect(table.getByRole('row', { name: /Ho va ten/ })).toContainText('Họ và tên');
  await expect(table.getByRole('row', { name: /So CCCD/ })).toContainText('Số định danh cá nhân');
  await expect(table.getByRole('row', { name: /Nơi sinh hoạt/ })).toContainText('— Bỏ qua —');
  await pickOption(page, page.getByLabel('Trường cho cột Nơi sinh hoạt'), 'dia chi', 'Địa chỉ');
  await expect(table.getByRole('row', { name: /Nơi sinh hoạt/ })).toContainText('Địa chỉ');
  await page.getByRole('button', { name: 'Xem trước', exact: true }).click();

  // 3. The dry run's counts and the rows to look at.
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('count-new')).toHaveText(/Thêm mới\s*3$/, { timeout: 45_000 });
  await expect(preview.getByTestId('count-error')).toHaveText(/Lỗi\s*1$/);
  await expect(preview.getByTestId('count-duplicate')).toHaveText(/Trùng\s*1$/);
  await expect(preview.getByTestId('count-skipped')).toHaveText(/Bỏ qua\s*1$/);
  const rows = preview.getByTestId('import-rows-table');
  await expect(rows).toContainText(dung);
  await expect(rows).toContainText('có 5 chữ số');
  await preview.getByTestId('import-rows').getByText('Trùng (1)').click();
  await expect(rows).toContainText('Trùng với dòng 5 trong cùng tệp');

  // 4. The commit, followed to the end.
  await preview.getByRole('button', { name: 'Nhập vào sổ (3 dòng)' }).click();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page).toHaveURL(/commit=[0-9a-f-]{36}/);
  const done = page.getByTestId('import-commit');
  await expect(done.getByTestId('import-done')).toContainText('Đã nhập xong', { timeout: 45_000 });
  await expect(done.getByTestId('count-new')).toHaveText(/Thêm mới\s*3$/);

  // The error report holds the rows that did not go in, with the reason beside them.
  const downloading = page.waitForEvent('download');
  await done.getByRole('link', { name: 'Tải báo cáo lỗi (.xlsx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(await download.path());
  const sheet = report.worksheets[0];
  if (!sheet) throw new Error('the report has no sheet');
  const lines: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text;
    });
    lines.push(Array.from(cells, (text) => text ?? ''));
  });
  const headings = lines[0] ?? [];
  const errorColumn = headings.findIndex((heading) => heading.startsWith('Lỗi'));
  expect(errorColumn, `an error column among ${headings.join(' | ')}`).toBeGreaterThan(0);
  const badRow = lines.find((line) => line.includes(dung));
  expect(badRow, 'the row with the invalid ID').toBeDefined();
  expect(badRow?.[errorColumn]).toContain('có 5 chữ số');
  expect(lines.filter((line) => line.includes(an.name))).toHaveLength(1);

  // The imported member is in the registry, with the address from the hand-mapped column.
  await done.getByRole('button', { name: 'Xem danh sách hội viên' }).click();
  await expect(page).toHaveURL(/\/members\?/);
  await page.getByLabel('Tìm hội viên').fill(`nguyen van an ${tag.toLowerCase()}`);
  // The search settles into the address first (a click before that would race its update).
  await expect(page).toHaveURL(/[?&]q=/);
  const members = page.getByTestId('members-table');
  await expect(members).toContainText(an.name);
  await members.getByRole('link', { name: `Mở hồ sơ ${an.name}` }).click();
  await expect(page.getByTestId('member-name')).toHaveText(an.name);
  await expect(page.getByTestId('member-facts')).toContainText(address);
});

test('an officer chooses the new commune of a split old commune and previews again', async ({
  page,
}) => {
  test.slow();
  const tag = [...String(Date.now()).slice(-7)].map((d) => 'ABCDEGHIKL'[Number(d)]).join('');
  const name = `Đỗ Thị Ngọc Hà ${tag}`;
  // The old Phường Ngọc Hà went partly to the new Phường Ba Đình and partly to the new
  // Phường Ngọc Hà (the demo's sample of the official table): the user must choose.
  const csv = `\ufeffHọ và tên,Năm sinh,Xã cũ,Huyện cũ,Tỉnh cũ\r\n${name},1952,Phường Ngọc Hà,Quận Ba Đình,Hà Nội\r\n`;

  await visit(page, '/members/import');
  await pickOption(
    page,
    page.getByLabel('Đơn vị nhận hội viên'),
    'HN-00008-CH2',
    /· HN-00008-CH2 ·/,
  );
  await page
    .getByTestId('import-file')
    .locator('input[type="file"]')
    .setInputFiles({
      name: `dia-chi-cu-${tag}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
  await expect(page.getByTestId('header-row')).toHaveText('Dòng tiêu đề: 1', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Xem trước', exact: true }).click();

  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('count-error')).toHaveText(/Lỗi\s*1$/, { timeout: 45_000 });
  const splits = preview.getByTestId('split-communes');
  await expect(splits).toContainText('Phường Ngọc Hà');
  await splits.getByRole('combobox').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Phường Ba Đình' })
    .click();
  await expect(splits).toContainText('hãy xem trước lại');
  await preview.getByRole('button', { name: 'Xem trước lại' }).click();
  await expect(preview.getByTestId('count-new')).toHaveText(/Thêm mới\s*1$/, { timeout: 45_000 });
  await expect(preview.getByTestId('count-error')).toHaveText(/Lỗi\s*0$/);
  // The choice stays on screen (and goes with the commit).
  await expect(splits).toContainText('Phường Ba Đình');

  await preview.getByRole('button', { name: 'Nhập vào sổ (1 dòng)' }).click();
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByTestId('import-done')).toContainText('Đã thêm 1 hội viên mới', {
    timeout: 45_000,
  });
  await page.getByRole('button', { name: 'Xem danh sách hội viên' }).click();
  await page.getByLabel('Tìm hội viên').fill(`do thi ngoc ha ${tag.toLowerCase()}`);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId('members-table')).toContainText(name);
  await page
    .getByTestId('members-table')
    .getByRole('link', { name: `Mở hồ sơ ${name}` })
    .click();
  await expect(page.getByTestId('member-facts')).toContainText('Phường Ba Đình');
});
