import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';
import { countUnreadMany } from './notify.repo.js';
import { NotificationStreamHub } from './notify.stream.js';

/** Just enough of a ServerResponse to watch what the hub writes. */
class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  status = 0;
  headers: Record<string, string> = {};
  writableEnded = false;
  destroyed = false;
  writableLength = 0;
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.chunks.push(chunk);
    return true;
  }
  end(chunk?: string) {
    if (chunk) this.chunks.push(chunk);
    this.writableEnded = true;
    this.emit('close');
    return this;
  }
  events(): number[] {
    return this.chunks.flatMap((c) => [...c.matchAll(/event: unread\ndata: (\{.*\})/g)].map((m) => (JSON.parse(m[1] ?? '{}') as { unread: number }).unread));
  }
}
const asRes = (f: FakeResponse) => f as unknown as ServerResponse;

describe.each(testDialects())('notification stream hub on %s', (dialect) => {
  let db: TestDb;
  let deps: Deps;
  const clock = new ManualClock();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    deps = testDeps(db, clock, db.dataDir);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const insert = async (userId: string, n: number, read = false) => {
    const at = clock.now().toISOString();
    await db.kysely
      .insertInto('notifications')
      .values(
        Array.from({ length: n }, () => ({
          id: uuidv7(),
          user_id: userId,
          title: '测试',
          link: null,
          kind: 'test',
          created_at: at,
          read_at: read ? at : null,
          email_state: 'skipped' as const,
          email_attempts: 0,
        })),
      )
      .execute();
  };

  it('keeps at most maxPerUser streams per user, closing the oldest', async () => {
    const hub = new NotificationStreamHub(deps, { maxPerUser: 2 });
    const tabs = [new FakeResponse(), new FakeResponse(), new FakeResponse()];
    for (const t of tabs) await hub.open('u-tabs', asRes(t), {});
    expect(tabs.map((t) => t.writableEnded)).toEqual([true, false, false]);
    expect(hub.size).toBe(2);
    await hub.close();
  });

  it('sends heartbeats, ends streams after their lifetime, and refuses new ones once closed', async () => {
    const hub = new NotificationStreamHub(deps, { heartbeatMs: 0, maxLifetimeMs: 60_000 });
    const tab = new FakeResponse();
    await hub.open('u-beat', asRes(tab), {});
    await insert('u-beat', 2);
    await hub.poll();
    expect(tab.chunks).toContain(': ping\n\n');
    expect(tab.events()).toEqual([0, 2]);

    const short = new NotificationStreamHub(deps, { maxLifetimeMs: 0 });
    const old = new FakeResponse();
    await short.open('u-beat', asRes(old), {});
    await short.poll();
    expect(old.writableEnded).toBe(true);

    await hub.close();
    const late = new FakeResponse();
    await hub.open('u-beat', asRes(late), {});
    expect(late.status).toBe(503);
  });

  it('measures the poll: one grouped count for all connected users', async () => {
    // 2,000 users × 25 notifications, a third unread: a year of a mid-sized bureau.
    const users = Array.from({ length: 2000 }, (_, i) => `m-${i}`);
    const at = clock.now().toISOString();
    const rows = users.flatMap((u) =>
      Array.from({ length: 25 }, (_, j) => ({
        id: uuidv7(),
        user_id: u,
        title: '性能测试',
        link: null,
        kind: 'test',
        created_at: at,
        read_at: j % 3 === 0 ? null : at,
        email_state: 'skipped' as const,
        email_attempts: 0,
      })),
    );
    for (let i = 0; i < rows.length; i += 1000)
      await db.kysely
        .insertInto('notifications')
        .values(rows.slice(i, i + 1000))
        .execute();
    // Fresh statistics, as autovacuum would have by then, so the planner picks the partial index.
    await sql`analyze notifications`.execute(db.kysely);

    const time = async (ids: string[], runs = 30) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        await countUnreadMany(db.kysely, ids);
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      ms.sort((a, b) => a - b);
      return ms[Math.floor(ms.length / 2)] ?? 0;
    };
    const connected = users.slice(0, 200);
    const counts = await countUnreadMany(db.kysely, connected);
    expect(counts.get('m-0')).toBe(9);
    const one = await time(['m-7']);
    const many = await time(connected);
    console.log(
      `[notify stream poll, ${dialect}] 50,000 notifications: 1 user ${one.toFixed(2)} ms, 200 users in one query ${many.toFixed(2)} ms (median of 30)`,
    );
    // Generous bound for a shared 2-core machine; the point is "cheap enough for every 3 s".
    expect(many).toBeLessThan(100);
  });
});
