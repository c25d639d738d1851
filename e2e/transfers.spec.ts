import type { APIRequestContext } from '@playwright/test';
import { expect, request, test } from '@playwright/test';
import { openDialog } from './support/antd.js';
import {
  DEMO_PASSWORD,
  adminApi,
  communeOfficer,
  findUnitByCode,
  logIn,
  visit,
} from './support/session.js';

/** The Hà Nội province officer releases; an officer of a Hồ Chí Minh City commune receives. */
const PROVINCE_OFFICER = { username: 'canbo.hn', password: DEMO_PASSWORD };
const SENDING_BRANCH = 'HN-00004-CH1';
const RECEIVING_COMMUNE = { code: 'HCM-25747', name: 'Hội NCT Phường Thủ Dầu Một' };

function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** An API client signed in as the given account, with its CSRF token. */
async function signedInApi(account: { username: string; password: string }) {
  const api = await request.newContext({
    baseURL: process.env.HOI_E2E_URL ?? 'http://localhost:8080',
  });
  const login = await api.post('/api/auth/login', { data: account });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { api, headers: { 'x-csrf-token': csrfToken } };
}

async function createActiveMember(
  api: APIRequestContext,
  headers: Record<string, string>,
  unitId: string,
  fullName: string,
): Promise<{ id: string; memberNumber: string }> {
  const response = await api.post('/api/members', {
    headers,
    data: {
      person: { fullName, birthDate: '1951', gender: 'male' },
      unitId,
      admission: { number: 'E2E-01/QĐ', date: todayInVietnam(), signer: 'Chủ tịch Hội (E2E)' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; memberNumber: string };
}

test('a Hà Nội officer releases a member to a Hồ Chí Minh City commune, which accepts it', async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const fullName = `Trần Văn Chuyển ${tag}`;
  const admin = await adminApi();
  const branch = await findUnitByCode(admin, SENDING_BRANCH);
  const commune = await findUnitByCode(admin, RECEIVING_COMMUNE.code);
  await admin.dispose();

  // The sending side, through the API: a member of a Hà Nội branch is released to the commune.
  const sender = await signedInApi(PROVINCE_OFFICER);
  const member = await createActiveMember(sender.api, sender.headers, branch.id, fullName);
  const created = await sender.api.post('/api/transfers', {
    headers: sender.headers,
    data: { memberId: member.id, toUnitId: commune.id, reason: 'Về ở với con (E2E)' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const transfer = (await created.json()) as { id: string; status: string };
  expect(transfer.status).toBe('pending');

  // The receiving commune's officer finds it in the incoming box and accepts it.
  await logIn(page, communeOfficer(RECEIVING_COMMUNE.code));
  await page.getByRole('menuitem', { name: 'Chuyển sinh hoạt' }).click();
  await expect(page).toHaveURL(/\/transfers/);
  await expect(page.getByRole('tab', { name: 'Đến', selected: true })).toBeVisible();
  const row = page.getByTestId('transfers-table').getByRole('row', { name: new RegExp(fullName) });
  await expect(row).toContainText(RECEIVING_COMMUNE.name);
  await expect(row.getByTestId('transfer-status')).toHaveText('Đang chờ nhận');
  await row.getByRole('button', { name: 'Tiếp nhận' }).click();
  const dialog = openDialog(page);
  await expect(dialog).toContainText(`Tiếp nhận ${fullName}`);
  await dialog.getByTestId('modal-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Đã tiếp nhận ${fullName}`)).toBeVisible();

  // The whole inbox shows it answered.
  await page.getByRole('tab', { name: 'Tất cả' }).click();
  const answered = page
    .getByTestId('transfers-table')
    .getByRole('row', { name: new RegExp(fullName) });
  await expect(answered.getByTestId('transfer-status')).toHaveText('Đã tiếp nhận');

  // Accepting again (as if from a stale screen) answers TRANSFER_NOT_PENDING.
  const receiver = await signedInApi(communeOfficer(RECEIVING_COMMUNE.code));
  const again = await receiver.api.post(`/api/transfers/${transfer.id}/accept`, {
    headers: receiver.headers,
    data: {},
  });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
    'TRANSFER_NOT_PENDING',
  );

  // The member now belongs to the commune and the profile timeline shows both steps.
  const timeline = await receiver.api.get(`/api/members/${member.id}/timeline`);
  expect(timeline.status(), await timeline.text()).toBe(200);
  const kinds = ((await timeline.json()) as { items: { kind: string }[] }).items.map(
    (event) => event.kind,
  );
  expect(kinds).toEqual(expect.arrayContaining(['transfer_requested', 'transfer_accepted']));
  await visit(page, `/members/${member.id}?tab=timeline`);
  const events = page.getByTestId('member-timeline');
  await expect(events.getByTestId('event-transfer_requested')).toBeVisible();
  await expect(events.getByTestId('event-transfer_accepted')).toBeVisible();

  await sender.api.dispose();
  await receiver.api.dispose();
});
