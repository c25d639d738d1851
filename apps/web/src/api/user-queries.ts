import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleCode } from '@hoi/contracts';
import { ROLES } from '@hoi/contracts';
import { fetchRoles, fetchUser } from './users-api';

/** Query keys and options for users; user mutations invalidate `['users']`. */
export const userQueries = {
  all: ['users'] as const,
  detail: (id: string) =>
    queryOptions({ queryKey: ['users', 'detail', id], queryFn: () => fetchUser(id) }),
  roles: () => queryOptions({ queryKey: ['roles'], queryFn: fetchRoles, staleTime: Infinity }),
};

/** Role options and labels in the UI language (the built-in catalogue until /api/roles answers). */
export function useRoles() {
  const { i18n } = useTranslation();
  const roles = useQuery(userQueries.roles());
  const isEnglish = i18n.language.startsWith('en');
  const catalog =
    roles.data ??
    (Object.entries(ROLES) as [RoleCode, (typeof ROLES)[RoleCode]][]).map(([code, role]) => ({
      code,
      vi: role.vi,
      en: role.en,
      permissions: [...role.permissions],
    }));
  const labelOf = (code: string) => {
    const role = catalog.find((candidate) => candidate.code === code);
    if (!role) return code;
    return isEnglish ? role.en : role.vi;
  };
  return {
    options: catalog.map((role) => ({ value: role.code, label: isEnglish ? role.en : role.vi })),
    labelOf,
  };
}
