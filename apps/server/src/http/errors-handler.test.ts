import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { installErrorHandler } from './errors-handler.js';

/** The error exit on its own: every failure leaves as the envelope, never a raw 500 page. */
async function appThrowing(err: unknown) {
  const app = Fastify();
  installErrorHandler(app, { spaFallback: false });
  app.get('/boom', async () => {
    throw err;
  });
  await app.ready();
  return app.inject({ method: 'GET', url: '/boom' });
}

describe('error handler', () => {
  it('renders AppError with both languages and its status', async () => {
    const r = await appThrowing(new AppError('UNIT_MOVE_CYCLE', { unitId: 'x' }));
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'UNIT_MOVE_CYCLE', message: expect.any(String), messageEn: expect.any(String), details: { unitId: 'x' } });
  });
  it('turns a unique violation from a race into a 409, never a 500', async () => {
    const user = await appThrowing(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'users_username' }));
    expect(user.statusCode).toBe(409);
    expect(user.json().error.code).toBe('DUPLICATE_USERNAME');
    const unit = await appThrowing(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'units_association_id_code_key' }));
    expect(unit.json().error.code).toBe('DUPLICATE_CODE');
  });
  it('hides unexpected failures behind INTERNAL without leaking the message', async () => {
    const r = await appThrowing(new Error('password=hunter2 in some driver message'));
    expect(r.statusCode).toBe(500);
    expect(r.json().error.code).toBe('INTERNAL');
    expect(r.body).not.toContain('hunter2');
  });
});
