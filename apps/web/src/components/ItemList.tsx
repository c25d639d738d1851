import type { Key, ReactNode } from 'react';
import { Empty, Flex, Typography, theme } from 'antd';

interface ItemListProps<T> {
  items: T[];
  itemKey: (item: T) => Key;
  /** Main line of an item. */
  title: (item: T) => ReactNode;
  /** Secondary line, muted. */
  description?: (item: T) => ReactNode;
  /** Buttons on the right of an item. */
  actions?: (item: T) => ReactNode;
  onItemClick?: (item: T) => void;
  isItemActive?: (item: T) => boolean;
  header?: ReactNode;
  emptyText: string;
  isBordered?: boolean;
  'data-testid'?: string;
}

/**
 * A plain list of rows (title, description, actions), replacing antd's deprecated `List` for
 * the short lists here; `role="list"` keeps it accessible.
 */
export function ItemList<T>(props: ItemListProps<T>) {
  const { token } = theme.useToken();
  const border = `1px solid ${token.colorBorderSecondary}`;
  return (
    <div
      data-testid={props['data-testid']}
      style={
        props.isBordered ? { border, borderRadius: token.borderRadiusLG, overflow: 'hidden' } : {}
      }
    >
      {props.header && (
        <div
          style={{
            padding: '8px 16px',
            borderBottom: border,
            background: token.colorFillQuaternary,
          }}
        >
          {props.header}
        </div>
      )}
      {props.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} />
      ) : (
        <div role="list">
          {props.items.map((item, index) => {
            const { onItemClick } = props;
            return (
              <Flex
                key={props.itemKey(item)}
                role="listitem"
                align="center"
                justify="space-between"
                gap={12}
                tabIndex={onItemClick ? 0 : undefined}
                onClick={onItemClick ? () => onItemClick(item) : undefined}
                onKeyDown={
                  onItemClick
                    ? (event) => {
                        if (event.key === 'Enter') onItemClick(item);
                      }
                    : undefined
                }
                style={{
                  padding: '8px 16px',
                  borderTop: index === 0 ? undefined : border,
                  cursor: onItemClick ? 'pointer' : undefined,
                  background: props.isItemActive?.(item) ? token.controlItemBgActive : undefined,
                }}
              >
                <div style={{ minWidth: 0 }}>
                  <div>{props.title(item)}</div>
                  {props.description && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {props.description(item)}
                    </Typography.Text>
                  )}
                </div>
                {props.actions && <div style={{ flex: 'none' }}>{props.actions(item)}</div>}
              </Flex>
            );
          })}
        </div>
      )}
    </div>
  );
}
