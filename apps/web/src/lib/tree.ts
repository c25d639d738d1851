/** A flat node with a parent link, as GET /api/units/tree returns them. */
export interface FlatNode {
  id: string;
  parentId: string | null;
}

/** Children grouped by parent, plus the roots (nodes whose parent is absent from the list). */
export interface NodeIndex<T extends FlatNode> {
  roots: T[];
  childrenOf: Map<string, T[]>;
}

/**
 * Indexes a flat node list into a tree. A node whose parent is not in the list is a root, so a
 * caller who sees only part of the tree still gets a forest.
 *
 * @example
 * const { roots, childrenOf } = indexTree(tree.nodes, (a, b) => a.name.localeCompare(b.name, 'vi'));
 */
export function indexTree<T extends FlatNode>(
  nodes: T[],
  compare?: (a: T, b: T) => number,
): NodeIndex<T> {
  const ids = new Set(nodes.map((node) => node.id));
  const roots: T[] = [];
  const childrenOf = new Map<string, T[]>();
  for (const node of nodes) {
    if (node.parentId === null || !ids.has(node.parentId)) {
      roots.push(node);
      continue;
    }
    const siblings = childrenOf.get(node.parentId);
    if (siblings) siblings.push(node);
    else childrenOf.set(node.parentId, [node]);
  }
  if (compare) {
    roots.sort(compare);
    for (const siblings of childrenOf.values()) siblings.sort(compare);
  }
  return { roots, childrenOf };
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Orders units by code then name the Vietnamese way (codes like HN-01, HN-02 sort naturally). */
export function compareByCodeThenName(
  a: { code: string; name: string },
  b: { code: string; name: string },
): number {
  return collator.compare(a.code, b.code) || collator.compare(a.name, b.name);
}
