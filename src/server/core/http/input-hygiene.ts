import type { FastifyInstance } from 'fastify';
import { validation } from '../errors.js';

/** True when a NUL character hides anywhere in the value (strings, keys, nested). */
function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || containsNul(v, depth + 1)) return true;
  }
  return false;
}

/** No body at all, JSON `null` or `{}`: what a client sends when a route takes nothing. */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

function takesFile(response: unknown): boolean {
  return typeof response === 'object' && response !== null && 415 in response;
}

/**
 * PostgreSQL refuses NUL in text, and a stored NUL truncates text elsewhere;
 * rather than each route remembering it, every request's path, query and JSON
 * body are refused with a 400 when one carries it.
 */
export function installInputHygiene(app: FastifyInstance): void {
  // An unknown route is a 404 whatever its method, path or body: these checks are for routes that exist.
  app.addHook('preValidation', async (req) => {
    if (req.is404) return;
    if (req.url.includes('%00') || containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) {
      throw validation('提交的内容包含不允许的控制字符（NUL），请删除后重试');
    }
  });
  // Unknown fields are refused by every body schema; a route that declares no body would
  // otherwise accept and silently ignore anything. Routes that take a file (multipart or a
  // raw .xlsx) declare `consumes` or a 415 answer and judge their own body.
  app.addHook('preValidation', async (req) => {
    if (req.is404) return;
    const schema = req.routeOptions.schema;
    if (schema?.body || schema?.consumes || takesFile(schema?.response) || isEmptyBody(req.body)) return;
    throw validation('此接口不接受请求内容，请不要提交任何字段');
  });
}
