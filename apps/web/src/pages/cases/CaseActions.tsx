import { useState } from 'react';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_TRANSITIONS, type Case, type CaseStatus } from '@hoi/contracts';
import { documentKindsFor } from './case-labels';
import { AcceptModal, ClassifyModal, ForwardModal, RejectModal } from './CaseIntakeModals';
import {
  AttachModal,
  CloseModal,
  ConcludeModal,
  DocumentModal,
  PublishModal,
} from './CaseOutcomeModals';
import {
  AssignVerifierModal,
  ExtendModal,
  RecordModal,
  ResumeModal,
  SuspendModal,
  WithdrawModal,
} from './CaseWorkModals';

export type CaseUiAction =
  | 'classify'
  | 'accept'
  | 'reject'
  | 'forward'
  | 'assignVerifier'
  | 'record'
  | 'extend'
  | 'suspend'
  | 'resume'
  | 'withdraw'
  | 'conclude'
  | 'publish'
  | 'close'
  | 'document'
  | 'attach';

/** The statuses each workflow action may start from (shared with the server's checks). */
const TRANSITIONS: Partial<Record<CaseUiAction, readonly CaseStatus[]>> = CASE_TRANSITIONS;

/** The actions to offer on the case as it is now. */
export function availableActions(c: Case): CaseUiAction[] {
  const suspended = c.suspensions.some((suspension) => suspension.to === null);
  const allowed = (action: CaseUiAction) => TRANSITIONS[action]?.includes(c.status) ?? true;
  const candidates: CaseUiAction[] = [
    'classify',
    'accept',
    'reject',
    'forward',
    'assignVerifier',
    'record',
    'extend',
    suspended ? 'resume' : 'suspend',
    'conclude',
    'publish',
    'close',
    'withdraw',
    'document',
    'attach',
  ];
  return candidates.filter((action) => {
    if (!allowed(action)) return false;
    if (action === 'conclude') return !suspended;
    // Publication is for denunciations; their file closes only once published.
    if (action === 'publish') return c.type === 'denunciation';
    if (action === 'close') return !(c.status === 'concluded' && c.type === 'denunciation');
    if (action === 'document') return documentKindsFor(c).length > 0;
    return true;
  });
}

const PRIMARY: readonly CaseUiAction[] = ['accept', 'conclude', 'publish', 'close'];
const DANGER: readonly CaseUiAction[] = ['reject', 'withdraw'];

/**
 * The action buttons the case's status allows (see TRANSITIONS), each opening its dialog;
 * a dialog posts with If-Match and the page shows the updated case.
 */
export function CaseActions({
  kase,
  onIssued,
}: {
  kase: Case;
  onIssued: (document: { id: string; number: string }) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseUiAction | null>(null);
  const actions = availableActions(kase);
  const close = () => setOpen(null);
  const dialog = (action: CaseUiAction) => ({ kase, open: open === action, onClose: close });

  return (
    <>
      <Flex gap={8} wrap data-testid="case-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            onClick={() => setOpen(action)}
            data-testid={`case-action-${action}`}
          >
            {t(`cases.actions.${action}`)}
          </Button>
        ))}
      </Flex>
      <ClassifyModal {...dialog('classify')} />
      <AcceptModal {...dialog('accept')} />
      <RejectModal {...dialog('reject')} />
      <ForwardModal {...dialog('forward')} />
      <AssignVerifierModal {...dialog('assignVerifier')} />
      <RecordModal {...dialog('record')} />
      <ExtendModal {...dialog('extend')} />
      <SuspendModal {...dialog('suspend')} />
      <ResumeModal {...dialog('resume')} />
      <WithdrawModal {...dialog('withdraw')} />
      <ConcludeModal {...dialog('conclude')} />
      <PublishModal {...dialog('publish')} />
      <CloseModal {...dialog('close')} />
      <DocumentModal {...dialog('document')} onIssued={onIssued} />
      <AttachModal {...dialog('attach')} />
    </>
  );
}
