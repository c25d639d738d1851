import type { TableColumnsType } from 'antd';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportUpload } from '@hoi/contracts';
import type { ImportColumn } from '../../api/imports-api';
import { importQueries } from '../../api/imports-api';
import { unitQueries } from '../../api/unit-queries';
import { formatNumber } from '../../lib/format';
import {
  columnLetter,
  duplicateFields,
  matchingTemplate,
  REQUIRED_FIELD,
  sampleValues,
} from './import-mapping';

/** The value of "— Skip —" in the field selects (a Select option cannot be null). */
const SKIP = '';

/** Lower case without diacritics, so "dia chi" finds "Địa chỉ". */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export interface TemplateChoice {
  isSaving: boolean;
  name: string;
}

interface ImportMappingStepProps {
  upload: ImportUpload;
  columns: ImportColumn[];
  onColumnsChange: (columns: ImportColumn[]) => void;
  template: TemplateChoice;
  /** The template saved from this very file, which must not be announced as applied to it. */
  savedTemplate: string | null;
  onTemplateChange: (template: TemplateChoice) => void;
  isStarting: boolean;
  onPreview: () => void;
  onChooseOtherFile: () => void;
}

/**
 * Step 2: each column of the file with sample values and the registry field it fills. Every
 * field fills one column at most and "Họ và tên" is required before the preview can run.
 */
export function ImportMappingStep(props: ImportMappingStepProps) {
  const { upload, columns, template } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isPhone = !Grid.useBreakpoint().md;
  const unit = useQuery(unitQueries.detail(upload.unitId));
  const mappings = useQuery(importQueries.mappings());
  const applied = matchingTemplate(
    upload.columns,
    (mappings.data ?? []).filter((saved) => saved.name !== props.savedTemplate),
  );

  const fieldLabel = (field: string) => {
    const known = upload.fields.find((candidate) => candidate.field === field);
    if (!known) return field;
    return lang.startsWith('en') ? known.en : known.vi;
  };
  const options = [
    { value: SKIP, label: t('imports.mapping.skip') },
    ...upload.fields.map((field) => ({ value: field.field, label: fieldLabel(field.field) })),
  ];
  const twice = duplicateFields(columns);
  const hasFullName = columns.some((column) => column.field === REQUIRED_FIELD);
  const isTemplateNameMissing = template.isSaving && template.name.trim() === '';
  const canPreview = hasFullName && twice.length === 0 && !isTemplateNameMissing;

  const setField = (index: number, value: string) => {
    props.onColumnsChange(
      columns.map((column) =>
        column.index === index ? { ...column, field: value === SKIP ? null : value } : column,
      ),
    );
  };

  const headingOf = (column: ImportColumn) => column.heading || t('imports.mapping.noHeading');
  const samplesOf = (column: ImportColumn) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {sampleValues(upload.sample, column.index).join(' · ')}
    </Typography.Text>
  );

  const tableColumns: TableColumnsType<ImportColumn> = [
    {
      key: 'heading',
      title: t('imports.mapping.column'),
      render: (_, column) => (
        <Flex vertical gap={2}>
          <span>
            <Tag variant="filled">{columnLetter(column.index)}</Tag>
            <Typography.Text strong>{headingOf(column)}</Typography.Text>
          </span>
          {isPhone && samplesOf(column)}
        </Flex>
      ),
    },
    ...(isPhone
      ? []
      : [
          {
            key: 'sample',
            title: t('imports.mapping.sample'),
            render: (_: unknown, column: ImportColumn) => samplesOf(column),
          },
        ]),
    {
      key: 'field',
      title: t('imports.mapping.field'),
      width: isPhone ? 160 : 260,
      render: (_, column) => (
        <Select<string>
          aria-label={t('imports.mapping.fieldFor', { heading: headingOf(column) })}
          data-testid={`map-${column.index}`}
          value={column.field ?? SKIP}
          options={options}
          onChange={(value) => setField(column.index, value)}
          status={column.field !== null && twice.includes(column.field) ? 'warning' : undefined}
          showSearch={{
            filterOption: (input, option) =>
              foldText(typeof option?.label === 'string' ? option.label : '').includes(
                foldText(input.trim()),
              ),
          }}
          popupMatchSelectWidth={false}
          style={{ width: '100%' }}
        />
      ),
    },
  ];

  return (
    <div data-testid="import-mapping">
      <Typography.Paragraph>{t('imports.mapping.intro')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Tag variant="filled">{t('imports.mapping.fileName', { name: upload.fileName })}</Tag>
        {unit.data && (
          <Tag variant="filled">
            {t('imports.mapping.unit', { name: `${unit.data.name} (${unit.data.code})` })}
          </Tag>
        )}
        <Tag variant="filled" data-testid="header-row">
          {t('imports.mapping.headerRow', { row: formatNumber(upload.headerRow, lang) })}
        </Tag>
      </Flex>
      {applied && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('imports.mapping.savedMapping', { name: applied.name })}
        />
      )}
      <Table<ImportColumn>
        size="small"
        rowKey="index"
        columns={tableColumns}
        dataSource={columns}
        pagination={false}
        data-testid="mapping-table"
      />
      {!hasFullName && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          title={t('imports.mapping.fullNameRequired')}
        />
      )}
      {twice.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          data-testid="duplicate-fields"
          title={t('imports.mapping.duplicateFields', {
            fields: twice.map(fieldLabel).join(', '),
          })}
        />
      )}
      <Flex vertical gap={8} style={{ marginTop: 16 }}>
        <Checkbox
          checked={template.isSaving}
          onChange={(event) =>
            props.onTemplateChange({ ...template, isSaving: event.target.checked })
          }
        >
          {t('imports.mapping.saveTemplate')}
        </Checkbox>
        {template.isSaving && (
          <Flex vertical gap={4} style={{ maxWidth: 400 }}>
            <Input
              aria-label={t('imports.mapping.templateName')}
              placeholder={t('imports.mapping.templateName')}
              value={template.name}
              maxLength={100}
              status={isTemplateNameMissing ? 'error' : undefined}
              onChange={(event) =>
                props.onTemplateChange({ ...template, name: event.target.value })
              }
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isTemplateNameMissing
                ? t('imports.mapping.templateNameRequired')
                : t('imports.mapping.saveTemplateHint')}
            </Typography.Text>
          </Flex>
        )}
      </Flex>
      <Flex wrap gap={8} justify="space-between" style={{ marginTop: 16 }}>
        <Button onClick={props.onChooseOtherFile}>{t('imports.mapping.chooseOtherFile')}</Button>
        <Space wrap>
          <Button
            type="primary"
            disabled={!canPreview}
            loading={props.isStarting}
            onClick={props.onPreview}
          >
            {t('imports.mapping.runPreview')}
          </Button>
        </Space>
      </Flex>
    </div>
  );
}
