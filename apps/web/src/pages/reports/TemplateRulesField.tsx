import { Alert, Button, Card, Col, Empty, Flex, Form, Input, Row, Select, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ValidationRule } from '@hoi/contracts';
import { RULE_OPERATORS } from '@hoi/contracts';
import { useFormRules } from '../../lib/form-rules';
import type { TemplateFormValues } from './template-form';
import { emptyRule } from './template-form';

const SEVERITIES = ['warning', 'blocking'] as const;

/**
 * The template's validation rules (Form.List `rules`): `left operator right` over indicator
 * codes, its severity (a blocking one stops submission) and its message in both languages.
 */
export function TemplateRulesField({ form }: { form: FormInstance<TemplateFormValues> }) {
  const { t } = useTranslation();
  const { required, requiredValue } = useFormRules();
  const expression = t('reports.templates.expressionPlaceholder');

  return (
    <Form.List name="rules">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon title={t('reports.templates.rulesHint')} />
          {fields.length === 0 && (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('reports.templates.noRules')}
            />
          )}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              data-testid={`rule-${index}`}
              title={
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    String(form.getFieldValue(['rules', field.name, 'code']) ?? '') ||
                    `#${index + 1}`
                  }
                </Form.Item>
              }
              extra={
                <Tooltip title={t('reports.templates.remove')}>
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('reports.templates.remove')}
                    onClick={() => remove(field.name)}
                    data-testid={`rule-remove-${index}`}
                  />
                </Tooltip>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'code']}
                    label={t('reports.templates.ruleCode')}
                    rules={[required, { max: 60 }]}
                  >
                    <Input maxLength={60} autoComplete="off" data-testid={`rule-code-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'severity']}
                    label={t('reports.templates.severity')}
                    rules={[requiredValue]}
                  >
                    <Select
                      options={SEVERITIES.map((severity) => ({
                        value: severity,
                        label: t(`reports.templates.severities.${severity}`),
                      }))}
                      data-testid={`rule-severity-${index}`}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name={[field.name, 'left']}
                    label={t('reports.templates.ruleLeft')}
                    rules={[required, { max: 500 }]}
                  >
                    <Input
                      maxLength={500}
                      placeholder={expression}
                      spellCheck={false}
                      style={{ fontFamily: 'monospace' }}
                      data-testid={`rule-left-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={4}>
                  <Form.Item
                    name={[field.name, 'operator']}
                    label={t('reports.templates.ruleOperator')}
                    rules={[requiredValue]}
                  >
                    <Select<ValidationRule['operator']>
                      options={RULE_OPERATORS.map((operator) => ({
                        value: operator,
                        label: operator === '!=' ? '≠' : operator,
                      }))}
                      data-testid={`rule-operator-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item
                    name={[field.name, 'right']}
                    label={t('reports.templates.ruleRight')}
                    rules={[required, { max: 500 }]}
                  >
                    <Input
                      maxLength={500}
                      placeholder={expression}
                      spellCheck={false}
                      style={{ fontFamily: 'monospace' }}
                      data-testid={`rule-right-${index}`}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, 'message', 'vi']}
                    label={t('reports.templates.ruleMessageVi')}
                    rules={[required, { max: 500 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={500} data-testid={`rule-message-vi-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, 'message', 'en']}
                    label={t('reports.templates.ruleMessageEn')}
                    rules={[required, { max: 500 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={500} lang="en" data-testid={`rule-message-en-${index}`} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= 100}
              onClick={() =>
                add(
                  emptyRule(
                    ((form.getFieldValue('rules') ?? []) as Partial<ValidationRule>[]).map(
                      (rule) => rule?.code,
                    ),
                  ),
                )
              }
              data-testid="rule-add"
            >
              {t('reports.templates.ruleAdd')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
