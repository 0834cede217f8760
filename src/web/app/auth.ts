import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useCallback } from 'react';
import type { MeResponse } from '../../shared/auth.js';
import type { Role } from '../../shared/roles.js';
import { setActing } from './acting.js';
import { api } from './api.js';
import { isUnauthenticated } from './errors.js';
import { setCsrfToken } from './http.js';
import { queryClient } from './query.js';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null. A 401 here is an answer, not an error. */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await api.me.get();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isUnauthenticated(err)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, meta: { silent: true } });
}

/** Inside the signed-in layout the user is always there. */
export function useCurrentUser(): MeResponse {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside a signed-in route');
  return data;
}

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[] | 'all'): boolean {
  if (allowed === 'all') return true;
  return roles.some((r) => allowed.includes(r));
}

/** Forget everything the previous user could see. */
export function clearSession(): void {
  setCsrfToken(null);
  setActing(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

/**
 * Ends the session (server side when it can) and goes to the login page with
 * a reason; the login page then forgets the user's data (`clearSession`).
 * `callServer: false` when the server has already ended it.
 */
export function useLogout(): (opts?: { reason?: 'signed_out' | 'password_changed'; callServer?: boolean }) => Promise<void> {
  const navigate = useNavigate();
  return useCallback(
    async ({ reason = 'signed_out', callServer = true } = {}) => {
      // Signing out ends acting for anyone, before the request that ends the session.
      setActing(null);
      if (callServer) {
        try {
          await api.auth.logout();
        } catch {
          // The session may already be gone; signing out locally is what matters.
        }
      }
      await navigate(`/login?reason=${reason}`, { replace: true });
    },
    [navigate],
  );
}
