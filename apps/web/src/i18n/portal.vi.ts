/** Vietnamese strings of the portal screens (namespace `portal`). */
export const portalVi = {
  title: 'Trang hội viên',
};
