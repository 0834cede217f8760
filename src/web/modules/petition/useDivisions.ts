import { useQuery } from '@tanstack/react-query';
import type { UnitNode } from '../../../shared/org.js';
import { api } from '../../app/api.js';

function flatten(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** The bureau's 处室, for the 交办 choice and the ledger's filter. */
export function useDivisions(): { value: string; label: string }[] {
  const q = useQuery({ queryKey: ['org', 'units'], queryFn: () => api.org.units(), staleTime: 300_000 });
  return flatten(q.data ?? [])
    .filter((u) => u.kind === 'division')
    .map((u) => ({ value: u.id, label: u.name }));
}
