import { Alert, Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonalIdCheck } from '@hoi/contracts';
import { useMemberLabels } from './member-labels';
import { idWarningOf } from './person-form';

/**
 * The server's ID_NUMBER_WARNING shown in words, with the checkbox that sends the request again
 * with `acknowledgeWarnings` (real records contain errors; the officer decides).
 */
export function IdWarningsConfirm({
  warnings,
  idCheck,
  isConfirmed,
  onConfirmChange,
}: {
  warnings: string[];
  idCheck: PersonalIdCheck | null;
  isConfirmed: boolean;
  onConfirmChange: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const facts = {
    year: idCheck?.birthYear ?? '?',
    gender: labels.genderName(idCheck?.gender) || '?',
  };
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="id-warnings"
      style={{ marginBottom: 16 }}
      title={t('members.form.warningsTitle')}
      description={
        <>
          {warnings.length > 0 && (
            <ul style={{ margin: '4px 0 8px', paddingInlineStart: 18 }}>
              {warnings.map((code) => {
                const known = idWarningOf(code);
                return (
                  <li key={code}>{known ? t(`members.form.idWarning.${known}`, facts) : code}</li>
                );
              })}
            </ul>
          )}
          <Checkbox
            checked={isConfirmed}
            onChange={(event) => onConfirmChange(event.target.checked)}
          >
            {t('members.form.confirmWarnings')}
          </Checkbox>
        </>
      }
    />
  );
}
