/** Vietnamese strings of the members screens (namespace `members`). */
export const membersVi = {
  title: 'Hội viên',
};
