import { Alert, Button, Card, Flex, Popconfirm, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SplitCommune } from '../../api/imports-api';
import { importQueries, importReportUrl, importResultOf } from '../../api/imports-api';
import { ItemList } from '../../components/ItemList';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { ImportCountsCards } from './ImportCountsCards';
import { ImportRowsList } from './ImportRowsList';
import { JobProgress } from './JobProgress';

export type CommuneChoices = Record<string, string>;

interface ImportPreviewStepProps {
  jobId: string;
  /** Split communes listed by earlier previews (a chosen one is no longer listed). */
  knownSplits: SplitCommune[];
  choices: CommuneChoices;
  /** The choices the shown preview ran with. */
  runChoices: CommuneChoices;
  onChoicesChange: (choices: CommuneChoices) => void;
  /** The run being started, if any. */
  starting: 'preview' | 'commit' | null;
  onRerun: (splits: SplitCommune[]) => void;
  onBack: () => void;
  onCommit: () => void;
}

/** Split communes of this run followed by those of earlier runs, each once. */
function mergeSplits(current: SplitCommune[], known: SplitCommune[]): SplitCommune[] {
  const byKey = new Map<string, SplitCommune>();
  for (const split of [...current, ...known])
    if (!byKey.has(split.key)) byKey.set(split.key, split);
  return [...byKey.values()];
}

function placeOf(split: SplitCommune): string {
  return [split.oldCommune, split.oldDistrict, split.oldProvince].filter(Boolean).join(', ');
}

function sameChoices(a: CommuneChoices, b: CommuneChoices): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * Step 3: the dry run's progress, then its counts, the rows to look at, the new commune of each
 * split old commune, and the commit button.
 */
export function ImportPreviewStep(props: ImportPreviewStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const job = useQuery(importQueries.job(props.jobId));
  const result = importResultOf(job.data);
  const splits = mergeSplits(result?.splitCommunes ?? [], props.knownSplits);
  const isChanged = !sameChoices(props.choices, props.runChoices);
  const toImport = result ? result.counts.new + result.counts.update : 0;
  const hasReport = result ? result.counts.error + result.counts.duplicate > 0 : false;

  const back = <Button onClick={props.onBack}>{t('imports.preview.back')}</Button>;

  if (!result || job.data?.status !== 'done') {
    return (
      <div data-testid="import-preview">
        {job.isError ? (
          <Alert type="error" showIcon title={errorText(job.error, lang, t('errors.generic'))} />
        ) : (
          <JobProgress job={job.data} title={t('imports.steps.preview')} />
        )}
        <Flex style={{ marginTop: 16 }}>{back}</Flex>
      </div>
    );
  }

  return (
    <div data-testid="import-preview">
      <ImportCountsCards counts={result.counts} />
      {splits.length > 0 && (
        <Card
          size="small"
          title={t('imports.splits.title')}
          style={{ marginTop: 16 }}
          data-testid="split-communes"
        >
          <Typography.Paragraph type="secondary">{t('imports.splits.hint')}</Typography.Paragraph>
          <ItemList<SplitCommune>
            items={splits}
            itemKey={(split) => split.key}
            isBordered
            emptyText=""
            title={(split) => <Typography.Text strong>{placeOf(split)}</Typography.Text>}
            description={(split) =>
              t('imports.splits.rows', { count: formatNumber(split.rows, lang) })
            }
            actions={(split) => (
              <Select<string>
                aria-label={t('imports.splits.chooseFor', { name: placeOf(split) })}
                placeholder={t('imports.splits.choose')}
                value={props.choices[split.key]}
                allowClear
                style={{ width: 200 }}
                popupMatchSelectWidth={false}
                options={split.candidates.map((candidate) => ({
                  value: candidate.code,
                  label: `${candidate.name} (${candidate.provinceName})`,
                }))}
                onChange={(code) => {
                  const next = { ...props.choices };
                  if (code) next[split.key] = code;
                  else delete next[split.key];
                  props.onChoicesChange(next);
                }}
              />
            )}
          />
          {isChanged && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              title={t('imports.splits.changed')}
            />
          )}
        </Card>
      )}
      <div style={{ marginTop: 16 }}>
        <ImportRowsList jobId={props.jobId} counts={result.counts} />
      </div>
      {hasReport && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button icon={<DownloadOutlined />} href={importReportUrl(props.jobId, 'xlsx')} download>
            {t('imports.commit.reportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={importReportUrl(props.jobId, 'csv')} download>
            {t('imports.commit.reportCsv')}
          </Button>
        </Space>
      )}
      <Flex wrap gap={8} justify="space-between" style={{ marginTop: 16 }}>
        {back}
        <Space wrap>
          <Button
            type={isChanged ? 'primary' : 'default'}
            loading={props.starting === 'preview'}
            disabled={props.starting === 'commit'}
            onClick={() => props.onRerun(splits)}
          >
            {t('imports.preview.rerun')}
          </Button>
          {toImport > 0 ? (
            <Popconfirm
              title={t('imports.preview.commitConfirm', { count: formatNumber(toImport, lang) })}
              okText={t('app.confirm')}
              cancelText={t('app.cancel')}
              onConfirm={props.onCommit}
            >
              <Button
                type={isChanged ? 'default' : 'primary'}
                loading={props.starting === 'commit'}
                disabled={props.starting === 'preview'}
                data-testid="commit-button"
              >
                {t('imports.preview.commit', { count: formatNumber(toImport, lang) })}
              </Button>
            </Popconfirm>
          ) : (
            <Typography.Text type="secondary">
              {t('imports.preview.nothingToCommit')}
            </Typography.Text>
          )}
        </Space>
      </Flex>
    </div>
  );
}
