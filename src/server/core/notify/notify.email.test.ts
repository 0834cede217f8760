import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { secondConnection, testDeps } from '../../../../test/support/deps.js';
import { ManualClock } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { Deps } from '../deps.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { deliverPendingEmails, emailDeliveryPoll, type Recipient, type RecipientLookup, registerRecipientLookup, smtpSender } from './notify.email.js';
import { queueNotifications } from './notify.service.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port; recipients `temp*@` get 451 while `tempFail` is on, `bad*@` always 550. */
async function startSmtp() {
  const received: Received[] = [];
  const state = { tempFail: true };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const fail = (code: number, text: string) => callback(Object.assign(new Error(text), { responseCode: code }));
      if (address.address.startsWith('bad')) return fail(550, 'mailbox unavailable');
      if (address.address.startsWith('temp') && state.tempFail) return fail(451, 'try again later');
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Decodes the quoted-printable / base64 body nodemailer writes, enough to read Chinese text back. */
function bodyText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe.each(testDialects())('e-mail delivery on %s', (dialect) => {
  let db: TestDb;
  let db2: Db;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = new ManualClock('2026-11-26T02:00:00.000Z');
  let deps: Deps;
  let deps2: Deps;
  const directory = new Map<string, Recipient>([
    ['u-ok', { email: 'zhou@bureau.example', name: '周科员' }],
    ['u-none', { email: null, name: '无邮箱' }],
    ['u-temp', { email: 'temp@bureau.example', name: '临时故障' }],
    ['u-bad', { email: 'bad@bureau.example', name: '地址错误' }],
  ]);
  const lookup: RecipientLookup = async (_deps, ids) => new Map(ids.flatMap((id) => (directory.has(id) ? [[id, directory.get(id) as Recipient]] : [])));

  const queue = (items: { userId: string; title: string; link?: string | null }[], email = true) =>
    db.kysely.transaction().execute((trx) =>
      queueNotifications(
        trx,
        clock,
        items.map((i) => ({ ...i, kind: 'test.mail' })),
        { email },
      ),
    );
  const states = async () =>
    Object.fromEntries(
      (await db.kysely.selectFrom('notifications').select(['title', 'email_state']).orderBy('created_at').execute()).map((r) => [r.title, r.email_state]),
    );

  beforeAll(async () => {
    smtp = await startSmtp();
    db = await createTestDb(dialect);
    db2 = secondConnection(db);
    const smtpConfig = { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: '"中枢办公平台" <noreply@bureau.example>' };
    deps = testDeps(db, clock, db.dataDir, smtpConfig);
    deps2 = testDeps(db2, clock, db.dataDir, smtpConfig);
  });
  afterAll(async () => {
    await db2.close();
    await db.destroy();
    await smtp.close();
  });
  beforeEach(async () => {
    await db.kysely.deleteFrom('notifications').execute();
    smtp.received.length = 0;
  });

  it('sends after commit to the user’s address, skips users without one and notifications not meant for e-mail', async () => {
    await queue([
      { userId: 'u-ok', title: '收文〔2026〕12号 请您办理', link: '/incoming/a1' },
      { userId: 'u-none', title: '给无邮箱用户' },
    ]);
    await queue([{ userId: 'u-ok', title: '仅站内通知' }], false);
    // Rolled back with its business change: never sent.
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await queueNotifications(trx, clock, [{ userId: 'u-ok', title: '已回滚的通知', kind: 'test.mail' }], { email: true });
        throw new Error('业务校验失败');
      }),
    ).rejects.toThrow('业务校验失败');

    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    const r = await deliverPendingEmails(deps, { sender, lookup });
    expect(r).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 1, deferred: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['zhou@bureau.example']);
    expect(mail?.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const text = bodyText(mail?.raw ?? '');
    expect(text).toContain('周科员，您好：');
    expect(text).toContain('收文〔2026〕12号 请您办理');
    expect(text).toContain('/incoming/a1');
    expect(await states()).toEqual({ '收文〔2026〕12号 请您办理': 'sent', 给无邮箱用户: 'skipped', 仅站内通知: 'skipped' });
    const sent = await db.kysely.selectFrom('notifications').selectAll().where('email_state', '=', 'sent').executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ email_attempts: 1, email_sent_at: clock.now().toISOString(), email_error: null, email_next_at: null });
    const none = await db.kysely.selectFrom('notifications').select('email_error').where('user_id', '=', 'u-none').executeTakeFirstOrThrow();
    expect(none.email_error).toBe('用户未登记电子邮箱');

    // Nothing left to do: a second pass sends nothing more.
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0, deferred: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a temporary failure with backoff, fails a permanent one at once', async () => {
    smtp.state.tempFail = true;
    await queue([
      { userId: 'u-temp', title: '暂时投递失败' },
      { userId: 'u-bad', title: '地址不存在' },
    ]);
    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 0, retrying: 1, failed: 1, skipped: 0, deferred: 0 });
    const temp = await db.kysely.selectFrom('notifications').selectAll().where('user_id', '=', 'u-temp').executeTakeFirstOrThrow();
    expect(temp).toMatchObject({ email_state: 'pending', email_attempts: 1, email_next_at: '2026-11-26T02:01:00.000Z' });
    expect(temp.email_error).toMatch(/451/);
    const bad = await db.kysely.selectFrom('notifications').selectAll().where('user_id', '=', 'u-bad').executeTakeFirstOrThrow();
    expect(bad).toMatchObject({ email_state: 'failed', email_attempts: 1 });
    expect(bad.email_error).toMatch(/550/);

    // Before the backoff is over nothing is tried.
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0, deferred: 0 });
    clock.advance(60_000);
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 0, deferred: 0 });
    expect((await db.kysely.selectFrom('notifications').select('email_next_at').where('user_id', '=', 'u-temp').executeTakeFirstOrThrow()).email_next_at).toBe(
      '2026-11-26T02:03:00.000Z',
    );
    smtp.state.tempFail = false;
    clock.advance(120_000);
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0, deferred: 0 });
    expect(await states()).toEqual({ 暂时投递失败: 'sent', 地址不存在: 'failed' });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['temp@bureau.example']);
  });

  it('gives up after maxAttempts', async () => {
    smtp.state.tempFail = true;
    await queue([{ userId: 'u-temp', title: '一直失败' }]);
    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    for (let i = 0; i < 3; i++) {
      await deliverPendingEmails(deps, { sender, lookup, maxAttempts: 3 });
      clock.advance(3600_000);
    }
    expect(await states()).toEqual({ 一直失败: 'failed' });
    smtp.state.tempFail = false;
  });

  it('sends each mail once when two instances deliver at the same time', async () => {
    await queue(Array.from({ length: 12 }, (_, i) => ({ userId: 'u-ok', title: `并发通知 ${i}` })));
    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    const [a, b] = await Promise.all([deliverPendingEmails(deps, { sender, lookup, batch: 5 }), deliverPendingEmails(deps2, { sender, lookup, batch: 5 })]);
    const c = await deliverPendingEmails(deps, { sender, lookup, batch: 20 });
    expect(a.sent + b.sent + c.sent).toBe(12);
    expect(smtp.received).toHaveLength(12);
    const subjects = new Set(smtp.received.map((m) => m.raw.match(/^Subject: (.*)$/m)?.[1]));
    expect(subjects.size).toBe(12);
  });

  it('takes over a claim whose instance died mid-delivery', async () => {
    await queue([{ userId: 'u-ok', title: '投递中断' }]);
    // As left by a process killed after claiming: sending, its claim running until 02:02.
    await db.kysely.updateTable('notifications').set({ email_state: 'sending', email_attempts: 1, email_next_at: '2026-11-26T02:02:00.000Z' }).execute();
    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    const now = clock.now().getTime();
    clock.set('2026-11-26T02:01:00.000Z');
    expect((await deliverPendingEmails(deps, { sender, lookup })).sent).toBe(0);
    clock.set('2026-11-26T02:02:00.000Z');
    expect((await deliverPendingEmails(deps, { sender, lookup })).sent).toBe(1);
    clock.set(new Date(now));
    expect(await states()).toEqual({ 投递中断: 'sent' });
  });

  it('does not mail notifications that have gone stale while waiting', async () => {
    await queue([{ userId: 'u-ok', title: '四天前的提醒' }]);
    clock.advance(4 * 86_400_000);
    await queue([{ userId: 'u-ok', title: '今天的提醒' }]);
    const sender = smtpSender(deps.config);
    if (!sender) throw new Error('no sender');
    expect(await deliverPendingEmails(deps, { sender, lookup })).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 1, deferred: 0 });
    expect(await states()).toEqual({ 四天前的提醒: 'skipped', 今天的提醒: 'sent' });
  });

  it('starts no send that could outlive its claim, and hands the rest back', async () => {
    await queue(Array.from({ length: 4 }, (_, i) => ({ userId: 'u-ok', title: `慢速投递 ${i}` })));
    const sent: string[] = [];
    // Each send takes 2 s of (test) time; the claim window leaves room for two.
    const slow = { send: async (m: { subject: string }) => void (sent.push(m.subject), clock.advance(2000)) };
    const r = await deliverPendingEmails(deps, { sender: slow, lookup, claimMs: 62_000 });
    expect(r).toEqual({ sent: 2, retrying: 0, failed: 0, skipped: 0, deferred: 2 });
    const rows = await db.kysely
      .selectFrom('notifications')
      .select(['email_state', 'email_attempts', 'email_next_at'])
      .where('email_state', '=', 'pending')
      .execute();
    expect(rows).toEqual([
      { email_state: 'pending', email_attempts: 0, email_next_at: null },
      { email_state: 'pending', email_attempts: 0, email_next_at: null },
    ]);
    expect((await deliverPendingEmails(deps, { sender: slow, lookup })).sent).toBe(2);
    expect(sent).toHaveLength(4);
  });

  it('runs as the scheduler’s poller once org has registered its lookup', async () => {
    await queue([{ userId: 'u-ok', title: '由调度器投递' }]);
    const poller = { name: 'notify.email_delivery', everyMs: 10_000, run: emailDeliveryPoll };
    const s = new Scheduler(deps, { jobs: [], pollers: [poller] });
    registerRecipientLookup(null);
    await s.tick();
    // No lookup registered yet: nothing is sent and nothing is lost.
    expect(await states()).toEqual({ 由调度器投递: 'pending' });
    registerRecipientLookup(lookup);
    clock.advance(10_000);
    await s.tick();
    expect(await states()).toEqual({ 由调度器投递: 'sent' });
    expect(smtp.received).toHaveLength(1);
    // Without SMTP configured the poller does nothing at all.
    await queue([{ userId: 'u-ok', title: '未配置邮件' }]);
    const noSmtp = new Scheduler(testDeps(db, clock, db.dataDir), { jobs: [], pollers: [poller] });
    await noSmtp.tick();
    expect((await states())['未配置邮件']).toBe('pending');
  });
});
