import type { CascadeNode } from '../../api/types.ts';

/** Every node of the tree, depth first (parents before their children). */
export function flattenCascade(roots: CascadeNode[]): CascadeNode[] {
  const out: CascadeNode[] = [];
  const visit = (node: CascadeNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/** Nodes opened at first: the top two levels, so that the shape of the cascade shows at once. */
export function initiallyExpanded(roots: CascadeNode[]): Set<string> {
  return new Set(flattenCascade(roots).filter((n) => n.depth < 1 && n.children.length > 0).map((n) => n.id));
}
