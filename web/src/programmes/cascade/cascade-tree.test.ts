import { describe, expect, it } from 'vitest';
import type { CascadeNode } from '../../api/types.ts';
import { flattenCascade, initiallyExpanded } from './cascade-tree.ts';

const reach = { trainersCertified: 0, sessions: 0, participants: 0, completed: 0, onboarded: 0 };
const node = (id: string, depth: number, children: CascadeNode[] = []): CascadeNode => ({
  id,
  parentId: null,
  depth,
  trainer: { personId: id, name: id, userId: null, organisation: null },
  certifiedOn: '2024-01-01',
  totSession: null,
  own: { sessions: 0, participants: 0 },
  reach,
  children,
});

describe('cascade tree', () => {
  const tree = [node('a', 0, [node('b', 1, [node('c', 2)]), node('d', 1)]), node('e', 0)];

  it('lists parents before their children', () => {
    expect(flattenCascade(tree).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('opens the roots that have children', () => {
    expect([...initiallyExpanded(tree)]).toEqual(['a']);
  });
});
