import type { membersVi } from './members.vi';

/** English strings of the members screens; the type keeps them in step with Vietnamese. */
export const membersEn: typeof membersVi = {
  title: 'Members',
};
