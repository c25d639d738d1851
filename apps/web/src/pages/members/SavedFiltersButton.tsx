import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Popover, Spin } from 'antd';
import { DeleteOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { memberQueries } from '../../api/member-queries';
import type { MemberFilter } from '../../api/members-api';
import { createSavedFilter, deleteSavedFilter } from '../../api/members-api';
import { FormModal } from '../../components/FormModal';
import { ItemList } from '../../components/ItemList';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { filterFromRecord } from './use-member-filter';

/** The caller's own named filters: apply one, save the current filter, delete one. */
export function SavedFiltersButton({
  filter,
  onApply,
}: {
  filter: MemberFilter;
  onApply: (filter: MemberFilter) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const [isSaveOpen, setSaveOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const saved = useQuery({ ...memberQueries.savedFilters(), enabled: isOpen });
  const [deleteError, setDeleteError] = useState<unknown>(null);

  const remove = async (id: string) => {
    setDeleteError(null);
    try {
      await deleteSavedFilter(id);
      await queryClient.invalidateQueries({ queryKey: memberQueries.savedFilters().queryKey });
      void message.success(t('members.saved.deleted'));
    } catch (error) {
      setDeleteError(error);
    }
  };

  const content = (
    <div style={{ width: 300, maxWidth: '80vw' }} data-testid="saved-filters">
      <ServerErrorAlert error={saved.error ?? deleteError} />
      {saved.isPending ? (
        <Spin />
      ) : (
        <ItemList
          items={saved.data ?? []}
          itemKey={(item) => item.id}
          emptyText={t('members.saved.empty')}
          title={(item) => (
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
              aria-label={t('members.saved.apply', { name: item.name })}
              onClick={() => {
                onApply(filterFromRecord(item.filter));
                setOpen(false);
              }}
            >
              {item.name}
            </Button>
          )}
          actions={(item) => (
            <Popconfirm
              title={t('members.saved.deleteConfirm', { name: item.name })}
              okText={t('app.yes')}
              cancelText={t('app.no')}
              onConfirm={() => void remove(item.id)}
            >
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('members.saved.delete')} ${item.name}`}
              />
            </Popconfirm>
          )}
        />
      )}
      <Button
        block
        icon={<SaveOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => {
          setOpen(false);
          setSaveOpen(true);
        }}
      >
        {t('members.saved.save')}
      </Button>
    </div>
  );

  return (
    <>
      <Popover
        trigger="click"
        placement="bottomLeft"
        open={isOpen}
        onOpenChange={setOpen}
        content={content}
      >
        <Button icon={<FilterOutlined />}>{t('members.saved.button')}</Button>
      </Popover>
      <FormModal<{ name: string }>
        open={isSaveOpen}
        form={form}
        title={t('members.saved.save')}
        onCancel={() => setSaveOpen(false)}
        onSubmit={async ({ name }) => {
          await createSavedFilter(name.trim(), filter);
          await queryClient.invalidateQueries({ queryKey: memberQueries.savedFilters().queryKey });
          void message.success(t('members.saved.saved'));
        }}
      >
        <Form.Item
          name="name"
          label={t('members.saved.name')}
          rules={[
            { required: true, whitespace: true, message: t('app.required') },
            { max: 100, message: t('units.rules.nameMax', { max: 100 }) },
          ]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}
