import type { ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import type { FormInstance } from 'antd';
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldForCode } from '../lib/server-errors';
import { applyServerError } from '../lib/server-errors';
import { ServerErrorAlert } from './ServerErrorAlert';

interface FormModalProps<T extends object> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  okText?: string;
  isDanger?: boolean;
  initialValues?: Partial<T>;
  width?: number;
  fieldForCode?: FieldForCode;
  onCancel: () => void;
  /** Sends the request; resolve to close the dialog, throw to show the error inside it. */
  onSubmit: (values: T) => Promise<unknown>;
  /** Handles an error specially (e.g. reload on STALE_VERSION); return true when handled. */
  onError?: (error: unknown) => boolean;
  children: ReactNode;
}

/**
 * A dialog holding one antd Form: validates, submits, shows server errors inline (field
 * messages by path or code, the envelope's message on top) and closes on success.
 */
export function FormModal<T extends object>(props: FormModalProps<T>) {
  const { t, i18n } = useTranslation();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { open, form } = props;
  // Several dialogs share field names ("name", "code"); a form name keeps the input ids unique.
  const formName = `form-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  // The form stays mounted between openings; each opening starts from the current initialValues.
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const handleOk = async () => {
    let values: T;
    try {
      values = await props.form.validateFields();
    } catch {
      return;
    }
    setPending(true);
    setError(null);
    try {
      await props.onSubmit(values);
      props.onCancel();
    } catch (caught) {
      if (props.onError?.(caught)) return;
      setError(caught);
      applyServerError(props.form, caught, i18n.language, props.fieldForCode);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText ?? t('app.save')}
      cancelText={t('app.cancel')}
      okButtonProps={{ danger: props.isDanger, 'data-testid': 'modal-ok' }}
      confirmLoading={isPending}
      width={props.width ?? 560}
      onOk={() => void handleOk()}
      onCancel={props.onCancel}
      afterClose={() => setError(null)}
      forceRender
    >
      <ServerErrorAlert error={error} />
      <Form
        name={formName}
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={() => void handleOk()}
      >
        {props.children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
