import { useMemo } from 'react';
import { App, Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RuleSetSchema } from '@hoi/contracts';
import type { ListedRuleSet } from '../../api/case-rules-api';
import { caseRuleQueries, createRuleSet } from '../../api/case-rules-api';
import { FormModal } from '../../components/FormModal';
import { DATE_FORMAT } from '../../lib/format';
import { useFormRules, zodRule } from '../../lib/form-rules';
import type { RuleSetFormValues } from './rule-set-form';
import { copyFormValues, ruleSetFromForm } from './rule-set-form';
import { RuleSetRules } from './RuleSetRules';

const NAME_MAX = 200;
const CITATION_MAX = 3000;

/**
 * "Tạo bộ quy tắc mới từ bộ này": the source set's texts and numbers as a form (a fresh code,
 * a new effective date, the numbers editable in the tables), posted whole as the association's
 * own set. The server's refusals (validation, DUPLICATE_CODE) show on top and on their fields.
 */
export function RuleSetCopyModal({
  source,
  takenCodes,
  open,
  onClose,
  onCreated,
}: {
  source: ListedRuleSet;
  takenCodes: readonly string[];
  open: boolean;
  onClose: () => void;
  onCreated: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<RuleSetFormValues>();
  const initialValues = useMemo(() => copyFormValues(source, takenCodes), [source, takenCodes]);
  const tooLong = (max: number) => ({ max, message: t('caseRules.field.tooLong', { max }) });

  return (
    <FormModal<RuleSetFormValues>
      open={open}
      form={form}
      title={t('caseRules.sets.copyTitle', { code: source.code })}
      okText={t('caseRules.sets.copySave')}
      width={1100}
      initialValues={initialValues}
      fieldForCode={{ DUPLICATE_CODE: 'code' }}
      onCancel={onClose}
      onSubmit={async (values) => {
        const body = ruleSetFromForm(source, values);
        await createRuleSet(body);
        await queryClient.invalidateQueries({ queryKey: caseRuleQueries.ruleSets().queryKey });
        void message.success(t('caseRules.sets.copied', { code: body.code }));
        onCreated(body.code);
      }}
    >
      {/*
       * Enter confirms a typed date or number but does not send the form: a saved set cannot be
       * taken back, so only the button saves it.
       */}
      <div
        data-testid="rule-set-copy"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement)
            event.preventDefault();
        }}
      >
        <Typography.Paragraph type="secondary">
          {t('caseRules.sets.copyIntro')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('caseRules.field.code')}
              rules={[
                rules.required,
                zodRule(RuleSetSchema.shape.code, t('caseRules.field.codePattern')),
              ]}
            >
              <Input maxLength={60} autoComplete="off" data-testid="rule-set-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="effectiveFrom"
              label={t('caseRules.field.effectiveFrom')}
              rules={[rules.requiredValue]}
            >
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                data-testid="rule-set-effective-from"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['name', 'vi']}
              label={t('caseRules.field.nameVi')}
              rules={[rules.required, tooLong(NAME_MAX)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['name', 'en']}
              label={t('caseRules.field.nameEn')}
              rules={[rules.required, tooLong(NAME_MAX)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="citation"
              label={t('caseRules.field.citation')}
              rules={[rules.required, tooLong(CITATION_MAX)]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
            </Form.Item>
          </Col>
        </Row>
        <RuleSetRules set={source} isEditable />
      </div>
    </FormModal>
  );
}
