/**
 * The demo federation seeded on first start: clearly labelled DEMO, hand-written, small.
 * Commune codes are real 2025 administrative codes (NSO) so the units link to the admin list.
 */
export const DEMO_ASSOCIATION = {
  code: 'HNCT-DEMO',
  name: 'Hội Người cao tuổi Việt Nam (DEMO)',
  shortName: 'Hội NCT (DEMO)',
  tags: ['KL230', 'QD68'],
  root: { code: 'TW', name: 'Trung ương Hội Người cao tuổi Việt Nam (DEMO)' },
};

export const DEMO_OVERSIGHT = {
  code: 'BTGDV-DEMO',
  name: 'Ban Tuyên giáo và Dân vận Trung ương (DEMO)',
  levelNames: ['Trung ương', 'Tỉnh'],
  root: { code: 'BTGDV', name: 'Ban Tuyên giáo và Dân vận Trung ương (DEMO)' },
};

/**
 * The date the demo tree "was founded", so history views have a past. Before the members' earliest
 * join dates (15 years back), so counts as of any past date name units that existed then.
 */
export const DEMO_FOUNDED = '2010-01-15';

export interface DemoProvince {
  code: string;
  name: string;
  adminCode: string;
  communes: { code: string; name: string; adminCode: string }[];
}

export const DEMO_PROVINCES: DemoProvince[] = [
  {
    code: 'HN',
    name: 'Hội NCT Thành phố Hà Nội',
    adminCode: '01',
    communes: [
      { code: 'HN-00004', name: 'Hội NCT Phường Ba Đình', adminCode: '00004' },
      { code: 'HN-00008', name: 'Hội NCT Phường Ngọc Hà', adminCode: '00008' },
      { code: 'HN-00025', name: 'Hội NCT Phường Giảng Võ', adminCode: '00025' },
      { code: 'HN-00070', name: 'Hội NCT Phường Hoàn Kiếm', adminCode: '00070' },
      { code: 'HN-00082', name: 'Hội NCT Phường Cửa Nam', adminCode: '00082' },
      { code: 'HN-00091', name: 'Hội NCT Phường Phú Thượng', adminCode: '00091' },
    ],
  },
  {
    code: 'HCM',
    name: 'Hội NCT Thành phố Hồ Chí Minh',
    adminCode: '79',
    communes: [
      { code: 'HCM-25747', name: 'Hội NCT Phường Thủ Dầu Một', adminCode: '25747' },
      { code: 'HCM-25750', name: 'Hội NCT Phường Phú Lợi', adminCode: '25750' },
      { code: 'HCM-25760', name: 'Hội NCT Phường Bình Dương', adminCode: '25760' },
      { code: 'HCM-25768', name: 'Hội NCT Phường Phú An', adminCode: '25768' },
      { code: 'HCM-25777', name: 'Hội NCT Xã Dầu Tiếng', adminCode: '25777' },
      { code: 'HCM-25780', name: 'Hội NCT Xã Minh Thạnh', adminCode: '25780' },
    ],
  },
];

/** Branch (chi hội) names per commune; each gets two groups (tổ hội). */
export const DEMO_BRANCHES = ['Chi hội Khu dân cư số 1', 'Chi hội Khu dân cư số 2'];
export const DEMO_GROUPS = ['Tổ hội 1', 'Tổ hội 2'];

/**
 * Demo accounts. `admin` gets HOI_ADMIN_PASSWORD (or a generated one, printed once); the others
 * share HOI_DEMO_PASSWORD (default 'demo-password-2026').
 */
export const DEMO_USERS = {
  admin: { username: 'admin', displayName: 'Quản trị viên Trung ương (DEMO)' },
  provinceOfficer: { username: 'canbo.hn', displayName: 'Cán bộ Hội NCT Hà Nội (DEMO)', unitCode: 'HN' },
  /** One officer per commune: username `canbo.<commune code in lower case>`. */
  communeOfficerPrefix: 'canbo.',
  viewer: { username: 'xem.hcm', displayName: 'Người xem Hội NCT TP HCM (DEMO)', unitCode: 'HCM' },
  oversight: { username: 'giamsat', displayName: 'Cán bộ Ban Tuyên giáo và Dân vận (DEMO)' },
  /** A member's self-service account (role `member`), linked to one active demo member of this group. */
  member: { username: 'hoivien', unitCode: 'HN-00004-CH1-T1' },
};

/**
 * Generated members (apps/server/src/modules/members/members.generate.ts) in every branch and
 * group of both provinces: some in transit between the provinces, some in dues arrears (rates at
 * the root for the last three years), a few ended.
 */
export const DEMO_MEMBERS = {
  count: 5000,
  seed: 'HNCT-DEMO',
  actorName: 'Dữ liệu mẫu (DEMO)',
  options: {
    transitShare: 0.015,
    arrearsShare: 0.1,
    terminalShare: 0.065,
    duesYears: 3,
    sensitiveShare: 0.1,
    consentShare: 0.3,
  },
};
/** Spelling of names and birth provinces by demo province. */
export const DEMO_REGIONS: Record<string, 'north' | 'south'> = { HN: 'north', HCM: 'south' };
