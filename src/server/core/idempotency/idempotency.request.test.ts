import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { installErrorHandler } from '../http/error-handler.js';
import type { ZApp } from '../http/zod-app.js';
import { type Idempotency, idempotencyOf, sendOutcome, withoutIdempotencyKey } from './idempotency.request.js';

/** A create service as a module writes one: it sees the helper, not the request. */
async function createNote(deps: Deps, actor: { id: string }, body: { text: string }, idem: Idempotency) {
  return idem.transaction(deps, actor, async (trx, save) => {
    await sql`insert into notes_made (text) values (${body.text})`.execute(trx);
    const made = Number((await sql<{ n: number }>`select count(*) as n from notes_made`.execute(trx)).rows[0]?.n ?? 0);
    const view = { text: body.text, made };
    await save(201, view);
    return { status: 201, body: view };
  });
}

describe.each(testDialects())('idempotencyOf on %s', (dialect) => {
  let db: TestDb;
  let deps: Deps;
  let app: ZApp;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await sql`create table notes_made (text varchar(100) not null)`.execute(db.kysely);
    deps = testDeps(db, new ManualClock(), db.dataDir);
    app = Fastify({ logger: false }).withTypeProvider() as unknown as ZApp;
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    app.post('/api/notes', { schema: { body: z.strictObject({ text: z.string().trim().max(100) }) } }, async (req, reply) =>
      sendOutcome(reply, await createNote(deps, { id: String(req.headers['x-user'] ?? 'u1') }, req.body, idempotencyOf(req))),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const made = async () => Number((await sql<{ n: number }>`select count(*) as n from notes_made`.execute(db.kysely)).rows[0]?.n ?? 0);
  const post = (key: string | undefined, text: string, user = 'u1') =>
    app.inject({ method: 'POST', url: '/api/notes', headers: { 'x-user': user, ...(key ? { 'idempotency-key': key } : {}) }, payload: { text } });

  it('runs the first call and answers with its status', async () => {
    const before = await made();
    const res = await post('k-first', '第一条');
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.json()).toEqual({ text: '第一条', made: before + 1 });
    expect(await made()).toBe(before + 1);
  });

  it('replays the first response without running again', async () => {
    const first = await post('k-replay', '重试');
    const before = await made();
    const again = await post('k-replay', '  重试 ');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await made()).toBe(before);
  });

  it('refuses the same key with another body (409 duplicate), and keys are per user', async () => {
    await post('k-reuse', '原文');
    const before = await made();
    const other = await post('k-reuse', '另一条');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'duplicate' } });
    expect(await made()).toBe(before);
    const otherUser = await post('k-reuse', '另一条', 'u2');
    expect(otherUser.statusCode).toBe(201);
    expect(await made()).toBe(before + 1);
  });

  it('refuses a malformed key with 400 before any work', async () => {
    const before = await made();
    const res = await post('带中文的键', '不应写入');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation' } });
    expect(await made()).toBe(before);
  });

  it('runs every time without a key, from a route or without one', async () => {
    const keys = () => db.kysely.selectFrom('idempotency_keys').select('key').execute();
    const before = await made();
    const keysBefore = await keys();
    expect((await post(undefined, '无键')).statusCode).toBe(201);
    expect((await post(undefined, '无键')).statusCode).toBe(201);
    await createNote(deps, { id: 'u1' }, { text: '种子数据' }, withoutIdempotencyKey);
    expect(await made()).toBe(before + 3);
    expect(await keys()).toEqual(keysBefore);
  });
});
