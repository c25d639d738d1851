/** Named permissions. A role grants a set; an assignment scopes it to a unit's subtree. */
export const PERMISSIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'role.assign',
  'audit.read',
  'association.manage',
  'token.manage',
  'member.read',
  'member.manage',
  'member.sensitive.read',
  'finance.manage',
  'dues.manage',
  'inspection.manage',
  'case.manage',
  'report.read',
  'report.submit',
  'oversight.read',
  'self.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_CODES = [
  'association_admin',
  'unit_officer',
  'data_entry_clerk',
  'finance_officer',
  'inspector',
  'case_officer',
  'viewer',
  'member',
  'oversight_viewer',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

/** Built-in roles, names in Vietnamese and English, and what each may do within its subtree. */
export const ROLES: Record<
  RoleCode,
  { vi: string; en: string; permissions: readonly Permission[] }
> = {
  association_admin: {
    vi: 'Quản trị viên hội',
    en: 'Association administrator',
    permissions: [
      'unit.read',
      'unit.manage',
      'user.read',
      'user.manage',
      'role.assign',
      'audit.read',
      'association.manage',
      'token.manage',
      'member.read',
      'member.manage',
      'member.sensitive.read',
      'dues.manage',
      'case.manage',
      'report.read',
      'report.submit',
      'self.read',
    ],
  },
  unit_officer: {
    vi: 'Cán bộ đơn vị',
    en: 'Unit officer',
    permissions: [
      'unit.read',
      'unit.manage',
      'user.read',
      'user.manage',
      'role.assign',
      'member.read',
      'member.manage',
      'dues.manage',
      'case.manage',
      'report.read',
      'report.submit',
      'token.manage',
      'self.read',
    ],
  },
  data_entry_clerk: {
    vi: 'Cán bộ nhập liệu',
    en: 'Data-entry clerk',
    permissions: ['unit.read', 'member.read', 'member.manage', 'self.read'],
  },
  finance_officer: {
    vi: 'Cán bộ tài chính',
    en: 'Finance officer',
    permissions: ['unit.read', 'member.read', 'finance.manage', 'dues.manage', 'self.read'],
  },
  inspector: {
    vi: 'Cán bộ kiểm tra',
    en: 'Inspector',
    permissions: ['unit.read', 'inspection.manage', 'report.read', 'self.read'],
  },
  case_officer: {
    vi: 'Cán bộ giải quyết đơn thư',
    en: 'Case officer',
    permissions: ['unit.read', 'case.manage', 'self.read'],
  },
  viewer: {
    vi: 'Người xem',
    en: 'Viewer',
    permissions: ['unit.read', 'report.read', 'self.read'],
  },
  member: { vi: 'Hội viên', en: 'Member', permissions: ['self.read'] },
  oversight_viewer: {
    vi: 'Cán bộ cơ quan theo dõi (Ban Tuyên giáo và Dân vận)',
    en: 'Oversight body officer',
    permissions: ['oversight.read', 'self.read'],
  },
};
