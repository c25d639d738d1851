import { useTranslation } from 'react-i18next';
import type { MemberAction, MemberCategory, MemberStatus } from '@hoi/contracts';
import {
  AGE_BANDS,
  MEMBER_ACTION_NAMES,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_NAMES,
  MEMBER_STATUSES,
  MEMBER_STATUS_NAMES,
} from '@hoi/contracts';

/** Tag colours of the membership statuses. */
export const STATUS_COLOR: Record<MemberStatus, string> = {
  applicant: 'blue',
  active: 'green',
  suspended: 'orange',
  resigned: 'default',
  aged_out: 'default',
  removed: 'red',
  deceased: 'default',
  rejected: 'default',
};

/**
 * Names of statuses, categories, actions and genders in the UI language, with option lists for
 * the selects (the contract holds both languages).
 */
export function useMemberLabels() {
  const { t, i18n } = useTranslation();
  const lang: 'vi' | 'en' = i18n.language.startsWith('en') ? 'en' : 'vi';
  const statusName = (status: MemberStatus) => MEMBER_STATUS_NAMES[status][lang];
  const categoryName = (category: MemberCategory) => MEMBER_CATEGORY_NAMES[category][lang];
  const actionName = (action: MemberAction) => MEMBER_ACTION_NAMES[action][lang];
  const genderName = (gender: 'male' | 'female' | null | undefined) =>
    gender ? t(`members.gender.${gender}`) : '';
  return {
    lang,
    statusName,
    categoryName,
    actionName,
    genderName,
    statusOptions: MEMBER_STATUSES.map((value) => ({ value, label: statusName(value) })),
    categoryOptions: MEMBER_CATEGORIES.map((value) => ({ value, label: categoryName(value) })),
    genderOptions: (['male', 'female'] as const).map((value) => ({
      value,
      label: genderName(value),
    })),
    ageBandOptions: AGE_BANDS.map((value) => ({ value, label: t(`members.ageBand.${value}`) })),
  };
}
