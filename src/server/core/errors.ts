import type { ErrorCode } from '../../shared/errors.js';

/**
 * Every failure a user can cause is one of these; the error handler turns it
 * into the API envelope. Messages are Chinese and say what to do next.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = '请先登录') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'forbidden', message);
export const notFound = (message = '对象不存在或您无权查看') => new AppError(404, 'not_found', message);
export const validation = (message: string, details?: unknown) => new AppError(400, 'validation', message, details);
export const versionConflict = (details?: unknown) => new AppError(409, 'version_conflict', '该记录已被他人修改，请刷新后重试', details);
export const invalidTransition = (message = '当前状态下不能执行此操作', details?: unknown) => new AppError(409, 'invalid_transition', message, details);
export const duplicate = (message: string, details?: unknown) => new AppError(409, 'duplicate', message, details);
export const classifiedRefused = (message: string, details?: unknown) => new AppError(422, 'classified_refused', message, details);

/**
 * 三员分立: an administrator account reached for business data. A 403 like any
 * other, which the error handler also records in the audit log as denied, so a
 * security review sees every such attempt, on every business route.
 */
export class SeparationRefusal extends AppError {
  constructor(message: string) {
    super(403, 'forbidden', message);
    this.name = 'SeparationRefusal';
  }
}
