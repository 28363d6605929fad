import { describe, expect, it } from 'vitest';
import { buildCascadeTree } from './cascade.ts';

describe('cascade tree', () => {
  it('nests rows under their parents at any depth and sets depths', () => {
    const tree = buildCascadeTree([
      { id: 'c', parentId: 'b', n: 3 },
      { id: 'a', parentId: null, n: 1 },
      { id: 'b', parentId: 'a', n: 2 },
      { id: 'd', parentId: 'c', n: 4 },
      { id: 'e', parentId: 'a', n: 5 },
    ]);
    expect(tree.map((r) => r.id)).toEqual(['a']);
    const a = tree[0];
    expect(a?.children.map((c) => [c.id, c.depth])).toEqual([
      ['b', 1],
      ['e', 1],
    ]);
    expect(a?.children[0]?.children[0]?.children[0]).toMatchObject({ id: 'd', depth: 3, n: 4 });
  });

  it('makes rows with an unknown parent roots, and breaks a cycle instead of looping', () => {
    expect(buildCascadeTree([{ id: 'x', parentId: 'elsewhere' }]).map((r) => r.id)).toEqual(['x']);
    const cyclic = buildCascadeTree([
      { id: 'p', parentId: 'q' },
      { id: 'q', parentId: 'p' },
    ]);
    expect(cyclic.map((r) => r.id)).toEqual(['q']);
    expect(cyclic[0]?.children.map((c) => c.id)).toEqual(['p']);
  });
});
