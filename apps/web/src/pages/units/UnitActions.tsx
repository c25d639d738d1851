import { useState } from 'react';
import type { MenuProps } from 'antd';
import { Button, Dropdown, Space } from 'antd';
import {
  ApartmentOutlined,
  BranchesOutlined,
  DeleteOutlined,
  DownOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  SplitCellsOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import { CreateUnitModal } from './actions/CreateUnitModal';
import { DissolveUnitModal } from './actions/DissolveUnitModal';
import { EditUnitModal } from './actions/EditUnitModal';
import { GenerateCommunesModal } from './actions/GenerateCommunesModal';
import { MergeUnitsModal } from './actions/MergeUnitsModal';
import { MoveUnitModal } from './actions/MoveUnitModal';
import { SplitUnitModal } from './actions/SplitUnitModal';

type Action = 'create' | 'edit' | 'move' | 'merge' | 'split' | 'dissolve' | 'generate';

/** Level index of provinces (0 = the association's central level). */
const PROVINCE_LEVEL = 1;

/** The unit.manage actions on one unit; each opens its own dialog. */
export function UnitActions({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const close = () => setAction(null);
  const isRoot = unit.parentId === null;

  const more: MenuProps['items'] = [
    { key: 'move', icon: <SwapOutlined />, label: t('units.actions.move'), disabled: isRoot },
    {
      key: 'merge',
      icon: <MergeCellsOutlined />,
      label: t('units.actions.merge'),
      disabled: isRoot,
    },
    {
      key: 'split',
      icon: <SplitCellsOutlined />,
      label: t('units.actions.split'),
      disabled: isRoot,
    },
    ...(unit.level === PROVINCE_LEVEL
      ? [
          {
            key: 'generate',
            icon: <BranchesOutlined />,
            label: t('units.actions.generateCommunes'),
          },
        ]
      : []),
    { type: 'divider' },
    {
      key: 'dissolve',
      icon: <DeleteOutlined />,
      label: t('units.actions.dissolve'),
      danger: true,
      disabled: isRoot,
    },
  ];

  return (
    <>
      <Space wrap size={8}>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setAction('create')}
          data-testid="action-create"
        >
          {t('units.actions.createChild')}
        </Button>
        <Button icon={<EditOutlined />} onClick={() => setAction('edit')} data-testid="action-edit">
          {t('units.actions.edit')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{ items: more, onClick: ({ key }) => setAction(key as Action) }}
        >
          <Button icon={<ApartmentOutlined />} data-testid="action-more">
            {t('units.actions.more')} <DownOutlined />
          </Button>
        </Dropdown>
      </Space>
      <CreateUnitModal unit={unit} open={action === 'create'} onClose={close} />
      <EditUnitModal unit={unit} open={action === 'edit'} onClose={close} />
      <MoveUnitModal unit={unit} open={action === 'move'} onClose={close} />
      <MergeUnitsModal unit={unit} open={action === 'merge'} onClose={close} />
      <SplitUnitModal unit={unit} open={action === 'split'} onClose={close} />
      <DissolveUnitModal unit={unit} open={action === 'dissolve'} onClose={close} />
      {unit.level === PROVINCE_LEVEL && (
        <GenerateCommunesModal unit={unit} open={action === 'generate'} onClose={close} />
      )}
    </>
  );
}
