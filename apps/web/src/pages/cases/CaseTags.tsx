import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, CaseType } from '@hoi/contracts';
import { CASE_STATUS_COLOR, daysLeftColor, useCaseLabels } from './case-labels';

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const labels = useCaseLabels();
  return (
    <Tag color={CASE_STATUS_COLOR[status]} data-testid="case-status">
      {labels.statusName(status)}
    </Tag>
  );
}

/** The case type, with a mark for a second-round complaint. */
export function CaseTypeLabel({ type, round }: { type: CaseType; round: number }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (
    <Space size={4} wrap>
      <span>{labels.typeName(type)}</span>
      {round === 2 && (
        <Tag color="magenta" variant="filled" data-testid="case-round-2">
          {t('cases.secondRound')}
        </Tag>
      )}
    </Space>
  );
}

/** Days to the next deadline: red when overdue, orange ≤ 3, gold ≤ 7, green otherwise. */
export function DaysLeftTag({ daysLeft, overdue }: { daysLeft: number | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (daysLeft === null) return <span>—</span>;
  const text =
    daysLeft < 0
      ? t('cases.daysLeft.overdue', { days: -daysLeft })
      : daysLeft === 0
        ? t('cases.daysLeft.today')
        : t('cases.daysLeft.left', { days: daysLeft });
  return (
    <Tag
      color={daysLeftColor(daysLeft, overdue)}
      variant="solid"
      style={{ whiteSpace: 'nowrap' }}
      data-testid="case-days-left"
    >
      {text}
    </Tag>
  );
}
