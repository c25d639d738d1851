import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The API error envelope's message in the UI language, with validation issues listed. */
export function ServerErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const isApi = error instanceof ApiError;
  const title = isApi ? error.localized(i18n.language) : t('errors.generic');
  const issues = isApi ? error.issues : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="server-error"
      style={{ marginBottom: 16 }}
      title={title}
      description={
        issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((issue) => (
              <li key={`${issue.path.join('.')}:${issue.message}`}>
                {issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}
                {issue.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
