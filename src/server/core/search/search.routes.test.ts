import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { type Session, injectAs, login } from '../../../../test/support/session.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';
import type { SearchResponse } from '../../../shared/search.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { indexDocument, visibility } from './search.service.js';

describe.each(testDialects())('GET /api/search on %s', (dialect) => {
  let t: TestApp;
  let div1: Session;
  let div2: Session;
  let leader: Session;
  let sysadmin: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    [div1, div2, leader, sysadmin] = await Promise.all([
      login(t.app, 'div1_staff'),
      login(t.app, 'div2_staff'),
      login(t.app, 'leader1'),
      login(t.app, 'sysadmin'),
    ]);
    const unit1 = div1.user.unitId!;
    const unit2 = div2.user.unitId!;
    const docs = [
      {
        kind: 'incoming',
        id: 'i1',
        title: '关于开展食品安全监督抽检工作的通知',
        body: '请各处室按要求开展抽检。',
        visibility: [visibility.unit(unit1), visibility.role('leader')],
      },
      {
        kind: 'incoming',
        id: 'i2',
        title: '关于药品安全监督抽检的函',
        body: '监管二处办理。',
        visibility: [visibility.unit(unit2), visibility.role('leader')],
      },
      { kind: 'outgoing', id: 'o1', title: '年度工作要点', body: '一、加强食品安全监督抽检，严格执法。', visibility: [visibility.all] },
    ];
    await t.deps.db.transaction().execute(async (trx) => {
      for (const [i, d] of docs.entries()) await indexDocument(trx, dialect, { ...d, updatedAt: `2026-11-2${i}T08:00:00Z` });
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (s: Session | null, query: string) =>
    s ? injectAs(t.app, s, { method: 'GET', url: `/api/search?${query}` }) : t.app.inject({ method: 'GET', url: `/api/search?${query}` });

  it('401 without a session, even for a bad query', async () => {
    for (const q of ['q=%E6%8A%BD%E6%A3%80', 'q=', 'page=0']) {
      const res = await get(null, q);
      expect(res.statusCode).toBe(401);
      expect(json<ErrorEnvelope>(res).error.code).toBe('unauthenticated');
    }
  });

  it('400 with a Chinese message for empty, too long, malformed or unsearchable queries', async () => {
    const cases: [string, RegExp][] = [
      ['', /搜索/],
      ['q=', /搜索/],
      ['q=%20%20', /搜索/],
      [`q=${encodeURIComponent('监'.repeat(101))}`, /100/],
      ['q=a&page=0', /页码/],
      ['q=a&page=x', /页码/],
      ['q=a&pageSize=1000', /每页/],
      ['q=a&kind=Bad!', /类型/],
      ['q=a&q=b', /./],
      ['q=a&extra=1', /./],
      [`q=${encodeURIComponent('"*()')}`, /汉字/],
      [`q=${encodeURIComponent('\u0000')}`, /控制字符/], // refused platform-wide before the route sees it,
    ];
    for (const [query, message] of cases) {
      const res = await get(div1, query);
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
      const body = json<ErrorEnvelope>(res);
      expect(body.error.code).toBe('validation');
      expect(body.error.message).toMatch(message);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('403 for the three administrators', async () => {
    const res = await get(sysadmin, 'q=%E6%8A%BD%E6%A3%80');
    expect(res.statusCode).toBe(403);
    expect(json<ErrorEnvelope>(res).error.message).toMatch(/三员/);
  });

  it('returns only what the user may see, title hits first, with highlight ranges', async () => {
    const q = encodeURIComponent('监督抽检');
    const r1 = json<SearchResponse>(await get(div1, `q=${q}`));
    expect(r1.total).toBe(2);
    expect(r1.items.map((h) => h.id)).toEqual(['i1', 'o1']);
    const first = r1.items[0]!;
    expect(first.titleHighlights.map((r) => first.title.slice(r.start, r.end))).toEqual(['监督抽检']);
    const second = r1.items[1]!;
    expect(second.titleHighlights).toEqual([]);
    expect(second.snippetHighlights.map((r) => second.snippet.slice(r.start, r.end))).toEqual(['监督抽检']);

    expect(json<SearchResponse>(await get(div2, `q=${q}`)).items.map((h) => h.id)).toEqual(['i2', 'o1']);
    expect(json<SearchResponse>(await get(leader, `q=${q}`)).total).toBe(3);
    expect(json<SearchResponse>(await get(leader, `q=${q}&kind=outgoing`)).items.map((h) => h.id)).toEqual(['o1']);
    const paged = json<SearchResponse>(await get(leader, `q=${q}&page=2&pageSize=2`));
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(1);
  });

  it('answers hostile queries below 500', async () => {
    for (const q of ['"监督" OR 抽检*', 'NEAR(监督 抽检)', "'; drop table search_docs; --", '监督\\', '<->', '🀄️']) {
      const res = await get(div1, `q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBeLessThan(500);
    }
  });
});
