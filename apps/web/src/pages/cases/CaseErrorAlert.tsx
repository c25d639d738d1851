import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/**
 * A server error in the UI language with the other language underneath (officers forward these
 * messages; the English one helps with support), and the field problems listed (validation
 * issues by path, and `details.problems` such as a template's TEMPLATE_INVALID findings).
 */
export function CaseErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title={t('errors.generic')}
        data-testid="server-error"
      />
    );
  const isEnglish = i18n.language.startsWith('en');
  const other = isEnglish ? error.message : error.messageEn;
  const issues = error.issues;
  const problems = error.problems;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="server-error"
      title={error.localized(i18n.language)}
      description={
        <>
          {other && other !== error.localized(i18n.language) && (
            <Typography.Text type="secondary" italic lang={isEnglish ? 'vi' : 'en'}>
              {other}
            </Typography.Text>
          )}
          {issues.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {issues.map((issue) => (
                <li key={`${issue.path.join('.')}:${issue.message}`}>
                  {issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
          {problems.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="server-problems">
              {problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}
