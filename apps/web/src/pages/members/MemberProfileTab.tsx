import { useState } from 'react';
import { Button, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Member } from '@hoi/contracts';
import { checkPersonalId, formatPartialDate } from '@hoi/contracts';
import { useCan } from '../../auth/me-context';
import { ItemList } from '../../components/ItemList';
import { formatDate } from '../../lib/format';
import { EditMemberModal } from './EditMemberModal';
import { STATUS_COLOR, useMemberLabels } from './member-labels';
import { idWarningOf } from './person-form';

/** The "Hồ sơ" tab: person and membership facts, earlier memberships, and the edit dialog. */
export function MemberProfileTab({ member }: { member: Member }) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const can = useCan();
  const [isEditOpen, setEditOpen] = useState(false);
  const { person } = member;
  const address = [person.address.detail, person.address.communeName, person.address.provinceName]
    .filter(Boolean)
    .join(', ');
  const idCheck = person.idNumber ? checkPersonalId(person.idNumber) : null;
  const idFacts = {
    year: idCheck?.birthYear ?? '?',
    gender: labels.genderName(idCheck?.gender) || '?',
  };
  const dash = (value: string | null | undefined) => value || '—';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {can('member.manage') && (
        <Flex justify="flex-end">
          <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
            {t('members.profile.edit')}
          </Button>
        </Flex>
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="member-facts"
        items={[
          { key: 'fullName', label: t('members.field.fullName'), children: person.fullName },
          {
            key: 'birthDate',
            label: t('members.field.birthDate'),
            children: dash(formatPartialDate(person.birthDate)),
          },
          {
            key: 'gender',
            label: t('members.field.gender'),
            children: dash(labels.genderName(person.gender)),
          },
          { key: 'idNumber', label: t('members.field.idNumber'), children: dash(person.idNumber) },
          {
            key: 'legacyIdNumber',
            label: t('members.field.legacyIdNumber'),
            children: dash(person.legacyIdNumber),
          },
          { key: 'phone', label: t('members.field.phone'), children: dash(person.phone) },
          { key: 'email', label: t('members.field.email'), children: dash(person.email) },
          { key: 'address', label: t('members.field.address'), children: dash(address) },
          {
            key: 'legacyAddress',
            label: t('members.field.legacyAddress'),
            children: dash(person.address.legacyText),
          },
          {
            key: 'memberNumber',
            label: t('members.field.memberNumber'),
            children: member.memberNumber,
          },
          {
            key: 'unit',
            label: t('members.field.unit'),
            children: <Link to={`/units/${member.unitId}`}>{member.unitName}</Link>,
          },
          {
            key: 'category',
            label: t('members.field.category'),
            children: labels.categoryName(member.category),
          },
          {
            key: 'appliedOn',
            label: t('members.field.appliedOn'),
            children: dash(formatDate(member.appliedOn)),
          },
          {
            key: 'joinedOn',
            label: t('members.field.joinedOn'),
            children: dash(formatDate(member.joinedOn)),
          },
          {
            key: 'admission',
            label: t('members.field.admission'),
            children: member.admission
              ? t('members.profile.decision', {
                  number: member.admission.number,
                  date: formatDate(member.admission.date),
                  signer: member.admission.signer,
                  unit: member.admission.unitName,
                })
              : '—',
          },
          ...(member.endedOn
            ? [
                {
                  key: 'endedOn',
                  label: t('members.field.endedOn'),
                  children: formatDate(member.endedOn),
                },
              ]
            : []),
          {
            key: 'duesPaidThrough',
            label: t('members.field.duesPaidThrough'),
            children: member.duesPaidThrough ?? '—',
          },
          {
            key: 'account',
            label: t('members.field.account'),
            children: member.hasAccount
              ? t('members.profile.hasAccount')
              : t('members.profile.noAccount'),
          },
          {
            key: 'notes',
            label: t('members.field.notes'),
            span: 'filled',
            children: (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                {dash(member.notes)}
              </Typography.Text>
            ),
          },
        ]}
      />
      {member.warnings.length > 0 && (
        <div>
          <Typography.Text strong>{t('members.profile.warnings')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            {member.warnings.map((warning) => {
              const known = idWarningOf(warning);
              return (
                <li key={warning}>
                  {known ? t(`members.form.idWarning.${known}`, idFacts) : warning}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {member.otherMemberships.length > 0 && (
        <ItemList
          isBordered
          data-testid="other-memberships"
          header={<Typography.Text strong>{t('members.profile.otherMemberships')}</Typography.Text>}
          items={member.otherMemberships}
          itemKey={(other) => other.id}
          emptyText=""
          title={(other) => (
            <Space size={8} wrap>
              <Link to={`/members/${other.id}`}>{other.memberNumber}</Link>
              <Tag color={STATUS_COLOR[other.status]}>{labels.statusName(other.status)}</Tag>
            </Space>
          )}
          description={(other) =>
            t('members.profile.membershipPeriod', {
              from: formatDate(other.joinedOn) || '?',
              to: other.endedOn ? formatDate(other.endedOn) : t('members.profile.present'),
            })
          }
        />
      )}
      {can('member.manage') && (
        <EditMemberModal member={member} open={isEditOpen} onClose={() => setEditOpen(false)} />
      )}
    </Space>
  );
}
