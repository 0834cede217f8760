import { useSyncExternalStore } from 'react';
import { setActingFor } from './http.js';

/**
 * 委托/代理 in the client: whom the user is acting for, if anyone. Kept in
 * memory only, so a reload or a new tab starts as oneself (acting must be a
 * deliberate choice each time); the HTTP layer sends `x-acting-for` while set.
 */
export interface ActingPrincipal {
  id: string;
  name: string;
}

let current: ActingPrincipal | null = null;
const listeners = new Set<() => void>();

export function setActing(principal: ActingPrincipal | null): void {
  current = principal;
  setActingFor(principal?.id ?? null);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useActing(): ActingPrincipal | null {
  return useSyncExternalStore(subscribe, () => current);
}
