import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_MAX } from '../../../shared/workflow.js';
import type { Deps } from '../deps.js';
import { validation } from '../errors.js';
import type { Actor } from '../http/actor.js';
import { type IdempotencyRequest, type IdempotentOutcome, type IdempotentWork, runIdempotent } from './idempotency.service.js';

/**
 * What a create or save service gets from its route instead of the request:
 * one transaction that runs at most once per (user, `Idempotency-Key`), the
 * same key with another request answering 409 `duplicate`. The route reads
 * the header; the service never sees HTTP.
 *
 * ```ts
 * // route
 * sendOutcome(reply, await createThing(deps, actor, req.body, idempotencyOf(req)));
 * // service
 * return idem.transaction(deps, actor, async (trx, save) => {
 *   … await save(201, view) before appendAudit …
 *   return { status: 201, body: view };
 * });
 * ```
 */
export interface Idempotency {
  transaction<T>(deps: Deps, actor: Pick<Actor, 'id'>, work: IdempotentWork<T>): Promise<IdempotentOutcome<T>>;
}

/** Reads and checks the `Idempotency-Key` header: null when absent, 400 when malformed. */
export function readIdempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (Array.isArray(raw)) throw validation('Idempotency-Key 请求头只能出现一次');
  const key = raw.trim();
  if (key.length === 0) throw validation('Idempotency-Key 不能为空');
  if (key.length > IDEMPOTENCY_KEY_MAX) throw validation(`Idempotency-Key 不能超过 ${IDEMPOTENCY_KEY_MAX} 个字符`);
  if (!/^[\x21-\x7e]+$/.test(key)) throw validation('Idempotency-Key 只能包含可见的 ASCII 字符（建议使用 UUID）');
  return key;
}

/**
 * The request's idempotency, read now: a malformed key is a 400 before the
 * service checks anything. The key is bound to this method, path and
 * (validated) body, so a retry must be the same request.
 */
export function idempotencyOf(req: FastifyRequest): Idempotency {
  const key = readIdempotencyKey(req);
  const request: Omit<IdempotencyRequest, 'userId'> = { key, method: req.method, path: req.url.split('?')[0] ?? req.url, body: req.body ?? null };
  return { transaction: (deps, actor, work) => runIdempotent(deps, { ...request, userId: actor.id }, work) };
}

/** For callers without a request (demo seed, jobs): one plain transaction, nothing kept for replay. */
export const withoutIdempotencyKey: Idempotency = {
  transaction: (deps, actor, work) => runIdempotent(deps, { userId: actor.id, key: null, method: '', path: '', body: null }, work),
};

/** Sends an outcome with its status; a replay is marked with `Idempotent-Replayed: true`. */
export function sendOutcome<T>(reply: FastifyReply, out: IdempotentOutcome<T>): FastifyReply {
  if (out.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.status(out.status).send(out.body);
}
