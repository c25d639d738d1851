/** Vietnamese strings of the notification bell in the header (namespace `notifications`). */
export const notificationsVi = {
  title: 'Thông báo',
  bell: 'Thông báo ({{count}} chưa đọc)',
  empty: 'Chưa có thông báo',
  markRead: 'Đánh dấu đã đọc',
  unread: 'Chưa đọc',
};
