import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RoleCode } from '@hoi/contracts';
import { inTenant } from '../db/engine.js';
import type { Deps } from '../platform/deps.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { importAdminUnits } from '../modules/admin-units/admin-units.import.js';
import { createAssociation } from '../modules/associations/associations.service.js';
import { generateMembers, type GenerateUnit } from '../modules/members/members.generate.js';
import { todayIn } from '../platform/clock.js';
import * as unitsRepo from '../modules/units/units.repo.js';
import * as usersRepo from '../modules/users/users.repo.js';
import { DEMO_ASSOCIATION, DEMO_BRANCHES, DEMO_FOUNDED, DEMO_GROUPS, DEMO_MEMBERS, DEMO_OVERSIGHT, DEMO_PROVINCES, DEMO_REGIONS, DEMO_USERS } from './demo-data.js';
import { seedDemoCases } from './demo-cases.js';
import { seedDemoReports } from './demo-reports.js';

export interface SeedResult {
  seeded: boolean;
  adminPassword: string | null;
  generatedPassword: boolean;
}

/** True once the demo association exists. */
export async function isDemoSeeded(deps: Deps): Promise<boolean> {
  const r = await deps.db.system.selectFrom('associations').select('id').where('code', '=', DEMO_ASSOCIATION.code).executeTakeFirst();
  return r !== undefined;
}

/**
 * Seeds the demo federation (idempotent: does nothing when it exists). Returns the admin's
 * password when it was generated, so the caller can print it once.
 */
