import { Navigate } from 'react-router-dom';
import { useCan, useMe } from '../auth/me-context';

/** `/` opens the first module the user may use (the account page while 2FA must be set up). */
export function HomeRedirect() {
  const me = useMe();
  const can = useCan();
  if (me.totpSetupRequired) return <Navigate to="/account" replace />;
  // A member's own account (self.read and nothing else) opens the member portal.
  if (me.permissions.every((permission) => permission === 'self.read') && can('self.read'))
    return <Navigate to="/portal" replace />;
  if (can('unit.read')) return <Navigate to="/units" replace />;
  if (can('user.read')) return <Navigate to="/users" replace />;
  // The oversight body's officers read only the associations' briefings.
  if (can('oversight.read')) return <Navigate to="/oversight" replace />;
  return <Navigate to="/account" replace />;
}
