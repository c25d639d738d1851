import type { transfersVi } from './transfers.vi';

/** English strings of the transfers screens; the type keeps them in step with Vietnamese. */
export const transfersEn: typeof transfersVi = {
  title: 'Transfers',
};
