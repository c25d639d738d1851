import { useState } from 'react';
import type { TreeDataNode } from 'antd';
import { Alert, Button, Empty, Flex, Skeleton, Tree, Typography } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitQueries } from '../../api/unit-queries';
import type { TreeNode } from '../../api/units-api';
import { formatDate } from '../../lib/format';
import { errorText } from '../../lib/server-errors';
import { compareByCodeThenName, indexTree } from '../../lib/tree';
import { UnitTitle } from './UnitTitle';

/** The tree as it stood on a past date, built client-side from the flat node list; read-only. */
export function AsOfTree({
  asOf,
  selectedId,
  onSelect,
  onBack,
}: {
  asOf: string;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const tree = useQuery(unitQueries.treeAsOf(asOf));
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const header = (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="as-of-title">
          <HistoryOutlined /> {t('units.asOfTitle', { date: formatDate(asOf) })}
        </Typography.Title>
        <Button size="small" icon={<RollbackOutlined />} onClick={onBack}>
          {t('units.backToCurrent')}
        </Button>
      </Flex>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('units.asOfHint')} />
    </>
  );

  if (tree.isPending)
    return (
      <>
        {header}
        <Skeleton active paragraph={{ rows: 6 }} />
      </>
    );
  if (tree.isError) {
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          title={errorText(tree.error, i18n.language, t('errors.generic'))}
        />
      </>
    );
  }

  const { roots, childrenOf } = indexTree<TreeNode>(tree.data.nodes, compareByCodeThenName);
  const toNode = (node: TreeNode): TreeDataNode => {
    const kids = childrenOf.get(node.id);
    return {
      key: node.id,
      title: <UnitTitle unit={node} />,
      isLeaf: !kids,
      children: kids?.map(toNode),
    };
  };
  const defaultExpanded = roots.length === 1 && roots[0] ? [roots[0].id] : [];

  return (
    <>
      {header}
      {roots.length === 0 ? (
        <Empty description={t('app.noData')} />
      ) : (
        <Tree
          blockNode
          showLine
          data-testid="as-of-tree"
          treeData={roots.map(toNode)}
          expandedKeys={expanded ?? defaultExpanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(_keys, info) => onSelect(String(info.node.key))}
        />
      )}
    </>
  );
}
