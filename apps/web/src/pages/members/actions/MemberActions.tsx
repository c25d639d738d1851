import { useState } from 'react';
import type { MenuProps } from 'antd';
import { App, Button, Dropdown, Space, Tooltip, Upload } from 'antd';
import {
  CameraOutlined,
  DownOutlined,
  FilePdfOutlined,
  FileImageOutlined,
  MailOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Member, MemberAction } from '@hoi/contracts';
import { memberQueries } from '../../../api/member-queries';
import {
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  memberCardUrl,
  uploadMemberPhoto,
} from '../../../api/members-api';
import { useCan, useMe } from '../../../auth/me-context';
import { errorText } from '../../../lib/server-errors';
import { useMemberLabels } from '../member-labels';
import { InviteModal } from './InviteModal';
import { TransferModal } from './TransferModal';
import { TransitionModal } from './TransitionModal';

type Dialog = 'transition' | 'transfer' | 'invite' | null;

/**
 * The profile's buttons: card downloads for every reader; for member.manage the status changes
 * the member's status allows, transfer, portal invitation and photo upload.
 */
export function MemberActions({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useMe();
  const labels = useMemberLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [action, setAction] = useState<MemberAction | null>(null);
  const [isUploading, setUploading] = useState(false);
  const canManage = can('member.manage');
  const close = () => setDialog(null);

  const upload = async (file: File) => {
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type) || file.size > PHOTO_MAX_BYTES) {
      void message.error(t('members.profile.photoInvalid'));
      return;
    }
    setUploading(true);
    try {
      const version =
        queryClient.getQueryData(memberQueries.detail(member.id).queryKey)?.version ??
        member.version;
      await uploadMemberPhoto(member.id, file, me.csrfToken, version);
      await queryClient.invalidateQueries({ queryKey: memberQueries.all });
      void message.success(t('members.profile.photoUploaded'));
    } catch (error) {
      void message.error(errorText(error, i18n.language, t('errors.generic')));
    } finally {
      setUploading(false);
    }
  };

  const actionItems: MenuProps['items'] = member.allowedActions.map((allowed) => ({
    key: allowed,
    label: labels.actionName(allowed),
    danger: allowed === 'remove',
  }));

  return (
    <>
      <Space wrap size={8}>
        {canManage && actionItems.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: actionItems,
              onClick: ({ key }) => {
                setAction(key as MemberAction);
                setDialog('transition');
              },
            }}
          >
            <Button type="primary" data-testid="member-actions">
              {t('members.actions.title')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
        {canManage && member.status === 'active' && (
          <Tooltip
            title={member.pendingTransferId ? t('members.actions.transferPending') : undefined}
          >
            <Button
              icon={<SwapOutlined />}
              disabled={Boolean(member.pendingTransferId)}
              onClick={() => setDialog('transfer')}
            >
              {t('members.actions.transfer')}
            </Button>
          </Tooltip>
        )}
        {canManage && !member.hasAccount && (
          <Button icon={<MailOutlined />} onClick={() => setDialog('invite')}>
            {t('members.actions.invite')}
          </Button>
        )}
        {canManage && (
          <Upload
            accept={PHOTO_TYPES.join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<CameraOutlined />} loading={isUploading}>
              {t('members.profile.uploadPhoto')}
            </Button>
          </Upload>
        )}
        <Button icon={<FilePdfOutlined />} href={memberCardUrl(member.id, 'pdf')} download>
          {t('members.profile.cardPdf')}
        </Button>
        <Button icon={<FileImageOutlined />} href={memberCardUrl(member.id, 'png')} download>
          {t('members.profile.cardPng')}
        </Button>
      </Space>
      <TransitionModal
        member={member}
        action={action}
        open={dialog === 'transition'}
        onClose={close}
      />
      <TransferModal member={member} open={dialog === 'transfer'} onClose={close} />
      {!member.hasAccount && (
        <InviteModal member={member} open={dialog === 'invite'} onClose={close} />
      )}
    </>
  );
}
