import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Indicator, Template } from '@hoi/contracts';
import { PERIOD_TYPES, TemplateBodySchema } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { createTemplate, reportQueries, updateTemplate } from '../../api/reports-api';
import { useCan, useMe } from '../../auth/me-context';
import { useFormRules, zodRule } from '../../lib/form-rules';
import { applyServerError, errorText } from '../../lib/server-errors';
import { CaseErrorAlert } from '../cases/CaseErrorAlert';
import { ManualIndicatorButton } from './ManualIndicatorModal';
import { useLevelName, useReportLabels } from './report-labels';
import type { TemplateFormValues } from './template-form';
import {
  emptyTemplateForm,
  formToTemplateBody,
  levelChoices,
  templateToForm,
} from './template-form';
import { TemplateRulesField } from './TemplateRulesField';
import { TemplateSectionsField } from './TemplateSectionsField';

/** The template's code, names, periods, levels, cut-off day, deadlines and hideUnapproved. */
function GeneralFields({
  form,
  template,
}: {
  form: FormInstance<TemplateFormValues>;
  template: Template | null;
}) {
  const { t } = useTranslation();
  const labels = useReportLabels();
  const levelName = useLevelName();
  const { required, requiredValue } = useFormRules();
  const levelNames = useMe().association.levelNames;
  const selectedLevels = Form.useWatch('levels', form) ?? template?.levels ?? [];
  const levels = levelChoices(levelNames, template?.levels ?? []);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={t('reports.templates.code')}
            extra={t('reports.templates.codeHint')}
            rules={[
              required,
              zodRule(TemplateBodySchema.shape.code, t('reports.templates.codePattern')),
            ]}
            normalize={(value: string) => value.toUpperCase()}
          >
            <Input maxLength={40} autoComplete="off" data-testid="template-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['name', 'vi']}
            label={t('reports.templates.nameVi')}
            rules={[required, { max: 300 }]}
          >
            <Input maxLength={300} data-testid="template-name-vi" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['name', 'en']}
            label={t('reports.templates.nameEn')}
            rules={[required, { max: 300 }]}
          >
            <Input maxLength={300} lang="en" data-testid="template-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="periodTypes"
        label={t('reports.templates.periodTypes')}
        rules={[requiredValue]}
      >
        <Checkbox.Group
          options={PERIOD_TYPES.map((type) => ({
            value: type,
            label: labels.periodTypeName(type),
          }))}
          data-testid="template-period-types"
        />
      </Form.Item>
      <Form.Item
        name="levels"
        label={t('reports.templates.levels')}
        extra={t('reports.templates.levelsHint')}
        rules={[requiredValue]}
      >
        <Checkbox.Group
          options={levels.map((level) => ({ value: level, label: levelName(level) }))}
          data-testid="template-levels"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="cutoffDay"
            label={t('reports.templates.cutoffDay')}
            extra={t('reports.templates.cutoffDayHint')}
            rules={[requiredValue]}
          >
            <InputNumber
              min={1}
              max={28}
              precision={0}
              style={{ width: 120 }}
              data-testid="template-cutoff-day"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="hideUnapproved"
            label={t('reports.templates.hideUnapproved')}
            extra={t('reports.templates.hideUnapprovedHint')}
            valuePropName="checked"
          >
            <Switch data-testid="template-hide-unapproved" />
          </Form.Item>
        </Col>
      </Row>
      {selectedLevels.length > 0 && (
        <Form.Item
          label={t('reports.templates.deadlines')}
          extra={t('reports.templates.deadlinesHint')}
          style={{ marginBottom: 0 }}
        >
          <Flex gap={16} wrap data-testid="template-deadlines">
            {[...selectedLevels]
              .sort((a, b) => a - b)
              .map((level) => (
                <Form.Item
                  key={level}
                  name={['deadlines', String(level)]}
                  label={levelName(level)}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber
                    min={0}
                    max={60}
                    precision={0}
                    suffix={t('reports.templates.workingDays')}
                    style={{ width: 180 }}
                    aria-label={`${t('reports.templates.deadlines')}: ${levelName(level)}`}
                    data-testid={`template-deadline-${level}`}
                  />
                </Form.Item>
              ))}
          </Flex>
        </Form.Item>
      )}
    </>
  );
}

/**
 * The editor of one template (`template` null: a new one). Saves with POST or PUT on the version
 * it was opened at; a STALE_VERSION reloads the latest version (the parent remounts this by
 * version); TEMPLATE_INVALID lists the server's problems; DUPLICATE_CODE marks the code.
 */
