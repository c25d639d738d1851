import type { notificationsVi } from './notifications.vi';

/** English strings of the notification bell; the type keeps them in step with Vietnamese. */
export const notificationsEn: typeof notificationsVi = {
  title: 'Notifications',
  bell: 'Notifications ({{count}} unread)',
  empty: 'No notifications',
  markRead: 'Mark as read',
  unread: 'Unread',
};
