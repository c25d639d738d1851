import { useEffect } from 'react';
import { Alert, Button, Flex, Result, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { importQueries, importReportUrl, importResultOf } from '../../api/imports-api';
import { memberQueries } from '../../api/member-queries';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { ImportCountsCards } from './ImportCountsCards';
import { ImportRowsList } from './ImportRowsList';
import { JobProgress } from './JobProgress';

/**
 * Step 4: the commit's progress, then what went in, the error report of the rows that did not
 * (re-importable once fixed) and the way to the member list.
 */
export function ImportCommitStep({ jobId, onAnother }: { jobId: string; onAnother: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const job = useQuery(importQueries.job(jobId));
  const result = importResultOf(job.data);
  const isFinished = job.data?.status === 'done' && result !== null;
  const hasReport = result ? result.counts.error + result.counts.duplicate > 0 : false;
  const listUrl = job.data?.unitId ? `/members?unitId=${job.data.unitId}` : '/members';

  // The registry changed: lists read before the import are out of date.
  useEffect(() => {
    if (job.data?.status === 'done')
      void queryClient.invalidateQueries({ queryKey: memberQueries.all });
  }, [job.data?.status, queryClient]);

  const another = <Button onClick={onAnother}>{t('imports.commit.another')}</Button>;

  if (!isFinished) {
    return (
      <div data-testid="import-commit">
        {job.isError ? (
          <Alert type="error" showIcon title={errorText(job.error, lang, t('errors.generic'))} />
        ) : (
          <JobProgress job={job.data} title={t('imports.commit.running')} />
        )}
        {job.data && job.data.status !== 'queued' && job.data.status !== 'running' && (
          <Flex style={{ marginTop: 16 }}>{another}</Flex>
        )}
      </div>
    );
  }

  return (
    <div data-testid="import-commit">
      <Result
        status="success"
        title={t('imports.commit.done')}
        subTitle={t('imports.commit.doneSummary', {
          new: formatNumber(result.counts.new, lang),
          update: formatNumber(result.counts.update, lang),
        })}
        style={{ paddingBlock: 16 }}
        data-testid="import-done"
      />
      <ImportCountsCards counts={result.counts} />
      {hasReport && (
        <Flex vertical gap={4} style={{ marginTop: 16 }}>
          <Space wrap>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={importReportUrl(jobId, 'xlsx')}
              download
            >
              {t('imports.commit.reportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={importReportUrl(jobId, 'csv')} download>
              {t('imports.commit.reportCsv')}
            </Button>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('imports.commit.reportHint')}
          </Typography.Text>
        </Flex>
      )}
      <div style={{ marginTop: 16 }}>
        <ImportRowsList jobId={jobId} counts={result.counts} />
      </div>
      <Flex wrap gap={8} justify="space-between" style={{ marginTop: 16 }}>
        {another}
        <Button type="primary" onClick={() => void navigate(listUrl)}>
          {t('imports.commit.openList')}
        </Button>
      </Flex>
    </div>
  );
}
