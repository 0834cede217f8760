import http from 'node:http';
import { type Figures, figures } from './stats.js';

export type LoadResult = Figures & {
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  /** Requests completed during the warm-up (not timed). */
  warmN: number;
};

/**
 * A closed-loop HTTP load generator (autocannon is not installed): N
 * connections over keep-alive sockets, each sending its next request when the
 * previous response has been read, for a fixed duration after a warm-up.
 */
export async function loadTest(opts: {
  port: number;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  warmMs?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const once = () =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: opts.port, path: opts.path, method: 'GET', headers: opts.headers ?? {}, agent }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const run = async (untilMs: number, record: boolean) => {
    const lat: number[] = [];
    let done = 0;
    let errors = 0;
    let non2xx = 0;
    let bytes = 0;
    const loop = async () => {
      while (performance.now() < untilMs) {
        const t = performance.now();
        try {
          const r = await once();
          if (r.status < 200 || r.status > 299) non2xx++;
          bytes += r.bytes;
          done++;
          if (record) lat.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: opts.connections }, loop));
    return { lat, done, errors, non2xx, bytes, wall: performance.now() - t0 };
  };
  const warm = await run(performance.now() + (opts.warmMs ?? 1000), false);
  const r = await run(performance.now() + opts.durationMs, true);
  agent.destroy();
  return { ...figures(r.lat, r.wall), errors: r.errors, non2xx: r.non2xx, bytesPerResponse: Math.round(r.bytes / Math.max(1, r.lat.length)), warmN: warm.done };
}
