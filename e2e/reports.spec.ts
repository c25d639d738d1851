import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { docxText } from './support/docx.js';
import { openDialog } from './support/antd.js';
import {
  ADMIN_STATE,
  DEMO_PASSWORD,
  adminApi,
  communeOfficer,
  findUnitByCode,
  visit,
} from './support/session.js';

/**
 * A Hà Nội commune no other journey touches (no other journey writes periodic reports, and the
 * demo seed's reports are Hồ Chí Minh City's), its province, whose officer `canbo.hn` approves
 * the commune's reports, and the central unit, whose administrator reads the briefing.
 */
const COMMUNE = { code: 'HN-00025', name: 'Hội NCT Phường Giảng Võ' };
const PROVINCE = { code: 'HN', name: 'Hội NCT Thành phố Hà Nội' };
const CENTRAL = { code: 'TW', name: 'Trung ương Hội Người cao tuổi Việt Nam (DEMO)' };
const PROVINCE_OFFICER = { username: 'canbo.hn', password: DEMO_PASSWORD };
const TEMPLATE_CODE = 'BC-DINHKY';
/** The API calls the screens load their data with (a screen is waited for by its call). */
const LIST_CALL = /^\/api\/reports$/;
const DASHBOARD_CALL = /^\/api\/reports\/dashboard$/;
const REPORT_CALL = /^\/api\/reports\/[0-9a-f-]{36}$/;

interface Period {
  key: string;
  type: string;
  from: string;
  to: string;
}

function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

async function json<T>(api: APIRequestContext, path: string, params?: Record<string, string>) {
  const response = await api.get(path, params ? { params } : undefined);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

/**
 * The periodic template and the month period holding today (Vietnam time): its deadline is
 * still ahead, so a report submitted now is on time whatever day the journey runs.
 */
async function currentMonthOf(api: APIRequestContext) {
  const { items: templates } = await json<{ items: { id: string; code: string }[] }>(
    api,
    '/api/reports/templates',
  );
  const template = templates.find((candidate) => candidate.code === TEMPLATE_CODE);
  if (!template) throw new Error(`template ${TEMPLATE_CODE} not found`);
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const { items } = await json<{ items: Period[] }>(api, '/api/reports/periods', {
      templateId: template.id,
      year: String(y),
    });
    const period = items.find((p) => p.type === 'month' && p.from <= today && today <= p.to);
    if (period) return { templateId: template.id, period };
  }
  throw new Error(`no month period holds ${today}`);
}

/**
 * A separate browser (own cookies) with the account signed in through the API: the login form
 * has its own journeys, and every full page load is costly on a busy machine.
 */
async function browserOf(browser: Browser, account: { username: string; password: string }) {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const login = await context.request.post('/api/auth/login', { data: account });
  expect(login.status(), await login.text()).toBe(200);
  return context.newPage();
}

/** Does `act` and waits for the answer (200) of the API call it makes (method and path). */
async function answered(page: Page, method: string, path: RegExp, act: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === method && path.test(new URL(r.url()).pathname),
    ),
    act(),
  ]);
  // The body only when it explains a failure: reading it waits for the whole answer.
  if (response.status() !== 200) expect(response.status(), await response.text()).toBe(200);
  return response;
}

