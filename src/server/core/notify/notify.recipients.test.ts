import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { seedDemoOrg } from '../org/org.seed.js';
import type { Deps } from '../deps.js';
import { emailDeliveryPoll, registerRecipientLookup } from './notify.email.js';
import { queueNotifications } from './notify.service.js';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port that accepts everything and keeps what it got. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
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
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * The whole path: the sysadmin records an address through the account API, a
 * notification is queued, and the scheduler's delivery poller finds the
 * address through the lookup the org module registered (notify never reads
 * org's tables itself).
 */
describe.each(testDialects())('notification e-mail to org users on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailDeps: Deps;
  let sysadmin: Session;
  const ids: Record<string, string> = {};

  const setEmail = async (username: string, email: string | null) => {
    const id = ids[username] ?? '';
    const { version } = await t.deps.db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const r = await injectAs(t.app, sysadmin, { method: 'PATCH', url: `/api/admin/users/${id}`, payload: { email, version } });
    expect(r.statusCode).toBe(200);
    return json<{ email: string | null }>(r).email;
  };
  const notify = (username: string, title: string) =>
    t.deps.db
      .transaction()
      .execute((trx) => queueNotifications(trx, t.clock, [{ userId: ids[username] ?? '', title, kind: 'test.mail', link: '/todos' }], { email: true }));
  const poll = () => emailDeliveryPoll(mailDeps, new AbortController().signal);
  const outcome = async () =>
    Object.fromEntries(
      (await t.deps.db.selectFrom('notifications').select(['title', 'email_state', 'email_error']).orderBy('created_at').orderBy('title').execute()).map(
        (r) => [r.title, `${r.email_state}${r.email_error ? `:${r.email_error}` : ''}`],
      ),
    );

  beforeAll(async () => {
    // Start from nothing registered, so only the org module's register can make the mail go out.
    registerRecipientLookup(null);
    smtp = await startSmtp();
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of await t.deps.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    // The app under test runs without SMTP; the poller is handed the same services with it configured.
    mailDeps = { ...t.deps, config: { ...t.deps.config, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: '"中枢办公平台" <noreply@bureau.example>' } };
    sysadmin = await login(t.app, 'sysadmin');
  });
  afterAll(async () => {
    registerRecipientLookup(null);
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await t.deps.db.deleteFrom('notifications').execute();
    smtp.received.length = 0;
  });

  it('mails a user whose address the sysadmin recorded, and skips users without one', async () => {
    expect(await setEmail('div1_staff', ' zhou@bureau.example ')).toBe('zhou@bureau.example');
    await notify('div1_staff', '收文〔2026〕7号 请您办理');
    await notify('div2_staff', '无邮箱用户的通知');
    await poll();
    expect(smtp.received.map((m) => m.to)).toEqual([['zhou@bureau.example']]);
    expect(smtp.received[0]?.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(await outcome()).toEqual({ '收文〔2026〕7号 请您办理': 'sent', 无邮箱用户的通知: 'skipped:用户未登记电子邮箱' });
  });

  it('follows address changes, and sends nothing to a cleared address or a disabled account', async () => {
    await setEmail('div1_staff', 'zhou.new@bureau.example');
    await notify('div1_staff', '地址已更换');
    await poll();
    expect(smtp.received.map((m) => m.to)).toEqual([['zhou.new@bureau.example']]);

    await setEmail('div1_staff', '');
    await notify('div1_staff', '地址已清除');
    await setEmail('div2_staff', 'zheng@bureau.example');
    const id = ids['div2_staff'] ?? '';
    const { version } = await t.deps.db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await injectAs(t.app, sysadmin, { method: 'PATCH', url: `/api/admin/users/${id}`, payload: { disabled: true, version } })).statusCode).toBe(200);
    await notify('div2_staff', '账号已停用');
    await poll();
    expect(smtp.received).toHaveLength(1);
    expect(await outcome()).toEqual({ 地址已更换: 'sent', 地址已清除: 'skipped:用户未登记电子邮箱', 账号已停用: 'skipped:用户未登记电子邮箱' });
  });
});
