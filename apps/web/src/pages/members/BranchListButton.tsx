import { Button, Dropdown, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import {
  DownOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api/client';

/** Address of the printable member list of a unit (a plain GET: the session cookie suffices). */
export function branchListUrl(unitId: string, format: 'xlsx' | 'docx'): string {
  return buildUrl('/api/members/branch-list', { unitId, format });
}

/**
 * "In danh sách chi hội": downloads the printable member list (danh sách hội viên) of the unit
 * chosen in the filter, as .xlsx or .docx. Without a unit it is disabled and says why.
 */
export function BranchListButton({
  unitId,
  isCompact,
}: {
  unitId: string | undefined;
  /** Icon only (phones); the label stays for screen readers. */
  isCompact: boolean;
}) {
  const { t } = useTranslation();
  const label = t('members.branchList.button');
  if (!unitId) {
    return (
      <Tooltip title={t('members.branchList.needUnit')}>
        <Button icon={<PrinterOutlined />} disabled aria-label={label}>
          {isCompact ? null : label}
        </Button>
      </Tooltip>
    );
  }
  const items: MenuProps['items'] = (['xlsx', 'docx'] as const).map((format) => ({
    key: format,
    icon: format === 'xlsx' ? <FileExcelOutlined /> : <FileWordOutlined />,
    label: (
      <a href={branchListUrl(unitId, format)} download>
        {t(`members.branchList.${format}`)}
      </a>
    ),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items }}>
      <Button
        icon={<PrinterOutlined />}
        aria-label={isCompact ? label : undefined}
        title={label}
        data-testid="branch-list"
      >
        {isCompact ? null : (
          <>
            {label} <DownOutlined />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
