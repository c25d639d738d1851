import { useState } from 'react';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import { caseQueries } from '../../api/cases-api';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/me-context';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { useCaseLabels } from './case-labels';
import { CaseActions } from './CaseActions';
import { CaseClockCard } from './CaseClockCard';
import { CaseAttachmentsCard, CaseDocumentsCard } from './CaseFilesCard';
import {
  CaseContentCard,
  CaseOutcomeCard,
  CaseRecordsCard,
  CaseTimelineCard,
} from './CaseInfoCards';
import { CaseSealedCard } from './CaseSealedCard';
import { CaseStatusTag, CaseTypeLabel, DaysLeftTag } from './CaseTags';

/** Number, type, status, the deadline the case works against now and the facts of the file. */
function CaseHeader({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const next = kase.nextDeadline;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Space orientation="vertical" size={6} style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
            {kase.number}
          </Typography.Title>
          <Space size={8} wrap>
            <CaseTypeLabel type={kase.type} round={kase.round} />
            <CaseStatusTag status={kase.status} />
            {kase.overdue && (
              <Tag color="red" variant="solid" data-testid="case-overdue">
                {t('cases.overdue')}
              </Tag>
            )}
          </Space>
        </Space>
        <Space orientation="vertical" size={2} align="end" data-testid="case-next-deadline">
          <Typography.Text type="secondary">{t('cases.detail.nextDeadline')}</Typography.Text>
          {next ? (
            <>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {formatDate(next.date)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labels.lang === 'en' ? next.en : next.vi}
              </Typography.Text>
              <DaysLeftTag daysLeft={kase.daysLeft} overdue={kase.overdue} />
            </>
          ) : (
            <Typography.Text type="secondary">{t('cases.detail.noDeadline')}</Typography.Text>
          )}
        </Space>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'unit',
            label: t('cases.detail.unit'),
            children: `${kase.unit.name} (${kase.unit.code})`,
          },
          {
            key: 'receivedOn',
            label: t('cases.detail.receivedOn'),
            children: formatDate(kase.receivedOn),
          },
          {
            key: 'channel',
            label: t('cases.detail.channel'),
            children: labels.channelName(kase.channel),
          },
          { key: 'handler', label: t('cases.detail.handler'), children: kase.handler?.name ?? '—' },
          {
            key: 'complexity',
            label: t('cases.detail.complexity'),
            children: (
              <span data-testid="case-complexity">
                {labels.complexityName(kase.complexity)}
                {kase.remote ? ` · ${t('cases.detail.remote')}` : ''}
              </span>
            ),
          },
          ...(kase.verifiers.length > 0
            ? [
                {
                  key: 'verifiers',
                  label: t('cases.detail.verifiers'),
                  children: kase.verifiers.map((verifier) => verifier.name).join(', '),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

/**
 * /cases/:id: the case file. The header and actions on top; the content, outcome, sealed
 * identity card, records, documents and attachments on the left; the deadline clock and the
 * history on the right.
 */
export function CaseDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const canManage = can('case.manage');
  const caseQuery = useQuery({ ...caseQueries.detail(id), enabled: canManage });
  const [lastIssued, setLastIssued] = useState<{
    caseId: string;
    id: string;
    number: string;
  } | null>(null);

  if (!canManage) return <Result status="403" title={t('cases.forbidden')} />;
  if (caseQuery.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (caseQuery.isError) {
    const error = caseQuery.error;
    if (isApiError(error) && [400, 403, 404].includes(error.status))
      return (
        <Card data-testid="case-not-found">
          <Result
            status="404"
            title={t('cases.detail.notFound')}
            subTitle={t('cases.detail.notFoundHint')}
            extra={<Link to="/cases">{t('cases.detail.back')}</Link>}
          />
        </Card>
      );
    return (
      <Alert type="error" showIcon title={errorText(error, i18n.language, t('errors.generic'))} />
    );
  }
  const kase = caseQuery.data;
  const issued = lastIssued?.caseId === kase.id ? lastIssued : null;

  // Keyed by case: another case's page must not inherit state such as an opened sealed identity.
  return (
    <Flex key={kase.id} vertical gap={16} data-testid="case-detail">
      <Card>
        <Flex vertical gap={16}>
          <Link to="/cases">← {t('cases.detail.back')}</Link>
          <CaseHeader kase={kase} />
          <CaseActions
            kase={kase}
            onIssued={(document) => setLastIssued({ caseId: kase.id, ...document })}
          />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <CaseContentCard kase={kase} />
            <CaseSealedCard kase={kase} />
            <CaseOutcomeCard kase={kase} />
            <CaseRecordsCard kase={kase} />
            <CaseDocumentsCard
              kase={kase}
              lastIssued={issued}
              onDismissIssued={() => setLastIssued(null)}
            />
            <CaseAttachmentsCard kase={kase} />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <CaseClockCard kase={kase} />
            <CaseTimelineCard kase={kase} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
