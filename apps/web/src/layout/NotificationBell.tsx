import { useState } from 'react';
import { Badge, Button, Empty, Popover, Spin, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../api/notifications-api';
import { markNotificationRead, notificationQueries } from '../api/notifications-api';
import { formatDateTime } from '../lib/format';

/**
 * The bell in the header: unread count, the latest notices (emergency access to a sealed
 * identity, overdue cases escalated); opening one marks it read and follows its link.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const notifications = useQuery(notificationQueries.list());
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  const isEnglish = i18n.language.startsWith('en');

  const openItem = async (item: AppNotification) => {
    setOpen(false);
    if (!item.readAt) {
      try {
        await markNotificationRead(item.id);
      } finally {
        void queryClient.invalidateQueries({ queryKey: notificationQueries.all });
      }
    }
    if (item.link?.startsWith('/')) void navigate(item.link);
  };

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {notifications.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <div role="list">
          {items.map((item, index) => (
            <div
              key={item.id}
              role="listitem"
              tabIndex={0}
              onClick={() => void openItem(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void openItem(item);
              }}
              style={{
                padding: '8px 4px',
                cursor: 'pointer',
                borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
                background: item.readAt ? undefined : token.colorPrimaryBg,
              }}
              data-testid="notification-item"
            >
              <Typography.Text strong={!item.readAt}>
                {isEnglish ? item.titleEn : item.title}
              </Typography.Text>
              {item.body && (
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 2 }}
                  style={{ margin: 0, fontSize: 12 }}
                >
                  {item.body}
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {formatDateTime(item.createdAt)}
                {!item.readAt && ` · ${t('notifications.unread')}`}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('notifications.title')}
      content={content}
      open={isOpen}
      onOpenChange={setOpen}
    >
      <Button
        type="text"
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="notification-bell"
        icon={
          <Badge count={unread} size="small" offset={[2, -2]}>
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
