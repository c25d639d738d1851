import { Alert } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditVerify } from '../../api/audit-api';
import { formatNumber } from '../../lib/format';
import { errorText } from '../../lib/server-errors';

/** The outcome of GET /api/audit/verify. */
export function AuditVerifyResult({
  mutation,
}: {
  mutation: UseMutationResult<AuditVerify, Error, void>;
}) {
  const { t, i18n } = useTranslation();
  if (mutation.isPending) return null;
  if (mutation.isError) {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={errorText(mutation.error, i18n.language, t('errors.generic'))}
      />
    );
  }
  const result = mutation.data;
  if (!result) return null;
  const checked = formatNumber(result.checked, i18n.language);
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="audit-verify-result"
        title={t('audit.verifyOk', { checked })}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-result"
      title={t('audit.verifyFailed', { count: result.problems.length, checked })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {result.problems.slice(0, 50).map((problem) => (
            <li key={`${problem.seq}:${problem.problem}`}>
              {t('audit.verifyProblem', { seq: problem.seq, problem: problem.problem })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