function TemplateEditor({
  template,
  catalogue,
}: {
  template: Template | null;
  catalogue: Indicator[];
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const labels = useReportLabels();
  const [form] = Form.useForm<TemplateFormValues>();
  const [isDirty, setDirty] = useState(false);
  const [initialValues] = useState(() =>
    template ? templateToForm(template) : emptyTemplateForm(),
  );

  // A reload or a closed tab would lose the edits.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const save = useMutation({
    mutationFn: (values: TemplateFormValues) => {
      const body = formToTemplateBody(values);
      return template ? updateTemplate(template.id, template.version, body) : createTemplate(body);
    },
    onSuccess: async (saved) => {
      setDirty(false);
      const detailKey = reportQueries.template(saved.id).queryKey;
      queryClient.setQueryData(detailKey, saved);
      void message.success(t(template ? 'reports.templates.saved' : 'reports.templates.created'));
      if (!template) void navigate(`/reports/templates/${saved.id}`, { replace: true });
      // Lists, periods and reports follow the template's levels, periods and deadlines.
      await queryClient.invalidateQueries({
        queryKey: reportQueries.all,
        predicate: (query) => query.queryKey.join('/') !== detailKey.join('/'),
      });
    },
    onError: (error) => {
      if (template && isApiError(error, 'STALE_VERSION')) {
        setDirty(false);
        void queryClient.invalidateQueries({
          queryKey: reportQueries.template(template.id).queryKey,
        });
        void message.warning(t('reports.templates.staleReloaded'));
        return;
      }
      applyServerError(form, error, i18n.language, { DUPLICATE_CODE: 'code' });
    },
  });

  return (
    <Card
      data-testid="template-editor"
      title={
        <Space size={8} wrap>
          <span>
            {template
              ? t('reports.templates.editTitle', { code: template.code })
              : t('reports.templates.newTitle')}
          </span>
          {template && (
            <>
              <Tag data-testid="template-version">v{template.version}</Tag>
              {template.active ? (
                <Tag color="green">{t('reports.templates.active')}</Tag>
              ) : (
                <Tag>{t('reports.templates.inactive')}</Tag>
              )}
            </>
          )}
        </Space>
      }
      extra={<Link to="/reports/templates">← {t('reports.templates.back')}</Link>}
    >
      {template && (
        <Typography.Paragraph type="secondary">{labels.text(template.name)}</Typography.Paragraph>
      )}
      <Form<TemplateFormValues>
        form={form}
        name="template-editor"
        layout="vertical"
        initialValues={initialValues}
        scrollToFirstError
        onValuesChange={() => setDirty(true)}
        onFinish={() => save.mutate(form.getFieldsValue(true) as TemplateFormValues)}
      >
        <Flex vertical gap={16}>
          <Card size="small" title={t('reports.templates.general')}>
            <GeneralFields form={form} template={template} />
          </Card>
          <Card
            size="small"
            title={t('reports.templates.sections')}
            extra={<ManualIndicatorButton catalogue={catalogue} />}
          >
            <Typography.Paragraph type="secondary">
              {t('reports.templates.sectionsHint')}
            </Typography.Paragraph>
            <TemplateSectionsField form={form} catalogue={catalogue} />
          </Card>
          <Card size="small" title={t('reports.templates.rules')}>
            <TemplateRulesField form={form} />
          </Card>
          <CaseErrorAlert error={save.error} />
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={save.isPending}
              data-testid="template-save"
            >
              {t('reports.templates.save')}
            </Button>
            <Button onClick={() => void navigate('/reports/templates')}>{t('app.cancel')}</Button>
            {isDirty && (
              <Tag color="gold" data-testid="template-unsaved">
                {t('reports.report.unsaved')}
              </Tag>
            )}
          </Space>
        </Flex>
      </Form>
    </Card>
  );
}

/**
 * /reports/templates/new and /reports/templates/:id: compose a report template from the
 * indicator catalogue (sections, levels, periods, deadlines, validation rules). For
 * administrators (association.manage).
 */
export function TemplateEditorPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const canManage = can('association.manage');
  const isNew = id === undefined;
  const templateQuery = useQuery({
    ...reportQueries.template(id ?? ''),
    enabled: canManage && !isNew,
  });
  const indicators = useQuery({ ...reportQueries.indicators(), enabled: canManage });

  if (!canManage) return <Result status="403" title={t('reports.templates.forbidden')} />;
  if (indicators.isPending || (!isNew && templateQuery.isPending))
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  if (!isNew && templateQuery.isError) {
    const error = templateQuery.error;
    if (isApiError(error) && [400, 404].includes(error.status))
      return (
        <Card data-testid="template-not-found">
          <Result
            status="404"
            title={t('reports.templates.notFound')}
            extra={<Link to="/reports/templates">{t('reports.templates.back')}</Link>}
          />
        </Card>
      );
    return (
      <Alert type="error" showIcon title={errorText(error, i18n.language, t('errors.generic'))} />
    );
  }
  if (indicators.isError) return <CaseErrorAlert error={indicators.error} />;
  const template = isNew ? null : (templateQuery.data ?? null);
  // Keyed by template and version: a reload after STALE_VERSION or a save starts from the server.
  return (
    <TemplateEditor
      key={template ? `${template.id}:${template.version}` : 'new'}
      template={template}
      catalogue={indicators.data}
    />
  );
}
