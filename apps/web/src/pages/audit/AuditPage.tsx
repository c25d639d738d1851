import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/audit-api';
import { listAudit, verifyAudit } from '../../api/audit-api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { AuditVerifyResult } from './AuditVerifyResult';

function renderJson(value: unknown) {
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** /audit: the hash-chained log, newest first, with a chain verification. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [hasVerified, setVerified] = useState(false);
  const entries = useInfiniteQuery({
    queryKey: ['audit', 'list'],
    queryFn: ({ pageParam }) => listAudit({ cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: verifyAudit, onSettled: () => setVerified(true) });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {hasVerified && <AuditVerifyResult mutation={verify} />}
      {entries.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorText(entries.error, i18n.language, t('errors.generic'))}
        />
      )}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={entries.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{
          expandedRowRender: (entry) => (
            <Flex gap={24} wrap>
              <div style={{ flex: '1 1 280px', minWidth: 0 }}>
                <Typography.Title level={5} style={{ fontSize: 13, marginTop: 0 }}>
                  {t('audit.before')}
                </Typography.Title>
                {renderJson(entry.before)}
              </div>
              <div style={{ flex: '1 1 280px', minWidth: 0 }}>
                <Typography.Title level={5} style={{ fontSize: 13, marginTop: 0 }}>
                  {t('audit.after')}
                </Typography.Title>
                {renderJson(entry.after)}
              </div>
            </Flex>
          ),
        }}
        columns={[
          {
            key: 'seq',
            title: t('audit.seq'),
            dataIndex: 'seq',
            align: 'right',
            render: (seq: number) => formatNumber(seq, i18n.language),
          },
          { key: 'at', title: t('audit.at'), render: (_, entry) => formatDateTime(entry.at) },
          {
            key: 'actor',
            title: t('audit.actor'),
            render: (_, entry) =>
              entry.actorName ?? (
                <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
              ),
          },
          {
            key: 'action',
            title: t('audit.action'),
            render: (_, entry) => <Tag>{entry.action}</Tag>,
          },
          {
            key: 'entity',
            title: t('audit.entity'),
            responsive: ['md'],
            render: (_, entry) => (
              <Typography.Text>
                {entry.entityType}
                {entry.entityId ? (
                  <Typography.Text type="secondary" copyable={{ text: entry.entityId }}>
                    {' '}
                    {entry.entityId.slice(0, 8)}…
                  </Typography.Text>
                ) : null}
              </Typography.Text>
            ),
          },
        ]}
      />
      {entries.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
            {t('app.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
