import { useEffect, useRef, useState } from 'react';
import type { TreeDataNode } from 'antd';
import { Alert, Empty, Skeleton, Tree } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import { fetchAncestors, unitQueries } from '../../api/unit-queries';
import { errorText } from '../../lib/server-errors';
import { UnitTitle } from './UnitTitle';

const LOADING_SUFFIX = ':loading';

/**
 * The current organization tree, loaded one level at a time. Children come from the query
 * cache, so any unit mutation (which invalidates `['units']`) refreshes the open branches.
 */
export function UnitTree({
  selectedId,
  onSelect,
}: {
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useQuery(unitQueries.children(undefined));
  const children = useQueries({ queries: expanded.map((id) => unitQueries.children(id)) });
  const didAutoExpand = useRef(false);

  // A single scope root (the association's top, or an officer's own unit) opens by itself.
  useEffect(() => {
    if (didAutoExpand.current || !roots.data) return;
    didAutoExpand.current = true;
    const [only] = roots.data;
    if (roots.data.length === 1 && only && only.childCount > 0) {
      setExpanded((current) => (current.includes(only.id) ? current : [...current, only.id]));
    }
  }, [roots.data]);

  // Opening /units/:id directly unfolds the branch down to that unit.
  useEffect(() => {
    if (!selectedId) return;
    let isCancelled = false;
    const reveal = async () => {
      const unit = await queryClient.query({
        ...unitQueries.detail(selectedId),
        staleTime: 30_000,
      });
      const ancestors = await fetchAncestors(queryClient, unit);
      if (isCancelled) return;
      setExpanded((current) => [...new Set([...current, ...ancestors.map((a) => a.id)])]);
    };
    reveal().catch(() => undefined);
    return () => {
      isCancelled = true;
    };
  }, [selectedId, queryClient]);

  if (roots.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (roots.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(roots.error, i18n.language, t('errors.generic'))}
      />
    );
  }
  if (roots.data.length === 0) return <Empty description={t('units.noUnits')} />;

  const childrenOf = new Map<string, Unit[]>();
  expanded.forEach((id, index) => {
    const data = children[index]?.data;
    if (data) childrenOf.set(id, data);
  });

  const toNode = (unit: Unit): TreeDataNode => {
    const loaded = childrenOf.get(unit.id);
    return {
      key: unit.id,
      title: <UnitTitle unit={unit} />,
      isLeaf: unit.childCount === 0,
      children:
        unit.childCount === 0
          ? undefined
          : (loaded?.map(toNode) ?? [
              {
                key: `${unit.id}${LOADING_SUFFIX}`,
                title: t('app.loading'),
                isLeaf: true,
                selectable: false,
                disabled: true,
              },
            ]),
    };
  };

  return (
    <Tree
      blockNode
      showLine
      data-testid="unit-tree"
      treeData={roots.data.map(toNode)}
      expandedKeys={expanded}
      selectedKeys={selectedId ? [selectedId] : []}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (!key.endsWith(LOADING_SUFFIX)) onSelect(key);
      }}
    />
  );
}
