import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = resolve(import.meta.dirname, '../../../../dist/web');

/**
 * Serves the built client at `/`. Hashed assets are cached for a year; any
 * other GET that is not under /api gets index.html so deep links work.
 */
export async function installWebClient(app: FastifyInstance, root = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      if (path.includes(`${join(root, 'assets')}`)) res.header('Cache-Control', 'public, max-age=31536000, immutable');
      else res.header('Cache-Control', 'no-cache');
    },
  });
  app.get('/assets/*', (req, reply) => reply.sendFile(req.url.slice(1).split('?')[0] ?? ''));
  return true;
}
