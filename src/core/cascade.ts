/**
 * The training-of-trainers cascade: a master trainer certifies trainers in ToT sessions, who
 * certify others, to any depth. Each node carries its own figures and the figures of its whole
 * subtree (computed in SQL with a recursive CTE, where "unique participants" stay unique across
 * branches); this module only turns the flat rows into a tree.
 */
export type CascadeRow<T> = { id: string; parentId: string | null } & T;
export type CascadeNode<T> = CascadeRow<T> & { depth: number; children: CascadeNode<T>[] };

/**
 * Nests rows under their parents. Rows whose parent is not among the rows (another programme,
 * or outside the part of the tree asked for) become roots. Children keep the order of the rows.
 */
export function buildCascadeTree<T>(rows: readonly CascadeRow<T>[]): CascadeNode<T>[] {
  const nodes = new Map<string, CascadeNode<T>>();
  for (const row of rows) nodes.set(row.id, { ...row, depth: 0, children: [] });
  const roots: CascadeNode<T>[] = [];
  // The parent each node was actually hung under: a cycle in the data is broken, never followed.
  const attached = new Map<string, string>();
  const createsCycle = (id: string, parentId: string) => {
    for (let p: string | undefined = parentId; p; p = attached.get(p)) if (p === id) return true;
    return false;
  };
  for (const row of rows) {
    const node = nodes.get(row.id) as CascadeNode<T>;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent && !createsCycle(row.id, parent.id)) {
      parent.children.push(node);
      attached.set(row.id, parent.id);
    } else roots.push(node);
  }
  const setDepth = (node: CascadeNode<T>, depth: number) => {
    node.depth = depth;
    for (const child of node.children) setDepth(child, depth + 1);
  };
  for (const root of roots) setDepth(root, 0);
  return roots;
}
