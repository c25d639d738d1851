import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationListSchema } from '@hoi/contracts';
import { apiRequest } from './client';

export type NotificationList = z.infer<typeof NotificationListSchema>;
export type AppNotification = NotificationList['items'][number];

/** The signed-in user's latest notifications and how many are unread. */
export function listNotifications(): Promise<NotificationList> {
  return apiRequest<NotificationList>('/api/notifications');
}

export function markNotificationRead(id: string): Promise<unknown> {
  return apiRequest(`/api/notifications/${id}/read`, { method: 'POST' });
}

export const notificationQueries = {
  all: ['notifications'] as const,
  list: () =>
    queryOptions({
      queryKey: ['notifications', 'list'],
      queryFn: listNotifications,
      refetchInterval: 60_000,
      staleTime: 30_000,
    }),
};
