import { useState } from 'react';
import { Alert, Button, Flex, Form, Spin, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportUpload } from '@hoi/contracts';
import { importTemplateUrl, uploadImportFile } from '../../api/imports-api';
import { unitQueries } from '../../api/unit-queries';
import { UnitPicker } from '../../components/UnitPicker';
import { errorText } from '../../lib/server-errors';

interface ImportFileStepProps {
  unitId: string | undefined;
  onUnitChange: (unitId: string | undefined) => void;
  onUploaded: (upload: ImportUpload) => void;
}

/**
 * Step 1: the unit receiving the members and the file, sent as it is (the server reads the
 * header row and proposes the mapping); plus the import template of the unit.
 */
export function ImportFileStep({ unitId, onUnitChange, onUploaded }: ImportFileStepProps) {
  const { t, i18n } = useTranslation();
  const [isUploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unit = useQuery({ ...unitQueries.detail(unitId ?? ''), enabled: Boolean(unitId) });

  const upload = async (file: File) => {
    if (!unitId) return;
    setUploading(true);
    setError(null);
    try {
      onUploaded(await uploadImportFile(unitId, file));
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div data-testid="import-file">
      <Typography.Paragraph>{t('imports.file.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('imports.file.unit')}
          htmlFor="import-unit"
          extra={t('imports.file.unitHelp')}
          required
        >
          <UnitPicker
            id="import-unit"
            value={unitId}
            onChange={onUnitChange}
            initialUnits={unit.data ? [unit.data] : []}
            data-testid="import-unit"
          />
        </Form.Item>
      </Form>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="upload-error"
          style={{ marginBottom: 12 }}
          title={errorText(error, i18n.language, t('errors.generic'))}
        />
      )}
      <Spin spinning={isUploading} description={t('imports.file.uploading')}>
        <Upload.Dragger
          accept=".xlsx,.csv,.xls"
          multiple={false}
          showUploadList={false}
          disabled={!unitId || isUploading}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="import-dropzone"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {unitId ? t('imports.file.drop') : t('imports.file.unitFirst')}
          </p>
          <p className="ant-upload-hint">{t('imports.file.dropHint')}</p>
        </Upload.Dragger>
      </Spin>
      <Flex vertical gap={2} style={{ marginTop: 12 }}>
        <span>
          <Button
            type="link"
            icon={<DownloadOutlined />}
            href={unitId ? importTemplateUrl(unitId) : undefined}
            download
            disabled={!unitId}
            style={{ paddingInline: 0 }}
          >
            {t('imports.file.template')}
          </Button>
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('imports.file.templateHint')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
