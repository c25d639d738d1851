import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Flex, Result, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Template } from '@hoi/contracts';
import { reportQueries } from '../../api/reports-api';
import { useCan } from '../../auth/me-context';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { ManualIndicatorButton } from './ManualIndicatorModal';
import { useLevelName, useReportLabels } from './report-labels';

/**
 * /reports/templates: the association's report templates (code, name, periods, reporting levels,
 * version, in use or retired), each opening its editor; "Thêm biểu mẫu" starts a new one.
 * For administrators (association.manage).
 */
export function TemplatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const labels = useReportLabels();
  const levelName = useLevelName();
  const canManage = can('association.manage');
  const templates = useQuery({ ...reportQueries.templates(), enabled: canManage });
  const indicators = useQuery({ ...reportQueries.indicators(), enabled: canManage });

  if (!canManage) return <Result status="403" title={t('reports.templates.forbidden')} />;

  return (
    <Card
      title={t('reports.templates.title')}
      data-testid="templates-page"
      extra={
        <Space wrap>
          <ManualIndicatorButton catalogue={indicators.data ?? []} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/reports/templates/new')}
            data-testid="template-new"
          >
            {t('reports.templates.new')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('reports.templates.intro')}</Typography.Paragraph>
      <CaseErrorAlert error={templates.error} />
      <Table<Template>
        size="small"
        rowKey="id"
        loading={templates.isPending}
        dataSource={templates.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('reports.templates.empty')} /> }}
        onRow={(row) =>
          ({ 'data-testid': `template-row-${row.code}` }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'code',
            title: t('reports.templates.code'),
            render: (_, row) => (
              <Link to={`/reports/templates/${row.id}`} data-testid={`template-link-${row.code}`}>
                {row.code}
              </Link>
            ),
          },
          {
            key: 'name',
            title: t('reports.templates.name'),
            render: (_, row) => labels.text(row.name),
          },
          {
            key: 'periodTypes',
            title: t('reports.templates.periodTypes'),
            render: (_, row) => (
              <Flex gap={4} wrap>
                {row.periodTypes.map((type) => (
                  <Tag key={type}>{labels.periodTypeName(type)}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'levels',
            title: t('reports.templates.levels'),
            render: (_, row) =>
              [...row.levels]
                .sort((a, b) => a - b)
                .map(levelName)
                .join(', '),
          },
          {
            key: 'version',
            title: t('reports.templates.version'),
            align: 'right',
            render: (_, row) => `v${row.version}`,
          },
          {
            key: 'active',
            title: t('reports.templates.status'),
            render: (_, row) =>
              row.active ? (
                <Tag color="green">{t('reports.templates.active')}</Tag>
              ) : (
                <Tag>{t('reports.templates.inactive')}</Tag>
              ),
          },
          {
            key: 'edit',
            title: '',
            render: (_, row) => (
              <Link to={`/reports/templates/${row.id}`}>{t('reports.templates.edit')}</Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
