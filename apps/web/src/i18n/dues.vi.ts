/** Vietnamese strings of the dues screens (namespace `dues`). */
export const duesVi = {
  title: 'Hội phí',
};