export async function seedDemo(deps: Deps): Promise<SeedResult> {
  if (await isDemoSeeded(deps)) return { seeded: false, adminPassword: null, generatedPassword: false };
  const generated = !deps.config.adminPassword;
  const adminPassword = deps.config.adminPassword ?? randomBytes(12).toString('base64url');
  const adminHash = await hashPassword(adminPassword);
  const demoHash = await hashPassword(deps.config.demoPassword);

  // The demo links its communes to a small hand-written sample of the official list; a real
  // installation imports the full list with `hoi admin-units import`.
  const anyAdminUnit = await deps.db.system.selectFrom('adminUnits').select('code').limit(1).executeTakeFirst();
  if (!anyAdminUnit) {
    await importAdminUnits(deps.db.system, [
      fileURLToPath(new URL('./admin-units-sample.json', import.meta.url)),
      fileURLToPath(new URL('./admin-units-sample-conversions.csv', import.meta.url)),
    ]);
  }
  const oversight = await createAssociation(deps, { kind: 'oversight', ...DEMO_OVERSIGHT, root: { ...DEMO_OVERSIGHT.root, validFrom: DEMO_FOUNDED } });
  const assoc = await createAssociation(deps, { ...DEMO_ASSOCIATION, oversightId: oversight.id, root: { ...DEMO_ASSOCIATION.root, validFrom: DEMO_FOUNDED } });
  const knownAdminCodes = new Set((await deps.db.system.selectFrom('adminUnits').select('code').execute()).map((r) => r.code));
  const linked = (code: string) => (knownAdminCodes.has(code) ? code : null);

  const unitIds = new Map<string, string>();
  const memberUnits: GenerateUnit[] = [];
  await inTenant(deps.db.app, assoc.id, async (tx) => {
    const root = (await unitsRepo.lockUnits(tx, [assoc.rootId]))[0]!;
    const add = async (parent: unitsRepo.UnitRow, code: string, name: string, level: number, adminCode: string | null) => {
      const row = await unitsRepo.insertUnit(tx, {
        associationId: assoc.id, id: newId(), code, name, level, parentId: parent.id, parentPath: parent.path,
        adminUnitCode: adminCode, validFrom: DEMO_FOUNDED,
      });
      await unitsRepo.insertEvent(tx, {
        associationId: assoc.id, id: newId(), kind: 'create', effectiveDate: DEMO_FOUNDED, actorUserId: null, actorName: 'demo seed',
        details: { code, name, parentId: parent.id, parentName: parent.name }, subjects: [row.id],
      });
      unitIds.set(code, row.id);
      return row;
    };
    for (const p of DEMO_PROVINCES) {
      const province = await add(root, p.code, p.name, 1, linked(p.adminCode));
      const region = DEMO_REGIONS[p.code] ?? 'north';
      for (const c of p.communes) {
        const commune = await add(province, c.code, c.name, 2, linked(c.adminCode));
        for (const [bi, b] of DEMO_BRANCHES.entries()) {
          const branch = await add(commune, `${c.code}-CH${bi + 1}`, b, 3, null);
          memberUnits.push({ id: branch.id, parentId: commune.id, region });
          for (const [gi, g] of DEMO_GROUPS.entries()) {
            const group = await add(branch, `${c.code}-CH${bi + 1}-T${gi + 1}`, g, 4, null);
            memberUnits.push({ id: group.id, parentId: branch.id, region });
          }
        }
      }
    }
    const user = async (username: string, displayName: string, hash: string, role: RoleCode, unitId: string) => {
      const id = newId();
      await usersRepo.insertUser(tx, { associationId: assoc.id, id, username, displayName, email: null, phone: null, passwordHash: hash });
      await usersRepo.insertAssignment(tx, { associationId: assoc.id, id: newId(), userId: id, role, unitId, validFrom: DEMO_FOUNDED, validTo: null });
    };
    await user(DEMO_USERS.admin.username, DEMO_USERS.admin.displayName, adminHash, 'association_admin', assoc.rootId);
    await user(DEMO_USERS.provinceOfficer.username, DEMO_USERS.provinceOfficer.displayName, demoHash, 'unit_officer', unitIds.get(DEMO_USERS.provinceOfficer.unitCode)!);
    await user(DEMO_USERS.viewer.username, DEMO_USERS.viewer.displayName, demoHash, 'viewer', unitIds.get(DEMO_USERS.viewer.unitCode)!);
    for (const p of DEMO_PROVINCES) {
      for (const c of p.communes) {
        await user(`${DEMO_USERS.communeOfficerPrefix}${c.code.toLowerCase()}`, `Cán bộ ${c.name} (DEMO)`, demoHash, 'unit_officer', unitIds.get(c.code)!);
      }
    }

    await generateMembers(tx, {
      associationId: assoc.id,
      units: memberUnits,
      count: DEMO_MEMBERS.count,
      seed: DEMO_MEMBERS.seed,
      today: todayIn(deps.clock),
      options: { ...DEMO_MEMBERS.options, actorName: DEMO_MEMBERS.actorName },
    });
    // The portal can be tried at once: an active member in good standing with an account.
    const member = await tx
      .selectFrom('memberships')
      .select(['id', 'unitId', 'fullName'])
      .where('unitId', '=', unitIds.get(DEMO_USERS.member.unitCode)!)
      .where('status', '=', 'active')
      .where('transitToUnitId', 'is', null)
      .where('phone', 'is not', null)
      .orderBy('duesPaidThrough', (ob) => ob.desc().nullsLast())
      .orderBy('memberNumber')
      .executeTakeFirstOrThrow();
    const memberUserId = newId();
    await usersRepo.insertUser(tx, { associationId: assoc.id, id: memberUserId, username: DEMO_USERS.member.username, displayName: `${member.fullName} (DEMO)`, email: null, phone: null, passwordHash: demoHash });
    await usersRepo.insertAssignment(tx, { associationId: assoc.id, id: newId(), userId: memberUserId, role: 'member', unitId: member.unitId, validFrom: DEMO_FOUNDED, validTo: null });
    await tx.updateTable('memberships').set({ userId: memberUserId }).where('id', '=', member.id).execute();
  });
  await seedDemoCases(deps, assoc.id, DEMO_PROVINCES[0]!.communes[0]!.code);
  await seedDemoReports(deps, assoc.id);
  await inTenant(deps.db.app, oversight.id, async (tx) => {
    const id = newId();
    await usersRepo.insertUser(tx, { associationId: oversight.id, id, username: DEMO_USERS.oversight.username, displayName: DEMO_USERS.oversight.displayName, email: null, phone: null, passwordHash: demoHash });
    await usersRepo.insertAssignment(tx, { associationId: oversight.id, id: newId(), userId: id, role: 'oversight_viewer', unitId: oversight.rootId, validFrom: DEMO_FOUNDED, validTo: null });
  });
  return { seeded: true, adminPassword: generated ? adminPassword : null, generatedPassword: generated };
}
