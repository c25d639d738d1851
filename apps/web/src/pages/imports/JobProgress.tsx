import { useState } from 'react';
import { Alert, Button, Flex, Popconfirm, Progress, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Job } from '@hoi/contracts';
import { cancelJob, importQueries, isJobActive } from '../../api/imports-api';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

/**
 * A background job's progress: a bar of rows done / rows total, or a spinner with the rows done
 * while the total is unknown; a "Stop" button while it runs; its error once it failed.
 */
export function JobProgress({ job, title }: { job: Job | undefined; title: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [cancelError, setCancelError] = useState<unknown>(null);
  const lang = i18n.language;

  if (job && job.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="job-failed"
        title={t('imports.job.failed')}
        description={
          job.error ? (lang.startsWith('en') ? job.error.messageEn : job.error.message) : undefined
        }
      />
    );
  }
  if (job && job.status === 'cancelled') {
    return <Alert type="warning" showIcon title={t('imports.job.cancelled')} />;
  }

  const done = job?.rowsDone ?? 0;
  const total = job?.rowsTotal ?? null;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const label =
    !job || job.status === 'queued'
      ? t('imports.job.queued')
      : total !== null
        ? t('imports.job.progress', {
            done: formatNumber(done, lang),
            total: formatNumber(total, lang),
          })
        : t('imports.job.progressUnknown', { done: formatNumber(done, lang) });

  const stop = async () => {
    if (!job) return;
    setCancelError(null);
    try {
      const next = await cancelJob(job.id);
      queryClient.setQueryData(importQueries.job(job.id).queryKey, next);
    } catch (caught) {
      setCancelError(caught);
    }
  };

  return (
    <div data-testid="job-progress" aria-live="polite">
      <Typography.Text strong>{title}</Typography.Text>
      {total !== null && job?.status !== 'queued' ? (
        <Progress
          percent={job?.status === 'done' ? 100 : percent}
          status={job?.status === 'done' ? 'success' : 'active'}
          aria-label={label}
        />
      ) : (
        <Flex align="center" gap={12} style={{ marginBlock: 8 }}>
          <Spin size="small" />
        </Flex>
      )}
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text type="secondary" data-testid="job-progress-text">
          {label}
        </Typography.Text>
        {isJobActive(job) && (
          <Popconfirm
            title={t('imports.job.cancelConfirm')}
            okText={t('app.yes')}
            cancelText={t('app.no')}
            onConfirm={() => void stop()}
          >
            <Button size="small" danger>
              {t('imports.job.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {cancelError !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={errorText(cancelError, lang, t('errors.generic'))}
        />
      )}
    </div>
  );
}
