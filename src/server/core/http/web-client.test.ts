import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWebClient } from './web-client.js';

describe('web client serving', () => {
  const root = mkdtempSync(join(tmpdir(), 'zs-web-'));
  const app = Fastify();
  const js = 'console.log("中枢");'.repeat(50);

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>中枢</title>');
    writeFileSync(join(root, 'assets', 'app-abc.js'), js);
    writeFileSync(join(root, 'assets', 'app-abc.js.br'), brotliCompressSync(js));
    await installWebClient(app, root);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the precompressed asset to a browser that accepts it, cached for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-abc.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.rawPayload.length).toBeLessThan(js.length / 5);
  });

  it('falls back to the plain file, and answers deep links with index.html', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/app-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    const deep = await app.inject({ method: 'GET', url: '/incoming/0190a1b2-c3d4' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>中枢</title>');
    const missing = await app.inject({ method: 'GET', url: '/assets/gone-123.js' });
    expect(missing.statusCode).toBe(404);
  });
});
