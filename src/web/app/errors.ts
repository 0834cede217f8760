import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, type ApiErrorCode, isApiError, setSessionErrorHandler } from './http.js';

/**
 * The one place where failures become what the user sees: a Chinese message,
 * or — for an expired session — the login page with a way back to where the
 * user was. Everything else in the client calls `reportError` or
 * `errorMessage`, never inspects status codes itself.
 */

interface UiBindings {
  message: MessageInstance;
  navigate: (to: string, opts?: { replace?: boolean }) => Promise<void>;
}

let ui: UiBindings | null = null;
let redirecting = false;

export function bindErrorUi(bindings: UiBindings): void {
  ui = bindings;
  // The HTTP layer reports an ended session itself, so a page that catches
  // the error to show it inline still ends up on the login page.
  setSessionErrorHandler((err) => void rerouteForSession(err));
}

/** Only same-site paths may be a return target: `/x`, never `//host` or `https://…`. */
export function safeReturnPath(from: string | null | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  if (from.startsWith('/login') || from.startsWith('/change-password')) return '/';
  return from;
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export function loginPath(from: string, reason?: 'expired' | 'signed_out'): string {
  const params = new URLSearchParams();
  const target = safeReturnPath(from);
  if (target !== '/') params.set('from', target);
  if (reason) params.set('reason', reason);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}

/**
 * What to say when the server gave no message of its own. The server's
 * messages are Chinese and specific (the lockout message names the minutes
 * left and the Beijing time it ends), so they win whenever present.
 */
const DEFAULT_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  account_locked: '账号因连续多次密码错误已被临时锁定，请稍后再试，或联系安全保密管理员解锁。',
  password_expired: '密码已过期，请修改密码后继续使用。',
  password_change_required: '请先修改密码后再继续使用系统。',
  csrf: '页面已过期，请刷新页面后重试。',
  version_conflict: '该记录已被他人修改，请刷新后重试。',
  rate_limited: '操作过于频繁，请稍后再试。',
};

/** Plain-Chinese text for any error thrown by the API client or the browser. */
export function errorMessage(err: unknown): string {
  if (isApiError(err)) return err.message || DEFAULT_MESSAGES[err.code] || '操作失败，请稍后重试';
  if (err instanceof Error && err.message) return `操作失败：${err.message}`;
  return '操作失败，请稍后重试';
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401 && err.code === 'unauthenticated';
}

/** True for the errors that take the user elsewhere instead of being shown: a lost session, a due password change. */
export function isSessionError(err: unknown): boolean {
  return isUnauthenticated(err) || (isApiError(err) && err.code === 'password_change_required');
}

/**
 * 401 → login page with a return path; 403 `password_change_required` → the
 * forced password change page. Returns whether the error was one of those.
 */
function rerouteForSession(err: unknown): boolean {
  if (!ui || !isSessionError(err)) return false;
  if (isUnauthenticated(err)) {
    if (redirecting || window.location.pathname.startsWith('/login')) return true;
    // The login page forgets the user's data when it opens with a reason;
    // forgetting it here would let the signed-in layout redirect first, without one.
    redirecting = true;
    void ui.navigate(loginPath(currentPath(), 'expired'), { replace: true }).finally(() => {
      redirecting = false;
    });
    return true;
  }
  if (!window.location.pathname.startsWith('/change-password')) {
    const from = safeReturnPath(currentPath());
    void ui.navigate(`/change-password${from === '/' ? '' : `?from=${encodeURIComponent(from)}`}`, { replace: true });
  }
  return true;
}

/**
 * Shows an error, or reroutes when the error is about the session itself.
 * `toast: false` is for forms that show the error inline (still reroutes).
 */
export function reportError(err: unknown, opts: { toast?: boolean } = {}): void {
  if (!ui) return;
  if (rerouteForSession(err)) return;
  if (opts.toast === false) return;
  ui.message.error(errorMessage(err));
}
