import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UnitNode } from '../../../shared/org.js';
import { api, type UserListQuery } from '../../app/api.js';

export const UNIT_TREE_KEY = ['org', 'units'] as const;
export const ADMIN_UNITS_KEY = ['admin', 'units'] as const;
export const ADMIN_USERS_KEY = ['admin', 'users'] as const;

export function useUnitTree() {
  return useQuery({ queryKey: UNIT_TREE_KEY, queryFn: api.org.units, staleTime: 60_000 });
}

export function useAdminUsers(q: UserListQuery) {
  return useQuery({ queryKey: [...ADMIN_USERS_KEY, q], queryFn: () => api.admin.users(q), placeholderData: keepPreviousData });
}

export interface UnitOption {
  value: string;
  title: string;
  children: UnitOption[];
  disabled?: boolean;
}

/** The unit tree as TreeSelect data; `exclude` drops a unit and its subtree (a unit cannot move under itself). */
export function unitOptions(nodes: readonly UnitNode[], exclude?: string): UnitOption[] {
  return nodes.filter((n) => n.id !== exclude).map((n) => ({ value: n.id, title: n.name, children: unitOptions(n.children, exclude) }));
}

export function flattenUnits(nodes: readonly UnitNode[], parentId: string | null = null, out: { node: UnitNode; parentId: string | null }[] = []) {
  for (const n of nodes) {
    out.push({ node: n, parentId });
    flattenUnits(n.children, n.id, out);
  }
  return out;
}
