import type { FastifyRequest } from 'fastify';
import { errorEnvelopeSchema } from '../../../shared/errors.js';
import { requireBusinessActor } from '../auth/guards.js';
import type { Actor } from './actor.js';

/** Error statuses a route may answer, each with the API's error envelope. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

/** Response schemas for the listed error statuses, to spread into a route's `response`. */
export function errorSchemas<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorEnvelopeSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorEnvelopeSchema])) as Record<S, typeof errorEnvelopeSchema>;
}

/**
 * What every route of a module repeats:
 *
 * ```ts
 * const { tags, errors, preValidation } = routeKit('incoming');
 * app.post('/api/incoming', { preValidation, schema: { tags, body, response: { 201: view, ...errors, ...errorSchemas(409) } } }, handler);
 * ```
 *
 * `preValidation` runs the sign-in and role check before the query or body is
 * looked at, so an outsider gets 401/403 and learns nothing from a 400. The
 * handler still calls `authenticate` for its actor.
 */
export function routeKit(tag: string, authenticate: (req: FastifyRequest) => Actor = requireBusinessActor) {
  return {
    tags: [tag],
    /** 400, 401 and 403: what any signed-in route can answer. */
    errors: errorSchemas(400, 401, 403),
    preValidation: async (req: FastifyRequest): Promise<void> => {
      authenticate(req);
    },
  };
}
