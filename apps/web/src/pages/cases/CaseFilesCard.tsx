import type { ReactNode } from 'react';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import { caseAttachmentUrl, caseDocumentUrl } from '../../api/cases-api';
import { ItemList } from '../../components/ItemList';
import { formatDate, formatNumber } from '../../lib/format';
import { useCaseLabels } from './case-labels';

function sizeText(bytes: number, lang: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), lang)} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lang)} MB`;
}

/** Issued notices and decisions (.docx downloads), with the one just issued called out. */
export function CaseDocumentsCard({
  kase,
  lastIssued,
  onDismissIssued,
}: {
  kase: Case;
  lastIssued: { id: string; number: string } | null;
  onDismissIssued: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Card size="small" title={t('cases.detail.documents')}>
      {lastIssued && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          closable={{ onClose: onDismissIssued }}
          title={t('cases.detail.issued', { number: lastIssued.number })}
          action={
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={caseDocumentUrl(kase.id, lastIssued.id)}
              data-testid="case-issued-download"
            >
              {t('cases.detail.issuedDownload')}
            </Button>
          }
          data-testid="case-issued"
        />
      )}
      <ItemList
        items={kase.documents}
        itemKey={(document) => document.id}
        emptyText={t('cases.detail.nothingYet')}
        data-testid="case-documents"
        title={(document) => (
          <span>
            {labels.documentName(document.kind)}{' '}
            <Typography.Text code>{document.number}</Typography.Text>
          </span>
        )}
        description={(document) => formatDate(document.issuedOn)}
        actions={(document) => (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={caseDocumentUrl(kase.id, document.id)}
            aria-label={`${t('cases.detail.download')} ${document.number}`}
          >
            {t('cases.detail.download')}
          </Button>
        )}
      />
    </Card>
  );
}

/**
 * Scans attached to the case. Identity-bearing ones are sealed: marked, and downloadable only by
 * a cleared handler (the server audits each download).
 */
export function CaseAttachmentsCard({ kase, extra }: { kase: Case; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const mayOpenSealed = kase.access.clearance && !kase.access.verifier;
  return (
    <Card size="small" title={t('cases.detail.attachments')} extra={extra}>
      <ItemList
        items={kase.attachments}
        itemKey={(attachment) => attachment.id}
        emptyText={t('cases.detail.nothingYet')}
        data-testid="case-attachments"
        title={(attachment) => (
          <Space size={4} wrap>
            <PaperClipOutlined />
            <span>{attachment.name}</span>
            {attachment.identityBearing && (
              <Tag color="red" icon={<LockOutlined />} data-testid="attachment-sealed">
                {t('cases.detail.identityBearing')}
              </Tag>
            )}
          </Space>
        )}
        description={(attachment) => sizeText(attachment.size, i18n.language)}
        actions={(attachment) =>
          !attachment.identityBearing || mayOpenSealed ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={caseAttachmentUrl(kase.id, attachment.id)}
            >
              {t('cases.detail.download')}
            </Button>
          ) : null
        }
      />
    </Card>
  );
}
