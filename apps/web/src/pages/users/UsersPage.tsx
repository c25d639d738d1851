import { useState } from 'react';
import { Alert, Button, Card, Flex, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../../api/users-api';
import { useCan } from '../../auth/me-context';
import { errorText } from '../../lib/server-errors';
import { useDebounced } from '../../lib/use-debounced';
import { CreateUserModal } from './CreateUserModal';
import { UserDrawer } from './UserDrawer';
import { UsersTable } from './UsersTable';

/** /users and /users/:id: the searchable user list (cursor pages) and a detail drawer. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const [searchText, setSearchText] = useState('');
  const [isCreateOpen, setCreateOpen] = useState(false);
  const q = useDebounced(searchText.trim(), 300);

  const users = useInfiniteQuery({
    queryKey: ['users', 'list', q],
    queryFn: ({ pageParam }) => listUsers({ q: q || undefined, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Card
        title={t('users.title')}
        extra={
          can('user.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      >
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          style={{ maxWidth: 420, marginBottom: 16 }}
        />
        {users.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText(users.error, i18n.language, t('errors.generic'))}
          />
        )}
        <UsersTable
          users={items}
          isLoading={users.isPending}
          onOpen={(userId) => void navigate(`/users/${userId}`)}
        />
        {users.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
              {t('app.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <CreateUserModal
        open={isCreateOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(userId) => void navigate(`/users/${userId}`)}
      />
      <UserDrawer userId={id} onClose={() => void navigate('/users')} />
    </>
  );
}
