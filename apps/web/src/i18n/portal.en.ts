import type { portalVi } from './portal.vi';

/** English strings of the portal screens; the type keeps them in step with Vietnamese. */
export const portalEn: typeof portalVi = {
  title: 'Member portal',
};
