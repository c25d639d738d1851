import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import type { CaseActionBodies, CaseActionPath } from '../../api/cases-api';
import { postCaseAction } from '../../api/cases-api';
import { FormModal } from '../../components/FormModal';
import type { FieldForCode } from '../../lib/server-errors';
import { useCaseWrite } from './use-case-write';

/** What every action dialog of the case page receives. */
export interface CaseDialogProps {
  kase: Case;
  open: boolean;
  onClose: () => void;
}

interface CaseActionModalProps<T extends object, P extends CaseActionPath> extends CaseDialogProps {
  path: P;
  form: FormInstance<T>;
  title: string;
  okText?: string;
  isDanger?: boolean;
  initialValues?: Partial<T>;
  fieldForCode?: FieldForCode;
  width?: number;
  /** Sees every failed submit first (the dialog then shows the error as usual). */
  onServerError?: (error: unknown) => void;
  /** The request body from the form's values. */
  toBody: (values: T) => CaseActionBodies[P];
  children: ReactNode;
}

/**
 * One workflow action as a dialog: posts to /api/cases/:id/<path> with If-Match on the freshest
 * version read, puts the answer in the cache and refreshes the lists; a stale version reloads
 * the case and a text carrying a sealed value is marked on its field.
 */
export function CaseActionModal<T extends object, P extends CaseActionPath>(
  props: CaseActionModalProps<T, P>,
) {
  const { t } = useTranslation();
  const write = useCaseWrite(props.kase.id);
  return (
    <FormModal<T>
      open={props.open}
      form={props.form}
      title={props.title}
      okText={props.okText ?? props.title}
      isDanger={props.isDanger}
      initialValues={props.initialValues}
      fieldForCode={props.fieldForCode}
      width={props.width}
      onCancel={props.onClose}
      onError={(error) => {
        props.onServerError?.(error);
        return write.onError(props.form)(error);
      }}
      onSubmit={async (values) => {
        const updated = await postCaseAction(
          props.kase.id,
          props.path,
          write.currentVersion(props.kase),
          props.toBody(values),
        );
        await write.afterWrite(t('cases.actions.done', { action: props.title }), updated);
      }}
    >
      {props.children}
    </FormModal>
  );
}