test('a commune report is returned, fixed, approved and shows on time on the central briefing', async ({
  browser,
}) => {
  // Three people, a dozen screens and round trips: more than the default on a busy machine.
  test.slow();
  const tag = Date.now().toString(36);
  const narrative = `Tổ chức 4 buổi tuyên truyền Nghị quyết về công tác người cao tuổi (E2E ${tag}).`;
  const returnComment = `Số lượt tham dự thấp hơn số buổi: đề nghị kiểm tra lại (E2E ${tag}).`;

  const admin = await adminApi();
  const { templateId, period } = await currentMonthOf(admin);
  const province = await findUnitByCode(admin, PROVINCE.code);
  await admin.dispose();
  const listPath = `/reports?templateId=${templateId}&period=${period.key}`;

  // 1. The commune officer starts the month's report from the reports screen of their commune.
  const officer = await browserOf(browser, communeOfficer(COMMUNE.code));
  await answered(officer, 'GET', LIST_CALL, () => visit(officer, listPath));
  const own = officer.getByTestId('own-report');
  await expect(own).toContainText(`${COMMUNE.name} (${COMMUNE.code})`);
  await expect(own.getByTestId('report-status')).toHaveAttribute('data-status', 'missing');
  await expect(own.getByTestId('report-timeliness')).toHaveAttribute('data-timeliness', 'pending');
  await answered(officer, 'POST', LIST_CALL, () => officer.getByTestId('report-create').click());
  await expect(officer).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportPath = new URL(officer.url()).pathname;
  const report = officer.getByTestId('report-page');
  await expect(report).toHaveAttribute('data-status', 'draft');
  await expect(officer.getByTestId('report-unit-name')).toHaveText(COMMUNE.name);

  // Two figures typed in (attendance mistyped below the sessions) and the propaganda narrative.
  await officer.getByTestId('slot-propaganda.sessions').fill('4');
  await officer.getByTestId('slot-propaganda.attendance').fill('3');
  await officer.getByTestId('text-tuyen_truyen').fill(narrative);
  await expect(officer.getByTestId('report-unsaved')).toBeVisible();
  await answered(officer, 'PUT', /\/values$/, () => officer.getByTestId('report-save').click());
  await expect(officer.getByTestId('report-unsaved')).toBeHidden();
  await expect(officer.getByTestId('slot-propaganda.sessions')).toHaveValue('4');
  await expect(officer.getByTestId('slot-propaganda.attendance')).toHaveValue('3');
  // The consistency rule warns but does not block the submission.
  await expect(officer.getByTestId('validation-attendance_ge_sessions')).toHaveAttribute(
    'data-severity',
    'warning',
  );
  await answered(officer, 'POST', /\/submit$/, () => officer.getByTestId('action-submit').click());
  await expect(report).toHaveAttribute('data-status', 'submitted');
  await expect(report.getByTestId('report-timeliness')).toHaveAttribute(
    'data-timeliness',
    'on_time',
  );
  await expect(officer.getByTestId('report-save')).toHaveCount(0);

  // The Word report carries the signer typed once on this device (Decree 30 capitals).
  await officer.getByText('Người ký (văn bản Word)').click();
  await officer.getByTestId('signer-name').fill('Nguyễn Thị Ký');
  await officer.getByTestId('signer-title').fill('Phó Chủ tịch');
  const href = await officer.getByTestId('report-download-docx').getAttribute('href');
  expect(href).toContain('signerName=');
  const word = await officer.request.get(href!);
  expect(word.status()).toBe(200);
  const text = await docxText(await word.body());
  expect(text).toContain('Nguyễn Thị Ký');
  expect(text).toContain('PHÓ CHỦ TỊCH');

  // 2. The province officer sees it submitted among the communes and returns it with a comment.
  const approver = await browserOf(browser, PROVINCE_OFFICER);
  await answered(approver, 'GET', LIST_CALL, () => visit(approver, listPath));
  await expect(approver.getByTestId('own-report')).toContainText(PROVINCE.name);
  const row = approver.getByTestId(`report-row-${COMMUNE.code}`);
  await expect(row.getByTestId('report-row-status')).toHaveAttribute('data-status', 'submitted');
  await expect(row.getByTestId('report-row-timeliness')).toHaveAttribute(
    'data-timeliness',
    'on_time',
  );
  await answered(approver, 'GET', REPORT_CALL, () => row.getByText(COMMUNE.name).click());
  await expect(approver).toHaveURL(new RegExp(`${reportPath}$`));
  const reviewed = approver.getByTestId('report-page');
  await expect(reviewed).toHaveAttribute('data-status', 'submitted');
  await expect(approver.getByTestId('value-propaganda.sessions')).toHaveText('4');
  await expect(approver.getByTestId('value-propaganda.attendance')).toHaveText('3');
  await expect(approver.getByTestId('text-tuyen_truyen')).toContainText(narrative);
  await expect(approver.getByTestId('action-approve')).toBeVisible();
  await approver.getByTestId('action-return').click();
  const dialog = openDialog(approver);
  await dialog.getByTestId('action-comment').fill(returnComment);
  await answered(approver, 'POST', /\/return$/, () => dialog.getByTestId('modal-ok').click());
  await expect(dialog).toBeHidden();
  await expect(reviewed).toHaveAttribute('data-status', 'returned');
  await expect(approver.getByTestId('action-return')).toHaveCount(0);

  // 3. The commune officer reads the comment, fixes the attendance and submits again (the
  //    unsaved figure is saved with the submission).
  await answered(officer, 'GET', REPORT_CALL, () => officer.reload().then(() => undefined));
  await expect(report).toHaveAttribute('data-status', 'returned');
  await expect(officer.getByTestId('report-return-comment')).toContainText(returnComment);
  await expect(
    officer.getByTestId('report-events').getByTestId('event-return').getByTestId('event-comment'),
  ).toHaveText(returnComment);
  const attendance = officer.getByTestId('slot-propaganda.attendance');
  await expect(attendance).toHaveValue('3');
  await attendance.fill('120');
  await expect(officer.getByTestId('report-unsaved')).toBeVisible();
  await answered(officer, 'POST', /\/submit$/, () => officer.getByTestId('action-submit').click());
  await expect(report).toHaveAttribute('data-status', 'submitted');
  await expect(officer.getByTestId('report-return-comment')).toHaveCount(0);
  await expect(officer.getByTestId('value-propaganda.attendance')).toHaveText('120');
  await expect(officer.getByTestId('validation-ok')).toBeVisible();
  // Timeliness goes by the first submission: still on time.
  await expect(report.getByTestId('report-timeliness')).toHaveAttribute(
    'data-timeliness',
    'on_time',
  );

  // 4. The province officer sees the corrected figure and approves.
  await answered(approver, 'GET', REPORT_CALL, () => approver.reload().then(() => undefined));
  await expect(reviewed).toHaveAttribute('data-status', 'submitted');
  await expect(approver.getByTestId('value-propaganda.attendance')).toHaveText('120');
  await answered(approver, 'POST', /\/approve$/, () =>
    approver.getByTestId('action-approve').click(),
  );
  await expect(reviewed).toHaveAttribute('data-status', 'approved');
  await expect(approver.getByTestId('action-unapprove')).toBeVisible();
  await answered(approver, 'GET', LIST_CALL, () => visit(approver, listPath));
  await expect(row.getByTestId('report-row-status')).toHaveAttribute('data-status', 'approved');

  // 5. The central administrator's briefing: the provinces, then Hà Nội's communes.
  const centralContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: ADMIN_STATE,
  });
  const central = await centralContext.newPage();
  await answered(central, 'GET', DASHBOARD_CALL, () =>
    visit(central, `/briefing?templateId=${templateId}&period=${period.key}`),
  );
  await expect(central.getByTestId('briefing-unit')).toContainText(
    `${CENTRAL.name} (${CENTRAL.code})`,
  );
  await answered(central, 'GET', DASHBOARD_CALL, () =>
    central.getByTestId(`briefing-row-${PROVINCE.code}`).getByText(PROVINCE.name).click(),
  );
  await expect(central).toHaveURL(new RegExp(`[?&]unitId=${province.id}(&|$)`));
  await expect(central.getByTestId('briefing-unit')).toContainText(
    `${PROVINCE.name} (${PROVINCE.code})`,
  );
  const briefingRow = central.getByTestId(`briefing-row-${COMMUNE.code}`);
  await expect(briefingRow.getByTestId('briefing-row-status')).toHaveAttribute(
    'data-status',
    'approved',
  );
  await expect(briefingRow.getByTestId('briefing-row-timeliness')).toHaveAttribute(
    'data-timeliness',
    'on_time',
  );
  await expect(briefingRow.getByTestId('briefing-row-timeliness')).toHaveText('Đúng hạn');
  const cell = central.getByTestId(`heatmap-cell-${COMMUNE.code}-${period.key}`);
  await expect(cell).toHaveAttribute('data-status', 'approved');
  await expect(cell).toHaveAttribute('data-timeliness', 'on_time');
  // The report list's drill-down agrees: provinces, then Hà Nội's communes.
  await answered(central, 'GET', LIST_CALL, () => visit(central, listPath));
  await answered(central, 'GET', LIST_CALL, () =>
    central.getByTestId(`report-drill-${PROVINCE.code}`).click(),
  );
  await expect(central).toHaveURL(new RegExp(`[?&]unitId=${province.id}(&|$)`));
  await expect(central.getByTestId('own-report')).toContainText(PROVINCE.name);
  const listed = central.getByTestId(`report-row-${COMMUNE.code}`);
  await expect(listed.getByTestId('report-row-status')).toHaveAttribute('data-status', 'approved');
  await expect(listed.getByTestId('report-row-timeliness')).toHaveAttribute(
    'data-timeliness',
    'on_time',
  );

  await centralContext.close();
  await approver.context().close();
  await officer.context().close();
});
