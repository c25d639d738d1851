/**
 * Test data for the backup tests: one small association in every application table, with values
 * chosen to break a lossy round trip.
 */
import { inTenant, type Database } from '../../db/engine.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';

/** Tables `fillSource` writes to (tables added later are still compared, maybe empty). */
export const FILLED_TABLES = [
  'associations',
  'admin_units',
  'units',
  'unit_paths',
  'unit_names',
  'unit_parents',
  'unit_events',
  'unit_event_units',
  'unit_successors',
  'users',
  'role_assignments',
  'sessions',
  'api_tokens',
  'audit_log',
  'audit_heads',
  'people',
  'memberships',
  'membership_periods',
  'member_events',
  'member_sensitive',
  'member_photos',
  'member_consents',
];

/** In jsonb's own text form (keys by length), so it reads back byte for byte. */
export const SETTINGS =
  '{"nested": {"big": 12345678901234567890.5, "ký tự": ["Đ", null, 2.5]}, "requireTotpForAdmins": true}';

/** Text that breaks naive encoders: quotes, backslashes, control characters, U+2028, emoji. */
export const AWKWARD = 'Hội "Nông dân" \\ Đắk Lắk\n\ttab\u2028line 🌾 \'ạ\'';

/**
 * Fills every application table with a small association, with values chosen to break a
 * lossy round trip: ltree paths, a child whose key sorts before its parent's (in `units` and in
 * the text-keyed `admin_units`), identity gaps, nulls, arrays with commas, quotes and NULL,
 * nested jsonb with a number beyond 2^53, microsecond instants, an `infinity` date.
 */
