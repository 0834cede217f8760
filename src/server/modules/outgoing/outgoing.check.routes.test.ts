import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { CheckResult } from '../../../shared/outgoing.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';

interface ErrorBody {
  error: { code: string; message: string };
}

const draft = {
  docType: '请示',
  title: '财政部某某监管局关于购置业务用车的请示',
  mainRecipients: ['财政部'],
  copyTo: ['综合处'],
  body: '因业务需要，拟购置业务用车1辆。\n妥否，请批示。',
  attachments: [],
  classification: 'none',
  urgency: 'normal',
  disclosure: 'not_public',
  cosignDivisionIds: [],
  contact: { name: '张三', phone: '010-12345678' },
};

describe.each(testDialects())('POST /api/outgoing/check on %s', (dialect) => {
  let t: TestApp;
  let staff: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    staff = await login(t.app, 'div1_staff');
  });
  afterAll(async () => {
    await t.close();
  });

  it('401 without a session, even with a bad body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/outgoing/check', payload: { nonsense: true } });
    expect(res.statusCode).toBe(401);
  });

  it('400 with a Chinese message on bad input', async () => {
    for (const docType of ['', '文'.repeat(21), 3]) {
      const badType = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, docType } });
      expect(badType.statusCode, String(docType)).toBe(400);
      expect(json<ErrorBody>(badType).error.message).toContain('文种');
    }
    const extra = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, secret: 1 } });
    expect(extra.statusCode).toBe(400);
    const long = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, title: '长'.repeat(201) } });
    expect(long.statusCode).toBe(400);
    expect(json<ErrorBody>(long).error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('F14: a 文种 outside the 15 is an error finding; the title’s 文种 is suggested and the other rules still run', async () => {
    const check = async (payload: Record<string, unknown>) => {
      const res = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload });
      expect(res.statusCode, res.body).toBe(200);
      return json<CheckResult>(res).findings;
    };
    const guessed = await check({ ...draft, docType: '便函', copyTo: [] });
    expect(guessed.map((f) => f.rule)).toEqual(['F14']);
    expect(guessed[0]).toMatchObject({
      severity: 'error',
      field: 'docType',
      message: expect.stringContaining('便函'),
      suggestion: expect.stringContaining('请示'),
    });
    // As a 请示 the other rules run: a 请示 to two bodies is still P01.
    expect((await check({ ...draft, docType: '报请', copyTo: [], mainRecipients: ['财政部', '国务院'] })).map((f) => f.rule)).toEqual(['F14', 'P01']);
    // No 文种 in the title either: F14 alone, no guessing rules about the title ending or 主送.
    const none = await check({
      ...draft,
      docType: '方案',
      title: '财政部某某监管局2026年度专项检查工作方案',
      mainRecipients: [],
      copyTo: [],
      contact: undefined,
      body: '一、检查范围\n中央财政转移支付资金。',
    });
    expect(none.map((f) => f.rule)).toEqual(['F14']);
    expect(none[0]?.suggestion).toContain('纪要');
    // A draft is still refused outright with a 文种 outside the 15.
    const created = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing', payload: { ...draft, docType: '便函' } });
    expect(created.statusCode).toBe(400);
  });

  it('程序关 from a procedure payload: each missing review and each pending co-sign is a P07 error', async () => {
    const res = await injectAs(t.app, staff, {
      method: 'POST',
      url: '/api/outgoing/check',
      payload: { ...draft, copyTo: [], procedure: { divisionReviewed: false, officeReviewed: false, cosignsPending: ['监管二处', '综合处'] } },
    });
    const p07 = json<CheckResult>(res).findings.filter((f) => f.rule === 'P07');
    expect(p07.map((f) => f.message)).toEqual([
      '尚未经处室负责人核稿，不能签发',
      '尚未经办公室核稿，不能签发',
      '会签单位“监管二处”尚未会签，不能签发',
      '会签单位“综合处”尚未会签，不能签发',
    ]);
    expect(p07.every((f) => f.severity === 'error' && f.field === 'procedure')).toBe(true);
    const done = await injectAs(t.app, staff, {
      method: 'POST',
      url: '/api/outgoing/check',
      payload: { ...draft, copyTo: [], procedure: { divisionReviewed: true, officeReviewed: true, cosignsPending: [] } },
    });
    expect(json<CheckResult>(done).findings).toEqual([]);
    const bad = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, procedure: { divisionReviewed: 'yes' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('403 for a 三员 account', async () => {
    const admin = await login(t.app, 'sysadmin');
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/outgoing/check', payload: draft });
    expect(res.statusCode).toBe(403);
  });

  it('200 with findings for a business user; nothing is stored', async () => {
    const res = await injectAs(t.app, staff, {
      method: 'POST',
      url: '/api/outgoing/check',
      payload: {
        ...draft,
        docNumber: '财监[2026]3号',
        signDate: '2026年01月05日',
        procedure: { divisionReviewed: true, officeReviewed: false, cosignsPending: [] },
      },
    });
    expect(res.statusCode).toBe(200);
    const { findings } = json<CheckResult>(res);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['F04', 'F05', 'F11', 'P05', 'P07']));
    const f04 = findings.find((f) => f.rule === 'F04');
    expect(f04?.fix).toEqual({ field: 'docNumber', start: 2, end: 8, replacement: '〔2026〕' });
    expect(f04?.message).toMatch(/[\u4e00-\u9fff]/);
    const clean = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, copyTo: [] } });
    expect(json<CheckResult>(clean).findings).toEqual([]);
  });
});
