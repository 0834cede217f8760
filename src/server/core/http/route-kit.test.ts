import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorEnvelopeSchema } from '../../../shared/errors.js';
import type { Actor } from './actor.js';
import { installErrorHandler } from './error-handler.js';
import { errorSchemas, routeKit } from './route-kit.js';
import type { ZApp } from './zod-app.js';

describe('route kit', () => {
  it('lists the error envelope for each status asked', () => {
    expect(errorSchemas(404, 409)).toEqual({ 404: errorEnvelopeSchema, 409: errorEnvelopeSchema });
    expect(routeKit('things')).toMatchObject({ tags: ['things'], errors: { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema } });
  });

  it('answers 401 and 403 before the body is validated', async () => {
    const staff: Actor = { id: 'u1', username: 'u1', name: '周科员', unitId: 'a', roles: ['staff'], sessionId: 's', ip: '10.0.0.1', onBehalfOf: null };
    const admin: Actor = { ...staff, id: 'u2', roles: ['sysadmin'] };
    const { tags, errors, preValidation } = routeKit('things');
    const app = Fastify({ logger: false }).withTypeProvider() as unknown as ZApp;
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      req.actor = req.headers['x-who'] === 'staff' ? staff : req.headers['x-who'] === 'admin' ? admin : null;
    });
    app.post(
      '/t',
      { preValidation, schema: { tags, body: z.strictObject({ n: z.number() }), response: { 200: z.object({ ok: z.boolean() }), ...errors } } },
      async () => ({
        ok: true,
      }),
    );
    const call = (who: string) => app.inject({ method: 'POST', url: '/t', headers: { 'x-who': who }, payload: { wrong: 'shape' } });
    expect((await call('nobody')).statusCode).toBe(401);
    expect((await call('admin')).statusCode).toBe(403);
    expect((await call('staff')).statusCode).toBe(400);
    await app.close();
  });
});