export async function fillSource(db: Database): Promise<string> {
  const s = db.system;
  const oversightId = newId();
  const associationId = newId();
  await s
    .insertInto('associations')
    .values([
      {
        id: oversightId,
        kind: 'oversight',
        code: `OV-${oversightId}`,
        name: 'Ban Dân vận Trung ương',
        tags: [],
        levelNames: ['TW'],
      },
      {
        id: associationId,
        kind: 'association',
        code: `HND-${associationId}`,
        name: AWKWARD,
        shortName: null,
        tags: ['a,b', 'trích "dẫn"', 'back\\slash', '', 'NULL', '{}'],
        levelNames: ['Trung ương', 'Tỉnh', 'Xã', 'Chi hội'],
        // Written as text: the number is beyond what a JavaScript number holds exactly.
        settings: SETTINGS,
        oversightId,
        createdAt: '2025-07-01 08:30:00.123456+07',
      },
    ])
    .execute();
  await s
    .insertInto('adminUnits')
    .values([
      {
        code: '79',
        level: 'province',
        name: 'Thành phố Hồ Chí Minh',
        divisionType: 'thành phố trung ương',
        codename: 'ho_chi_minh',
        provinceCode: null,
      },
      {
        code: '00004',
        level: 'commune',
        name: 'Phường Sài Gòn',
        divisionType: 'phường',
        codename: null,
        provinceCode: '79',
      },
    ])
    .execute();

  // Ids chosen so that children sort before their parents in primary-key order.
  const unit = (n: number) => `01980000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  const units = [
    { id: unit(9), parentId: null, path: 'r', level: 0, name: 'Trung ương Hội', code: 'TW' },
    { id: unit(5), parentId: unit(9), path: 'r.p1', level: 1, name: 'Tỉnh Đắk Lắk', code: 'DL' },
    { id: unit(2), parentId: unit(5), path: 'r.p1.c1', level: 2, name: 'Xã Ea Kao', code: 'EK' },
    { id: unit(1), parentId: unit(2), path: 'r.p1.c1.b1', level: 3, name: AWKWARD, code: 'B1' },
    { id: unit(7), parentId: unit(9), path: 'r.gone', level: 1, name: 'Tạm', code: 'TMP' },
  ];
  for (const u of units) {
    await s
      .insertInto('units')
      .values({
        associationId,
        id: u.id,
        parentId: u.parentId,
        level: u.level,
        name: u.name,
        code: u.code,
        adminUnitCode: u.level === 2 ? '00004' : null,
        validFrom: '2024-01-01',
        validTo: u.code === 'TW' ? 'infinity' : null,
      })
      .execute();
  }
  // A gap in the identity sequence: restores must keep node values, not renumber them.
  await s.deleteFrom('units').where('code', '=', 'TMP').execute();
  for (const u of units.filter((x) => x.code !== 'TMP')) {
    await s.insertInto('unitPaths').values({ associationId, unitId: u.id, path: u.path }).execute();
    await s
      .insertInto('unitNames')
      .values({ associationId, unitId: u.id, name: u.name, validFrom: '2024-01-01', validTo: null })
      .execute();
    await s
      .insertInto('unitParents')
      .values({
        associationId,
        unitId: u.id,
        parentId: u.parentId,
        validFrom: '2024-01-01',
        validTo: null,
      })
      .execute();
  }
  await s
    .insertInto('unitNames')
    .values({
      associationId,
      unitId: unit(5),
      name: 'Tỉnh Đắc Lắc (cũ)',
      validFrom: '2020-01-01',
      validTo: '2023-12-31',
    })
    .execute();

  const eventId = newId();
  await s
    .insertInto('unitEvents')
    .values({
      associationId,
      id: eventId,
      kind: 'merge',
      effectiveDate: '2025-07-01',
      actorUserId: null,
      actorName: null,
      details: JSON.stringify({ lý_do: 'Nghị quyết 202/2025/QH15', ids: [1, 2], empty: {} }),
    })
    .execute();
  await s
    .insertInto('unitEventUnits')
    .values({ associationId, eventId, unitId: unit(2), role: 'successor' })
    .execute();
  await s
    .insertInto('unitSuccessors')
    .values({
      associationId,
      eventId,
      predecessorId: unit(1),
      successorId: unit(2),
      effectiveDate: '2025-07-01',
    })
    .execute();

  const userId = newId();
  await s
    .insertInto('users')
    .values({
      associationId,
      id: userId,
      username: `nguyen.van.hung.${associationId}`,
      displayName: 'Nguyễn Văn Hùng',
      email: null,
      phone: '+84 912 345 678',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      lockedUntil: new Date('2025-07-01T01:02:03.456Z'),
      totpSecret: null,
      totpEnabled: true,
    })
    .execute();
  await s
    .insertInto('roleAssignments')
    .values({
      associationId,
      id: newId(),
      userId,
      role: 'association_admin',
      unitId: unit(9),
      validFrom: '2024-01-01',
      validTo: null,
    })
    .execute();
  await s
    .insertInto('sessions')
    .values({
      associationId,
      id: newId(),
      tokenHash: `t-${newId()}`,
      userId,
      csrfToken: 'csrf',
      expiresAt: new Date('2099-01-01T00:00:00Z'),
    })
    .execute();
  await s
    .insertInto('apiTokens')
    .values({
      associationId,
      id: newId(),
      userId,
      name: 'Báo cáo tự động',
      tokenHash: `a-${newId()}`,
      expiresAt: null,
    })
    .execute();

  const actor = { associationId, userId, displayName: 'Nguyễn Văn Hùng', username: 'hung' };
  for (const [i, name] of ['Xã Ea Kao', AWKWARD].entries()) {
    await inTenant(db.app, associationId, (tx) =>
      recordAudit(tx, { clock: { now: () => new Date(Date.UTC(2025, 6, 1, 0, 0, i)) } }, actor, {
        action: 'unit.rename',
        entityType: 'unit',
        entityId: unit(2),
        unitId: unit(2),
        before: i === 0 ? null : { name: 'Xã Ea Kao' },
        after: { name, passwordHash: 'secret' },
      }),
    );
  }
  // The member registry: a shared person, a membership with a generated column, periods, an
  // event with jsonb, protected data, a photo with bytes that are not valid UTF-8.
  const personId = newId();
  const membershipId = newId();
  await s
    .insertInto('people')
    .values({
      id: personId,
      fullName: 'Đặng Thị Hường',
      birthDate: '1950-03',
      birthYear: 1950,
      gender: 'female',
      idNumber: '001150123456',
      legacyIdNumber: null,
      phone: '0912345678',
      email: null,
      provinceCode: '79',
      communeCode: '00004',
      addressDetail: AWKWARD,
      addressLegacy: null,
    })
    .execute();
  await s
    .insertInto('memberships')
    .values({
      associationId,
      id: membershipId,
      personId,
      memberNumber: '0000001',
      unitId: unit(1),
      category: 'official',
      status: 'active',
      appliedOn: '2024-02-01',
      joinedOn: '2024-02-15',
      endedOn: null,
      admissionNumber: '1/QĐ',
      admissionDate: '2024-02-15',
      admissionSigner: 'Chủ tịch',
      admissionUnitId: unit(2),
      notes: null,
      warnings: ['id_number.birth_year_mismatch'],
      fullName: 'Đặng Thị Hường',
      sortKey: 'GX!EQ 2',
      gender: 'female',
      birthYear: 1950,
      birthDate: '1950-03',
      phone: '0912345678',
      idNumber: '001150123456',
      transitToUnitId: null,
      duesPaidThrough: 2025,
      userId: null,
      cardToken: `card-${membershipId}`,
      lastEventDate: '2024-02-15',
    })
    .execute();
  for (const [status, from, to] of [
    ['applicant', '2024-02-01', '2024-02-15'],
    ['active', '2024-02-15', null],
  ] as const) {
    await s
      .insertInto('membershipPeriods')
      .values({
        associationId,
        membershipId,
        personId,
        unitId: unit(1),
        status,
        category: 'official',
        gender: 'female',
        validFrom: from,
        validTo: to,
      })
      .execute();
  }
  await s
    .insertInto('memberEvents')
    .values({
      associationId,
      id: newId(),
      membershipId,
      kind: 'admitted',
      effectiveDate: '2024-02-15',
      actorUserId: userId,
      actorName: 'Nguyễn Văn Hùng',
      unitId: unit(2),
      decisionNumber: '1/QĐ',
      decisionDate: '2024-02-15',
      decisionSigner: 'Chủ tịch',
      reason: null,
      details: JSON.stringify({ linkedPerson: false, ghi_chú: AWKWARD }),
    })
    .execute();
  await s
    .insertInto('memberSensitive')
    .values({
      associationId,
      membershipId,
      ethnicityCode: '12',
      religionCode: '02',
      partyMember: true,
      partyJoinedOn: '1975-04-30',
      healthNotes: AWKWARD,
      updatedBy: 'x',
    })
    .execute();
  await s
    .insertInto('memberPhotos')
    .values({
      associationId,
      membershipId,
      mime: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0a]),
    })
    .execute();
  await s
    .insertInto('memberConsents')
    .values({
      associationId,
      membershipId,
      purpose: 'photo_on_card',
      granted: true,
      source: 'member',
      evidence: null,
      recordedBy: 'x',
    })
    .execute();
  return associationId;
}
