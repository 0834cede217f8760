import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../../shared/errors.js';
import { AppError, SeparationRefusal } from '../errors.js';

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

interface Issue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeIssues(issues: readonly Issue[]) {
  return issues.map((i) => {
    const path = (i.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const keys = i.params?.['keys'];
    return {
      field: path || (Array.isArray(keys) ? keys.join(',') : ''),
      message: i.message ?? '格式不正确',
    };
  });
}

/**
 * The one place where failures become HTTP answers. A driver or programming
 * error is logged with the request id and reported as 500 without detail; a
 * client can never learn our SQL or stack.
 */
export interface ErrorHooks {
  /** Records an administrator's refused reach for business data (三员分立); its failure never changes the answer. */
  separationRefused?(req: FastifyRequest, err: SeparationRefusal): Promise<unknown>;
}

export function installErrorHandler(app: FastifyInstance, hooks: ErrorHooks = {}): void {
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof SeparationRefusal && hooks.separationRefused) {
      await hooks.separationRefused(req, err).catch((e: unknown) => req.log.error({ err: e }, 'could not record a 三员 refusal'));
    }
    if (err instanceof AppError) return send(reply, err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = describeIssues(err.validation);
      const where = err.validationContext === 'querystring' ? '查询参数' : err.validationContext === 'params' ? '路径参数' : '请求内容';
      const first = fields[0];
      const summary = first ? `${where}有误：${first.field ? `${first.field} ` : ''}${first.message}` : `${where}有误`;
      return send(reply, 400, 'validation', summary, { fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, 500, 'internal', `服务器内部错误，请稍后重试（请求编号 ${req.id}）`);
    }
    const fe = err as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, 400, 'validation', '请求体不是有效的 JSON');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'validation', '请求体为空');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, 413, 'payload_too_large', '提交的内容过大，超过了系统允许的上限');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 415, 'unsupported_type', '不支持的内容类型，请以 JSON 提交');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, 415, 'unsupported_type', '上传文件须使用 multipart/form-data');
      default:
        break;
    }
    if (fe.statusCode === 429) return send(reply, 429, 'rate_limited', '操作过于频繁，请稍后再试');
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      req.log.info({ err }, 'client error');
      return send(reply, fe.statusCode, 'validation', '请求有误，无法处理');
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'internal', `服务器内部错误，请稍后重试（请求编号 ${req.id}）`);
  });

  app.setNotFoundHandler((req, reply) => send(reply, 404, 'not_found', `找不到 ${req.method} ${req.url.split('?')[0]}`));
}
