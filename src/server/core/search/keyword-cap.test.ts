import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { IncomingList } from '../../../shared/incoming.js';
import { seedDemoOrg } from '../org/org.seed.js';

const json = <T>(r: LightMyRequestResponse): T => JSON.parse(r.body) as T;

/**
 * A ledger's keyword filter takes body matches from the search service, one
 * ranking block of them. When more documents match, the ledger must say so
 * (and refuse an export that would be silently incomplete), never just list
 * fewer documents than contain the words.
 */
describe.each(testDialects())('ledger keyword filter past one search block on %s', (dialect) => {
  let t: TestApp;
  let clerk: Session;
  const CAP = 3;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    t.deps.config.searchCap = CAP;
    clerk = await login(t.app, 'office_clerk');
    for (let i = 1; i <= CAP + 2; i++) {
      const r = await injectAs(t.app, clerk, {
        method: 'POST',
        url: '/api/incoming',
        payload: {
          sourceOrg: '财政部',
          sourceDocNumber: `财会〔2026〕${i}号`,
          title: `关于开展第${i}批行政事业单位国有资产清查的通知`,
          docType: '通知',
          classification: 'internal',
          urgency: 'normal',
          kind: 'handle',
          copies: 1,
          receivedDate: '2026-11-25',
        },
      });
      expect(r.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a query of words found apart (not as one literal substring) lists one block and says more match', async () => {
    // 资产 and 通知 are in every title but apart, so no LIKE on a column finds '资产 通知': only the search service does.
    const r = await injectAs(t.app, clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent('资产 通知')}&pageSize=50` });
    expect(r.statusCode).toBe(200);
    const list = json<IncomingList>(r);
    expect(list.total).toBe(CAP);
    expect(list.keywordCapped).toBe(true);
  });

  it('an export under that filter is refused with a Chinese message instead of missing documents', async () => {
    const r = await injectAs(t.app, clerk, { method: 'GET', url: `/api/incoming/export.xlsx?q=${encodeURIComponent('资产 通知')}` });
    expect(r.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(r).error.message).toMatch(/导出会不完整/);
  });

  it('no flag when every match fits in the block', async () => {
    t.deps.config.searchCap = 50;
    try {
      const list = json<IncomingList>(await injectAs(t.app, clerk, { method: 'GET', url: `/api/incoming?q=${encodeURIComponent('资产 通知')}&pageSize=50` }));
      expect(list.total).toBe(CAP + 2);
      expect(list.keywordCapped).toBeUndefined();
    } finally {
      t.deps.config.searchCap = CAP;
    }
  });
});
