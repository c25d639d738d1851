import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { AlertOutlined, EyeInvisibleOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import type { SealedIdentity } from '../../api/cases-api';
import {
  caseQueries,
  emergencySealedAccess,
  fetchSealedIdentity,
  grantCaseClearance,
  listCaseHandlers,
} from '../../api/cases-api';
import { useMe } from '../../auth/me-context';
import { notificationQueries } from '../../api/notifications-api';
import { FormModal } from '../../components/FormModal';
import { CaseErrorAlert } from './CaseErrorAlert';
import { useCaseLabels } from './case-labels';

/** The opened identity: shown from this component's state only, gone when it unmounts. */
function SealedParties({ identity }: { identity: SealedIdentity }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Flex vertical gap={8} data-testid="sealed-parties">
      {identity.emergency && (
        <div>
          <Tag color="red">{t('cases.sealed.emergencyShown')}</Tag>
        </div>
      )}
      {identity.parties.map((party) => (
        <Descriptions
          key={party.id}
          size="small"
          bordered
          column={1}
          title={labels.roleName(party.role)}
          items={[
            { key: 'fullName', label: t('cases.party.fullName'), children: party.fullName },
            ...(party.idNumber
              ? [{ key: 'idNumber', label: t('cases.party.idNumber'), children: party.idNumber }]
              : []),
            ...(party.phone
              ? [{ key: 'phone', label: t('cases.party.phone'), children: party.phone }]
              : []),
            ...(party.address
              ? [{ key: 'address', label: t('cases.party.address'), children: party.address }]
              : []),
            ...(party.email
              ? [{ key: 'email', label: t('cases.party.email'), children: party.email }]
              : []),
          ]}
        />
      ))}
    </Flex>
  );
}

/** A cleared handler hands clearance to another handler of the unit (never to a verifier). */
function GrantClearance({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const handlers = useQuery({
    queryKey: ['cases', 'handlers', caseId],
    queryFn: () => listCaseHandlers(caseId),
  });
  const options = (handlers.data?.items ?? [])
    .filter((h) => !h.cleared && !h.verifier)
    .map((h) => ({ value: h.id, label: `${h.name} · ${h.unitName}` }));
  const grant = async () => {
    if (!userId) return;
    setError(null);
    try {
      await grantCaseClearance(caseId, userId);
      setDone(true);
      setUserId(undefined);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'handlers', caseId] });
      void queryClient.invalidateQueries({ queryKey: caseQueries.detail(caseId).queryKey });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          style={{ flex: 1 }}
          placeholder={t('cases.sealed.grantPick')}
          options={options}
          value={userId}
          onChange={(v) => {
            setUserId(v);
            setDone(false);
          }}
          loading={handlers.isFetching}
          data-testid="sealed-grant-user"
        />
        <Button onClick={() => void grant()} disabled={!userId} data-testid="sealed-grant">
          {t('cases.sealed.grant')}
        </Button>
      </Space.Compact>
      {done && <Typography.Text type="success">{t('cases.sealed.granted')}</Typography.Text>}
      <CaseErrorAlert error={error} />
    </Flex>
  );
}

/**
 * "Danh tính người tố cáo (niêm phong)". The case itself carries only how many people are sealed.
 * A cleared handler opens the identity with an explicit click (the read is audited; nothing is
 * fetched beforehand and nothing is kept in the query cache); a handler without clearance may use
 * emergency access with a written reason (administrators are notified); a verifier sees only a
 * note that verifiers work on the redacted file.
 */
export function CaseSealedCard({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [identity, setIdentity] = useState<SealedIdentity | null>(null);
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [isEmergencyOpen, setEmergencyOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const me = useMe();

  if (kase.sealed.count === 0) return null;

  // Nobody holds the clearance of a case the system recorded (online form): a handler takes it.
  const claim = async () => {
    setError(null);
    try {
      await grantCaseClearance(kase.id, me.user.id);
      void queryClient.invalidateQueries({ queryKey: caseQueries.detail(kase.id).queryKey });
    } catch (caught) {
      setError(caught);
    }
  };

  const title = (
    <span>
      <LockOutlined /> {t('cases.sealed.title')}
    </span>
  );

  if (kase.access.verifier)
    return (
      <Card size="small" title={title} data-testid="case-sealed">
        <Alert type="info" showIcon title={t('cases.sealed.verifierNote')} />
      </Card>
    );

  const view = async () => {
    setLoading(true);
    setError(null);
    try {
      setIdentity(await fetchSealedIdentity(kase.id));
      // The read is on the case's history now (the case itself carries no sealed value).
      void queryClient.invalidateQueries({ queryKey: caseQueries.detail(kase.id).queryKey });
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card size="small" title={title} data-testid="case-sealed">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text data-testid="sealed-count">
            {t('cases.sealed.count', { count: kase.sealed.count })}
          </Typography.Text>
          <Space wrap>
            {identity ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setIdentity(null)}>
                {t('cases.sealed.hide')}
              </Button>
            ) : kase.access.clearance ? (
              <Button
                icon={<EyeOutlined />}
                loading={isLoading}
                onClick={() => void view()}
                data-testid="sealed-view"
              >
                {t('cases.sealed.view')}
              </Button>
            ) : kase.access.canClaim ? (
              <Button
                icon={<LockOutlined />}
                onClick={() => void claim()}
                data-testid="sealed-claim"
              >
                {t('cases.sealed.claim')}
              </Button>
            ) : (
              <Button
                danger
                icon={<AlertOutlined />}
                onClick={() => setEmergencyOpen(true)}
                data-testid="sealed-emergency"
              >
                {t('cases.sealed.emergency')}
              </Button>
            )}
          </Space>
        </Flex>
        {kase.access.clearance && !identity && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cases.sealed.viewHint')}
          </Typography.Text>
        )}
        <CaseErrorAlert error={error} />
        {identity && <SealedParties identity={identity} />}
        {kase.access.clearance && <GrantClearance caseId={kase.id} />}
      </Flex>
      <FormModal<{ reason: string }>
        open={isEmergencyOpen}
        form={form}
        title={t('cases.sealed.emergencyTitle')}
        okText={t('cases.sealed.open')}
        isDanger
        onCancel={() => setEmergencyOpen(false)}
        onSubmit={async (values) => {
          setIdentity(await emergencySealedAccess(kase.id, values.reason.trim()));
          void queryClient.invalidateQueries({ queryKey: caseQueries.detail(kase.id).queryKey });
          // Administrators are notified; the caller may be one of them.
          void queryClient.invalidateQueries({ queryKey: notificationQueries.all });
        }}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('cases.sealed.emergencyWarning')}
        />
        <Form.Item
          name="reason"
          label={t('cases.sealed.reason')}
          rules={[
            { required: true, whitespace: true, message: t('cases.sealed.reasonMin') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && value.trim().length < 20) throw new Error(t('cases.sealed.reasonMin'));
              },
            },
          ]}
        >
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
