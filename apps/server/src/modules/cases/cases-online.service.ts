/**
 * Cases sent online: the public form (anyone, rate-limited) and the member portal (the signed-in
 * member as sender). They are recorded by the system on the day received; nobody holds the
 * clearance of an online denunciation until a handler of the unit takes it (decision 55).
 */
import type { OnlineCaseBodySchema, PublicCaseBodySchema, SealedParty } from '@hoi/contracts';
import type { z } from 'zod';
import { inTenant } from '../../db/engine.js';
import { cliActor, type Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { ownMembership } from '../portal/portal.service.js';
import { createCase } from './cases.service.js';

type OnlineBody = z.infer<typeof OnlineCaseBodySchema>;
type PublicBody = z.infer<typeof PublicCaseBodySchema>;
interface Sender {
  fullName: string;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

async function record(
  deps: Deps,
  associationId: string,
  unitId: string,
  channelName: string,
  body: OnlineBody,
  sender: Sender | null,
) {
  if (!body.anonymous && !sender) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        {
          path: ['body', 'sender'],
          message: 'Cần họ tên người gửi, hoặc chọn gửi nặc danh / the sender’s name, or anonymous',
        },
      ],
    });
  }
  const actor = { ...cliActor(associationId), displayName: channelName };
  const denunciation = body.type === 'denunciation';
  const person = body.anonymous ? null : sender;
  const sealed: SealedParty[] =
    denunciation && person ? [{ ...person, role: 'denouncer' }, ...body.relatives] : [];
  const c = await createCase(deps, actor, {
    unitId,
    type: body.type,
    round: 1,
    channel: 'online',
    receivedOn: todayIn(deps.clock),
    subject: body.subject,
    content: body.content,
    accused: body.accused ?? null,
    complainant: denunciation ? null : person,
    anonymous: body.anonymous,
    sealedParties: sealed,
    remote: false,
  });
  return { number: c.number, receivedOn: c.receivedOn, type: c.type, unitName: c.unit.name };
}

/** The public form: the association by its code, the unit by its code (default: the top unit). */
export async function submitPublic(deps: Deps, body: PublicBody) {
  const a = await deps.db.system
    .selectFrom('associations')
    .select(['id', 'kind'])
    .where('code', '=', body.association)
    .executeTakeFirst();
  if (!a || a.kind !== 'association') throw new AppError('NOT_FOUND');
  const unit = await deps.db.system
    .selectFrom('units')
    .select(['id', 'status'])
    .where('associationId', '=', a.id)
    .where((eb) => (body.unitCode ? eb('code', '=', body.unitCode) : eb('parentId', 'is', null)))
    .executeTakeFirst();
  if (!unit || unit.status !== 'active') throw new AppError('NOT_FOUND', { field: 'unitCode' });
  return record(
    deps,
    a.id,
    unit.id,
    'Cổng tiếp nhận trực tuyến / online form',
    body,
    body.sender ?? null,
  );
}

/** The member portal: the member's own unit receives it, the member is the sender. */
export async function submitFromPortal(deps: Deps, actor: Actor, body: OnlineBody) {
  const m = await inTenant(deps.db.app, actor.associationId, (tx) => ownMembership(tx, actor));
  return record(
    deps,
    actor.associationId,
    m.unitId,
    `Cổng hội viên / member portal: ${m.fullName}`,
    body,
    {
      fullName: m.fullName,
      phone: m.phone,
      address: null,
    },
  );
}
