import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Me, Permission } from '@hoi/contracts';
import { fetchMe } from '../api/auth-api';
import { setCsrfToken } from '../api/client';

export const ME_QUERY_KEY = ['me'] as const;

/** The session probe: the signed-in user (keeping their CSRF token), or null. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async () => {
      const me = await fetchMe();
      setCsrfToken(me?.csrfToken ?? null);
      return me;
    },
    staleTime: Infinity,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside RequireAuth');
  return me;
}

/** Whether the signed-in user holds a permission somewhere in their scope. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}
