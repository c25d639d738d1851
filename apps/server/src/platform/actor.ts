import type { Permission, RoleCode } from '@hoi/contracts';

/** A role assignment in force, with the materialized path of its unit for subtree checks. */
export interface ActorAssignment {
  id: string;
  role: RoleCode;
  unitId: string;
  unitPath: string;
  unitName: string;
  unitCode: string;
  validFrom: string;
  validTo: string | null;
  permissions: readonly Permission[];
}

/** Who is calling: resolved from the session cookie or an API token on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  associationId: string;
  associationKind: 'association' | 'oversight';
  assignments: ActorAssignment[];
  via: 'session' | 'token' | 'cli';
  sessionId: string | null;
  csrfToken: string | null;
  ip: string | null;
  /** An administrator who must enable two-factor authentication before doing anything else. */
  totpSetupRequired: boolean;
}

/** The CLI acts as the system, recorded by name in the audit log. */
export function cliActor(associationId: string): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'cli',
    displayName: `CLI (${process.env.USER ?? 'system'})`,
    associationId,
    associationKind: 'association',
    assignments: [],
    via: 'cli',
    sessionId: null,
    csrfToken: null,
    ip: null,
    totpSetupRequired: false,
  };
}
