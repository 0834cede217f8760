import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = resolve(import.meta.dirname, '../../../../dist/web');

/**
 * Serves the built client at `/`. Hashed assets are cached for a year; any
 * other GET that is not under /api gets index.html so deep links work
 * (history fallback). A missing file under /assets stays a 404: answering a
 * stale chunk request with HTML would break the page in a confusing way.
 */
export async function installWebClient(app: FastifyInstance, root = WEB_DIST): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const assetsDir = join(root, 'assets');
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // scripts/build.mjs writes .br and .gz beside each asset.
    preCompressed: true,
    setHeaders(res, path) {
      if (path.startsWith(assetsDir)) res.header('Cache-Control', 'public, max-age=31536000, immutable');
      else res.header('Cache-Control', 'no-cache');
    },
  });
  app.get('/assets/*', { schema: { hide: true } }, (req, reply) => reply.sendFile(req.url.slice(1).split('?')[0] ?? ''));
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  return true;
}
