import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inviteMember } from '../../../api/members-api';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import type { MemberDialogProps } from '../use-member-write';
import { useMemberWrite } from '../use-member-write';

const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;

/** An absolute address to hand to the member, whether the server answers a path or a URL. */
function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

/**
 * Invites the member to the self-service portal (POST /api/members/:id/invite) and shows the
 * one-time link with a copy button.
 */
export function InviteModal({ member, open, onClose }: MemberDialogProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ username?: string }>();
  const write = useMemberWrite(member.id);

  return (
    <FormModal<{ username?: string }>
      open={open}
      form={form}
      title={t('members.actions.inviteTitle', { name: member.fullName })}
      okText={t('members.actions.inviteCreate')}
      onCancel={onClose}
      fieldForCode={{ DUPLICATE_USERNAME: 'username' }}
      onSubmit={async (values) => {
        const username = values.username?.trim().toLowerCase();
        const invitation = await inviteMember(member.id, username ? { username } : {});
        await write.afterWrite(null);
        const url = absoluteUrl(invitation.url);
        modal.success({
          title: t('members.actions.inviteTitle', { name: member.fullName }),
          width: 560,
          content: (
            <div data-testid="invitation">
              <Typography.Paragraph>{t('members.actions.inviteUrl')}</Typography.Paragraph>
              <Typography.Paragraph
                code
                copyable={{ text: url }}
                style={{ wordBreak: 'break-all' }}
              >
                {url}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                {t('members.actions.inviteFor', { username: invitation.username })}
                <br />
                {t('members.actions.inviteExpires', { time: formatDateTime(invitation.expiresAt) })}
              </Typography.Paragraph>
            </div>
          ),
        });
      }}
    >
      <Form.Item
        name="username"
        label={t('members.actions.inviteUsername')}
        extra={t('members.actions.inviteUsernameHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (typeof value !== 'string' || value.trim() === '') return;
              if (!USERNAME_PATTERN.test(value.trim().toLowerCase()))
                throw new Error(t('members.actions.inviteUsernamePattern'));
            },
          },
        ]}
      >
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}
