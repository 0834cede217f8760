import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import type { CheckResult } from '../../../shared/outgoing.js';
import { seedDemoOrg } from '../org/org.seed.js';

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
    const unknownType = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, docType: '便函' } });
    expect(unknownType.statusCode).toBe(400);
    expect(json<ErrorBody>(unknownType).error.message).toContain('文种');
    const extra = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, secret: 1 } });
    expect(extra.statusCode).toBe(400);
    const long = await injectAs(t.app, staff, { method: 'POST', url: '/api/outgoing/check', payload: { ...draft, title: '长'.repeat(201) } });
    expect(long.statusCode).toBe(400);
    expect(json<ErrorBody>(long).error.message).toMatch(/[\u4e00-\u9fff]/);
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
      payload: { ...draft, docNumber: '财监[2026]3号', signDate: '2026年01月05日', procedure: { divisionReviewed: true, officeReviewed: false, cosignsPending: [] } },
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
