import {
  Alert,
  Breadcrumb,
  Card,
  Descriptions,
  Flex,
  Result,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { fetchAncestors, unitQueries } from '../../api/unit-queries';
import { useCan } from '../../auth/me-context';
import { formatDate, formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { UnitActions } from './UnitActions';
import { UnitHistoryView } from './UnitHistoryView';

const STATUS_COLOR: Record<Unit['status'], string> = {
  active: 'green',
  dissolved: 'default',
  merged: 'orange',
  split: 'purple',
};

/** /units/:id: the unit's facts, its place in the tree, actions, and its history. */
export function UnitDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const can = useCan();
  const queryClient = useQueryClient();
  const unitQuery = useQuery(unitQueries.detail(id));
  const unit = unitQuery.data;
  const ancestors = useQuery({
    queryKey: ['units', 'ancestors', id, unit?.parentId ?? null],
    queryFn: () => (unit ? fetchAncestors(queryClient, unit) : Promise.resolve([])),
    enabled: Boolean(unit),
  });

  if (unitQuery.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (unitQuery.isError) {
    const error = unitQuery.error;
    if (
      isApiError(error) &&
      (error.status === 404 || error.status === 403 || error.status === 400)
    ) {
      return (
        <Card data-testid="unit-not-found">
          <Result status="404" title={t('units.notFound')} subTitle={t('units.notFoundHint')} />
        </Card>
      );
    }
    return (
      <Alert type="error" showIcon title={errorText(error, i18n.language, t('errors.generic'))} />
    );
  }
  if (!unit) return null;

  const linkTo = (unitId: string) => ({ pathname: `/units/${unitId}`, search: location.search });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="unit-detail">
        {ancestors.data && ancestors.data.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={[
              ...ancestors.data.map((ancestor) => ({
                key: ancestor.id,
                title: <Link to={linkTo(ancestor.id)}>{ancestor.name}</Link>,
              })),
              { key: unit.id, title: unit.code },
            ]}
          />
        )}
        <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space wrap size={8} align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-name">
              {unit.name}
            </Typography.Title>
            <Tag color={STATUS_COLOR[unit.status]}>{t(`units.status.${unit.status}`)}</Tag>
          </Space>
          {can('unit.manage') && unit.status === 'active' ? <UnitActions unit={unit} /> : null}
        </Flex>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, xl: 2 }}
          items={[
            {
              key: 'code',
              label: t('units.field.code'),
              children: <Typography.Text code>{unit.code}</Typography.Text>,
            },
            { key: 'level', label: t('units.field.level'), children: unit.levelName },
            {
              key: 'validFrom',
              label: t('units.field.validFrom'),
              children: formatDate(unit.validFrom),
            },
            {
              key: 'validTo',
              label: t('units.field.validTo'),
              children: unit.validTo ? formatDate(unit.validTo) : '—',
            },
            {
              key: 'adminUnitCode',
              label: t('units.field.adminUnitCode'),
              children: unit.adminUnitCode ?? '—',
            },
            {
              key: 'childCount',
              label: t('units.field.childCount'),
              children: formatNumber(unit.childCount, i18n.language),
            },
          ]}
        />
      </Card>
      <UnitHistoryView unitId={unit.id} />
    </Space>
  );
}
