/**
 * Test fixtures for member data and the portal (matrix entries and module tests): a valid photo,
 * invitations, correction and data-subject requests created straight through the services or
 * the repository, as the CLI.
 */
import { inTenant } from '../../db/engine.js';
import { cliActor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import type { TestTree } from '../../test/factories.js';
import { setPhoto } from '../members/member-data.service.js';
import { inviteMember } from './invitations.service.js';
import * as repo from './portal.repo.js';

/** A 1 × 1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a JPEG: SOI, a JFIF APP0 segment and a baseline SOF0 of 2 × 2 pixels. */
export const TINY_JPEG_HEAD = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffc0000b080002000201011100',
  'hex',
);

export async function givePhoto(deps: Deps, tree: TestTree, memberId: string) {
  await setPhoto(deps, cliActor(tree.associationId), memberId, {
    mime: 'image/png',
    bytes: TINY_PNG,
  });
}

export async function cardTokenOf(deps: Deps, memberId: string): Promise<string> {
  const r = await deps.db.system
    .selectFrom('memberships')
    .select('cardToken')
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  return r.cardToken;
}

/** Invites a member as the CLI; returns the invitation with its plain token. */
export async function invite(deps: Deps, tree: TestTree, memberId: string, username?: string) {
  return inviteMember(
    deps,
    cliActor(tree.associationId),
    memberId,
    username ? { username } : {},
    'http://hoi.test',
  );
}

/** A pending correction request (a new phone number) of the member. */
export async function pendingChangeRequest(deps: Deps, tree: TestTree, memberId: string) {
  const id = newId();
  await inTenant(deps.db.app, tree.associationId, (tx) =>
    repo.insertChangeRequest(tx, {
      associationId: tree.associationId,
      id,
      membershipId: memberId,
      fields: { phone: '0987654321' },
      current: { phone: '0912345678' },
      note: null,
    }),
  );
  return id;
}

/** An open data-subject request of the member, due on `dueOn`. */
export async function openDataRequest(
  deps: Deps,
  tree: TestTree,
  memberId: string,
  dueOn = '2099-01-01',
) {
  const id = newId();
  await inTenant(deps.db.app, tree.associationId, (tx) =>
    repo.insertDataRequest(tx, {
      associationId: tree.associationId,
      id,
      membershipId: memberId,
      kind: 'access',
      details: 'Xin bản sao dữ liệu',
      receivedAt: new Date(),
      dueOn,
    }),
  );
  return id;
}
