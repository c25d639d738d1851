import { expect, test as setup } from '@playwright/test';
import { ADMIN, ADMIN_STATE } from './support/session.js';

setup('sign the admin in once for the journeys that start signed in', async ({ request }) => {
  const response = await request.post('/api/auth/login', { data: ADMIN });
  expect(response.status(), await response.text()).toBe(200);
  await request.storageState({ path: ADMIN_STATE });
});
