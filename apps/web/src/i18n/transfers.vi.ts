/** Vietnamese strings of the transfers screens (namespace `transfers`). */
export const transfersVi = {
  title: 'Chuyển sinh hoạt',
};
