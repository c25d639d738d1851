import type { duesVi } from './dues.vi';

/** English strings of the dues screens; the type keeps them in step with Vietnamese. */
export const duesEn: typeof duesVi = {
  title: 'Dues',
};
