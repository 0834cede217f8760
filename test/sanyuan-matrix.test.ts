import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/demo.js';
import { createTestApp, json, type TestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { multipart } from './fixtures/guard/make-files.js';
import { injectAs, login, type Session } from './support/session.js';

/**
 * 三员分立 as a table: every route of the OpenAPI document against the three
 * administrators and one business user (办公室主任). A route added without a
 * row here fails the test, so nobody forgets to decide who may call it.
 */
type Who = 'sysadmin' | 'secadmin' | 'auditor' | 'business';
const WHO: readonly Who[] = ['sysadmin', 'secadmin', 'auditor', 'business'];
const USERNAMES: Record<Who, string> = { sysadmin: 'sysadmin', secadmin: 'secadmin', auditor: 'auditor', business: 'office_director' };

interface Ids {
  incoming: string;
  supervision: string;
  reminder: string;
  outgoing: string;
  attachment: string;
  target: string;
  clerk: string;
  unit: string;
}

interface Ctx {
  t: TestApp;
  ids: Ids;
  s: Record<Who, Session>;
}

type Req = Omit<InjectOptions, 'headers'>;
interface Row {
  /** `METHOD /path` exactly as in the OpenAPI document. */
  route: string;
  expect: Record<Who, number>;
  req: (c: Ctx, who: Who) => Req | Promise<Req>;
}

const ADMIN = (sysadmin: number, secadmin: number, auditor: number, business = 403) => ({ sysadmin, secadmin, auditor, business });
/**
 * Business data, attachments included: every administrator is refused with 403 and the
 * refusal is audited as denied; the business user gets `business`.
 */
const BUSINESS = (business: number, refused = 403) => ({ sysadmin: refused, secadmin: refused, auditor: refused, business });
const EVERYONE = (status: number) => ({ sysadmin: status, secadmin: status, auditor: status, business: status });
const NO_SUCH_ID = '0190f0e0-0000-7000-8000-000000000000';

const get = (url: string): Req => ({ method: 'GET', url });
const post = (url: string, payload: unknown = {}): Req => ({ method: 'POST', url, payload: payload as Record<string, unknown> });
const put = (url: string, payload: unknown = {}): Req => ({ method: 'PUT', url, payload: payload as Record<string, unknown> });
const patch = (url: string, payload: unknown): Req => ({ method: 'PATCH', url, payload: payload as Record<string, unknown> });
const del = (url: string): Req => ({ method: 'DELETE', url });

async function deniedCount(c: Ctx): Promise<number> {
  const r = await c.t.deps.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome', '=', 'denied')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function userVersion(c: Ctx): Promise<number> {
  const r = await c.t.deps.db.selectFrom('users').select('version').where('id', '=', c.ids.target).executeTakeFirstOrThrow();
  return r.version;
}

const ROWS: Row[] = [
  // Every account's own things.
  { route: 'GET /api/me', expect: EVERYONE(200), req: () => get('/api/me') },
  {
    route: 'POST /api/me/password',
    expect: EVERYONE(400),
    req: () => post('/api/me/password', { currentPassword: 'Not#theCurrent1', newPassword: 'Fresh#2027pass' }),
  },
  { route: 'GET /api/me/sessions', expect: EVERYONE(200), req: () => get('/api/me/sessions') },
  { route: 'DELETE /api/me/sessions/{id}', expect: EVERYONE(404), req: () => del(`/api/me/sessions/${NO_SUCH_ID}`) },
  { route: 'GET /api/org/units', expect: EVERYONE(200), req: () => get('/api/org/units') },
  { route: 'GET /api/todos', expect: EVERYONE(200), req: () => get('/api/todos') },
  { route: 'GET /api/notifications', expect: EVERYONE(200), req: () => get('/api/notifications') },
  { route: 'POST /api/notifications/read-all', expect: EVERYONE(200), req: () => post('/api/notifications/read-all') },
  { route: 'POST /api/notifications/{id}/read', expect: EVERYONE(404), req: () => post(`/api/notifications/${NO_SUCH_ID}/read`) },
  { route: 'GET /api/calendar/{year}', expect: EVERYONE(200), req: () => get('/api/calendar/2026') },
  { route: 'GET /api/calendar/{year}/check', expect: EVERYONE(200), req: () => get('/api/calendar/2026/check?date=2026-10-01') },
  { route: 'GET /api/calendar/deadline', expect: EVERYONE(200), req: () => get('/api/calendar/deadline?from=2026-09-28&workdays=5') },

  // Delegation is a business feature: 三员 accounts hold no to-dos to hand over.
  { route: 'GET /api/me/delegations', expect: BUSINESS(200), req: () => get('/api/me/delegations') },
  {
    route: 'POST /api/me/delegations',
    expect: BUSINESS(201),
    req: (c) =>
      post('/api/me/delegations', { delegateId: c.ids.clerk, startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-05T00:00:00.000Z', reason: '出差' }),
  },
  { route: 'DELETE /api/me/delegations/{id}', expect: BUSINESS(404), req: () => del(`/api/me/delegations/${NO_SUCH_ID}`) },

  // The administrators' consoles.
  { route: 'GET /api/admin/policy', expect: ADMIN(403, 200, 403), req: () => get('/api/admin/policy') },
  {
    route: 'PUT /api/admin/policy',
    expect: ADMIN(403, 200, 403),
    req: async (c) => {
      const current = json<Record<string, unknown>>(await injectAs(c.t.app, c.s.secadmin, get('/api/admin/policy')));
      const { updatedAt: _updatedAt, ...body } = current;
      return put('/api/admin/policy', body);
    },
  },
  { route: 'GET /api/admin/users', expect: ADMIN(200, 200, 403), req: () => get('/api/admin/users') },
  {
    route: 'POST /api/admin/users',
    expect: ADMIN(201, 403, 403),
    req: (c, who) => post('/api/admin/users', { username: `new_${who}`, name: '新同事', unitId: c.ids.unit, password: 'Start#2026abc' }),
  },
  {
    route: 'PATCH /api/admin/users/{id}',
    expect: ADMIN(200, 403, 403),
    req: async (c) => patch(`/api/admin/users/${c.ids.target}`, { name: '郑科员', version: await userVersion(c) }),
  },
  {
    route: 'POST /api/admin/users/{id}/reset-password',
    expect: ADMIN(200, 403, 403),
    req: (c) => post(`/api/admin/users/${c.ids.target}/reset-password`, { password: 'Reset#2026xyz' }),
  },
  { route: 'POST /api/admin/users/{id}/unlock', expect: ADMIN(403, 200, 403), req: (c) => post(`/api/admin/users/${c.ids.target}/unlock`) },
  {
    route: 'PUT /api/admin/users/{id}/roles',
    expect: ADMIN(403, 200, 403),
    req: async (c) => put(`/api/admin/users/${c.ids.target}/roles`, { roles: ['staff'], version: await userVersion(c) }),
  },
  { route: 'GET /api/admin/units', expect: ADMIN(200, 200, 403), req: () => get('/api/admin/units') },
  { route: 'POST /api/admin/units', expect: ADMIN(201, 403, 403), req: (_c, who) => post('/api/admin/units', { name: `新处室${who}`, kind: 'division' }) },
  {
    route: 'PATCH /api/admin/units/{id}',
    expect: ADMIN(200, 403, 403),
    req: async (c) => {
      const u = await c.t.deps.db.selectFrom('units').select('version').where('id', '=', c.ids.unit).executeTakeFirstOrThrow();
      return patch(`/api/admin/units/${c.ids.unit}`, { sort: 9, version: u.version });
    },
  },
  { route: 'PUT /api/calendar/{year}', expect: ADMIN(200, 403, 403), req: () => put('/api/calendar/2031', { offDays: ['2031-10-01'], makeupWorkdays: [] }) },
  { route: 'DELETE /api/calendar/{year}/override', expect: ADMIN(200, 403, 403), req: () => del('/api/calendar/2031/override') },
  { route: 'GET /api/audit', expect: ADMIN(403, 403, 200), req: () => get('/api/audit') },
  { route: 'POST /api/audit/verify', expect: ADMIN(403, 403, 200), req: () => post('/api/audit/verify') },

  // Business data: no administrator reads or touches it.
  { route: 'GET /api/search', expect: BUSINESS(200), req: () => get(`/api/search?q=${encodeURIComponent('通知')}`) },
  { route: 'GET /api/{kind}/{id}/attachments', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/attachments`) },
  { route: 'POST /api/{kind}/{id}/attachments', expect: BUSINESS(415), req: (c) => post(`/api/outgoing/${c.ids.outgoing}/attachments`) },
  { route: 'GET /api/attachments/{id}', expect: BUSINESS(200), req: (c) => get(`/api/attachments/${c.ids.attachment}`) },
  { route: 'DELETE /api/attachments/{id}', expect: BUSINESS(404), req: () => del(`/api/attachments/${NO_SUCH_ID}`) },

  { route: 'POST /api/incoming', expect: BUSINESS(400), req: () => post('/api/incoming') },
  { route: 'GET /api/incoming', expect: BUSINESS(200), req: () => get('/api/incoming') },
  { route: 'GET /api/incoming/options', expect: BUSINESS(200), req: () => get('/api/incoming/options') },
  { route: 'GET /api/incoming/stats', expect: BUSINESS(200), req: () => get('/api/incoming/stats') },
  { route: 'GET /api/incoming/checks/latest', expect: BUSINESS(200), req: () => get('/api/incoming/checks/latest') },
  { route: 'GET /api/incoming/settings', expect: BUSINESS(200), req: () => get('/api/incoming/settings') },
  { route: 'PUT /api/incoming/settings', expect: BUSINESS(400), req: () => put('/api/incoming/settings') },
  { route: 'GET /api/incoming/export.xlsx', expect: BUSINESS(200), req: () => get('/api/incoming/export.xlsx') },
  { route: 'GET /api/incoming/{id}', expect: BUSINESS(200), req: (c) => get(`/api/incoming/${c.ids.incoming}`) },
  { route: 'GET /api/incoming/{id}/form.docx', expect: BUSINESS(200), req: (c) => get(`/api/incoming/${c.ids.incoming}/form.docx`) },
  { route: 'POST /api/incoming/{id}/transitions', expect: BUSINESS(400), req: (c) => post(`/api/incoming/${c.ids.incoming}/transitions`) },
  { route: 'POST /api/incoming/import', expect: BUSINESS(415), req: () => post('/api/incoming/import') },

  { route: 'POST /api/supervision', expect: BUSINESS(400), req: () => post('/api/supervision') },
  { route: 'GET /api/supervision', expect: BUSINESS(200), req: () => get('/api/supervision') },
  { route: 'GET /api/supervision/options', expect: BUSINESS(200), req: () => get('/api/supervision/options') },
  { route: 'GET /api/supervision/settings', expect: BUSINESS(200), req: () => get('/api/supervision/settings') },
  { route: 'PUT /api/supervision/settings', expect: BUSINESS(400), req: () => put('/api/supervision/settings') },
  { route: 'GET /api/supervision/division', expect: BUSINESS(400), req: () => get('/api/supervision/division') },
  { route: 'GET /api/supervision/weekly-report', expect: BUSINESS(200), req: () => get('/api/supervision/weekly-report') },
  { route: 'GET /api/supervision/weekly-report.docx', expect: BUSINESS(200), req: () => get('/api/supervision/weekly-report.docx') },
  { route: 'GET /api/supervision/export.xlsx', expect: BUSINESS(200), req: () => get('/api/supervision/export.xlsx') },
  {
    route: 'GET /api/supervision/{id}/reminders/{reminderId}/notice.docx',
    expect: BUSINESS(200),
    req: (c) => get(`/api/supervision/${c.ids.supervision}/reminders/${c.ids.reminder}/notice.docx`),
  },
  { route: 'GET /api/supervision/{id}', expect: BUSINESS(200), req: (c) => get(`/api/supervision/${c.ids.supervision}`) },
  { route: 'POST /api/supervision/{id}/transitions', expect: BUSINESS(400), req: (c) => post(`/api/supervision/${c.ids.supervision}/transitions`) },
  { route: 'POST /api/supervision/import', expect: BUSINESS(415), req: () => post('/api/supervision/import') },

  { route: 'POST /api/outgoing/check', expect: BUSINESS(400), req: () => post('/api/outgoing/check') },
  { route: 'POST /api/outgoing', expect: BUSINESS(400), req: () => post('/api/outgoing') },
  { route: 'GET /api/outgoing', expect: BUSINESS(200), req: () => get('/api/outgoing') },
  { route: 'GET /api/outgoing/options', expect: BUSINESS(200), req: () => get('/api/outgoing/options') },
  { route: 'GET /api/outgoing/settings', expect: BUSINESS(200), req: () => get('/api/outgoing/settings') },
  { route: 'PUT /api/outgoing/settings', expect: BUSINESS(400), req: () => put('/api/outgoing/settings') },
  { route: 'PUT /api/outgoing/{id}', expect: BUSINESS(400), req: (c) => put(`/api/outgoing/${c.ids.outgoing}`) },
  { route: 'GET /api/outgoing/{id}', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}`) },
  { route: 'GET /api/outgoing/{id}/findings', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/findings`) },
  { route: 'GET /api/outgoing/{id}/versions', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/versions`) },
  { route: 'GET /api/outgoing/{id}/versions/{round}', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/versions/1`) },
  { route: 'GET /api/outgoing/{id}/diff', expect: BUSINESS(400), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/diff`) },
  { route: 'GET /api/outgoing/{id}/document.docx', expect: BUSINESS(200), req: (c) => get(`/api/outgoing/${c.ids.outgoing}/document.docx`) },
  { route: 'POST /api/outgoing/{id}/transitions', expect: BUSINESS(400), req: (c) => post(`/api/outgoing/${c.ids.outgoing}/transitions`) },
  { route: 'POST /api/petition', expect: BUSINESS(400), req: () => post('/api/petition') },
  { route: 'GET /api/petition', expect: BUSINESS(200), req: () => get('/api/petition') },
  {
    route: 'GET /api/petition/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'POST /api/petition/{id}/transitions',
    expect: BUSINESS(400),
    req: async (c) => post(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}/transitions`),
  },
  { route: 'GET /api/petition/export.xlsx', expect: BUSINESS(200), req: () => get('/api/petition/export.xlsx') },
  { route: 'GET /api/petition/stats', expect: BUSINESS(200), req: () => get('/api/petition/stats?year=2026') },
  { route: 'POST /api/petition/lookup', expect: BUSINESS(400), req: () => post('/api/petition/lookup') },
  { route: 'GET /api/petition/settings', expect: BUSINESS(200), req: () => get('/api/petition/settings') },
  { route: 'PUT /api/petition/settings', expect: BUSINESS(400), req: () => put('/api/petition/settings') },
  // 办公室主任 reads every petition but not the petitioner in clear, nor the documents that print it.
  {
    route: 'GET /api/petition/{id}/petitioner',
    expect: BUSINESS(403),
    req: async (c) => get(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}/petitioner`),
  },
  {
    route: 'GET /api/petition/{id}/reply.docx',
    expect: BUSINESS(403),
    req: async (c) => get(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}/reply.docx`),
  },
  {
    route: 'GET /api/petition/{id}/reply.pdf',
    expect: BUSINESS(403),
    req: async (c) => get(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}/reply.pdf`),
  },
  {
    route: 'GET /api/petition/{id}/notice.docx',
    expect: BUSINESS(403),
    req: async (c) => get(`/api/petition/${(await c.t.deps.db.selectFrom('petition_items').select('id').executeTakeFirstOrThrow()).id}/notice.docx`),
  },
  // 信息报送: the pieces, 约稿, scoring, targets, ledger, 通报, penalties and the portal's record are business data.
  { route: 'POST /api/info', expect: BUSINESS(400), req: () => post('/api/info') },
  { route: 'GET /api/info', expect: BUSINESS(200), req: () => get('/api/info') },
  {
    route: 'GET /api/info/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/info/${(await c.t.deps.db.selectFrom('info_items').select('id').where('state', '=', 'adopted').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'POST /api/info/{id}/transitions',
    expect: BUSINESS(400),
    req: async (c) =>
      post(`/api/info/${(await c.t.deps.db.selectFrom('info_items').select('id').where('state', '=', 'adopted').executeTakeFirstOrThrow()).id}/transitions`),
  },
  { route: 'PUT /api/info/{id}', expect: BUSINESS(400), req: () => put(`/api/info/${NO_SUCH_ID}`) },
  { route: 'GET /api/info/export.xlsx', expect: BUSINESS(200), req: () => get('/api/info/export.xlsx?year=2026') },
  { route: 'GET /api/info/scoring/{year}', expect: BUSINESS(200), req: () => get('/api/info/scoring/2026') },
  { route: 'PUT /api/info/scoring/{year}', expect: BUSINESS(400), req: () => put('/api/info/scoring/2026') },
  { route: 'GET /api/info/targets/{year}', expect: BUSINESS(200), req: () => get('/api/info/targets/2026') },
  { route: 'PUT /api/info/targets/{year}', expect: BUSINESS(400), req: () => put('/api/info/targets/2026') },
  { route: 'GET /api/info/ledger', expect: BUSINESS(200), req: () => get('/api/info/ledger?year=2026') },
  { route: 'GET /api/info/bulletin', expect: BUSINESS(200), req: () => get('/api/info/bulletin?period=2026-10') },
  { route: 'GET /api/info/bulletin.docx', expect: BUSINESS(200), req: () => get('/api/info/bulletin.docx?period=2026-Q3') },
  { route: 'POST /api/info/penalties', expect: BUSINESS(400), req: () => post('/api/info/penalties') },
  { route: 'GET /api/info/penalties', expect: BUSINESS(200), req: () => get('/api/info/penalties?year=2026') },
  { route: 'POST /api/info/penalties/{id}/revoke', expect: BUSINESS(400), req: () => post(`/api/info/penalties/${NO_SUCH_ID}/revoke`) },
  { route: 'GET /api/info/portal-log', expect: BUSINESS(200), req: () => get('/api/info/portal-log') },
  { route: 'POST /api/info_request', expect: BUSINESS(400), req: () => post('/api/info_request') },
  { route: 'GET /api/info_request', expect: BUSINESS(200), req: () => get('/api/info_request') },
  {
    route: 'GET /api/info_request/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/info_request/${(await c.t.deps.db.selectFrom('info_requests').select('id').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'POST /api/info_request/{id}/transitions',
    expect: BUSINESS(400),
    req: async (c) => post(`/api/info_request/${(await c.t.deps.db.selectFrom('info_requests').select('id').executeTakeFirstOrThrow()).id}/transitions`),
  },
  // 保密: the 保密员's register and 自查 are business data; the 安全保密管理员 (secadmin) is refused like the other two.
  { route: 'POST /api/carrier', expect: BUSINESS(400), req: () => post('/api/carrier') },
  { route: 'GET /api/carrier', expect: BUSINESS(200), req: () => get('/api/carrier') },
  { route: 'GET /api/carrier/export.xlsx', expect: BUSINESS(200), req: () => get('/api/carrier/export.xlsx') },
  {
    route: 'GET /api/carrier/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/carrier/${(await c.t.deps.db.selectFrom('secrecy_carriers').select('id').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'POST /api/carrier/{id}/transitions',
    expect: BUSINESS(400),
    req: async (c) => post(`/api/carrier/${(await c.t.deps.db.selectFrom('secrecy_carriers').select('id').executeTakeFirstOrThrow()).id}/transitions`),
  },
  { route: 'GET /api/inspection', expect: BUSINESS(200), req: () => get('/api/inspection') },
  { route: 'GET /api/inspection/export.xlsx', expect: BUSINESS(200), req: () => get('/api/inspection/export.xlsx') },
  {
    route: 'GET /api/inspection/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/inspection/${(await c.t.deps.db.selectFrom('secrecy_sheets').select('id').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'POST /api/inspection/{id}/transitions',
    expect: BUSINESS(400),
    req: async (c) => post(`/api/inspection/${(await c.t.deps.db.selectFrom('secrecy_sheets').select('id').executeTakeFirstOrThrow()).id}/transitions`),
  },
  { route: 'GET /api/secrecy/templates', expect: BUSINESS(200), req: () => get('/api/secrecy/templates') },
  { route: 'POST /api/secrecy/campaigns', expect: BUSINESS(400), req: () => post('/api/secrecy/campaigns') },
  { route: 'GET /api/secrecy/campaigns', expect: BUSINESS(200), req: () => get('/api/secrecy/campaigns') },
  {
    route: 'GET /api/secrecy/campaigns/{id}',
    expect: BUSINESS(200),
    req: async (c) => get(`/api/secrecy/campaigns/${(await c.t.deps.db.selectFrom('secrecy_campaigns').select('id').executeTakeFirstOrThrow()).id}`),
  },
  {
    route: 'GET /api/secrecy/campaigns/{id}/report.docx',
    expect: BUSINESS(200),
    req: async (c) =>
      get(`/api/secrecy/campaigns/${(await c.t.deps.db.selectFrom('secrecy_campaigns').select('id').executeTakeFirstOrThrow()).id}/report.docx`),
  },
  { route: 'POST /api/secrecy/personnel', expect: BUSINESS(400), req: () => post('/api/secrecy/personnel') },
  { route: 'GET /api/secrecy/personnel', expect: BUSINESS(200), req: () => get('/api/secrecy/personnel') },
  { route: 'PUT /api/secrecy/personnel/{id}', expect: BUSINESS(400), req: () => put(`/api/secrecy/personnel/${NO_SUCH_ID}`) },
  { route: 'POST /api/secrecy/personnel/{id}/leave', expect: BUSINESS(400), req: () => post(`/api/secrecy/personnel/${NO_SUCH_ID}/leave`) },
  { route: 'POST /api/secrecy/trainings', expect: BUSINESS(400), req: () => post('/api/secrecy/trainings') },
  { route: 'GET /api/secrecy/trainings', expect: BUSINESS(200), req: () => get('/api/secrecy/trainings') },
  { route: 'GET /api/secrecy/trainings/people', expect: BUSINESS(200), req: () => get('/api/secrecy/trainings/people') },
  { route: 'GET /api/secrecy/trainings/mine', expect: BUSINESS(200), req: () => get('/api/secrecy/trainings/mine') },
  { route: 'GET /api/secrecy/trainings/export.xlsx', expect: BUSINESS(200), req: () => get('/api/secrecy/trainings/export.xlsx') },
  // The refusal log is the 保密员's alone: the 办公室主任 is refused too.
  { route: 'GET /api/secrecy/refusals', expect: BUSINESS(403), req: () => get('/api/secrecy/refusals') },
  { route: 'GET /api/secrecy/dashboard', expect: BUSINESS(200), req: () => get('/api/secrecy/dashboard') },
  { route: 'GET /api/secrecy/options', expect: BUSINESS(200), req: () => get('/api/secrecy/options') },
  { route: 'GET /api/secrecy/settings', expect: BUSINESS(403), req: () => get('/api/secrecy/settings') },
  { route: 'PUT /api/secrecy/settings', expect: BUSINESS(400), req: () => put('/api/secrecy/settings') },
];

/** Routes outside the matrix, each with the reason. */
const OUTSIDE: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /portal': 'the public portal of published 政务信息, no sign-in (info.portal.test)',
  'GET /portal/items/{id}': 'the public portal of published 政务信息, no sign-in (info.portal.test)',
  'GET /portal/feed.xml': 'the public portal of published 政务信息, no sign-in (info.portal.test)',
  'POST /api/auth/login': 'public',
  'GET /api/auth/password-policy': 'public',
  'POST /api/auth/logout': 'ends the session the table relies on; every account may sign out (auth.test)',
  'GET /api/notifications/stream': 'an event stream that stays open; same guard as GET /api/notifications (notify.stream.test)',
  'GET /api/outgoing/{id}/document.pdf': 'needs LibreOffice; same guard as document.docx (outgoing.pdf.test)',
  'GET /api/incoming/{id}/form.pdf': 'needs LibreOffice; same guard as form.docx (incoming.form.test)',
};

describe.each(testDialects())('三员 matrix on %s', (dialect) => {
  let c: Ctx;

  beforeAll(async () => {
    const t = await createTestApp(dialect);
    await seedDemo(t.deps);
    const db = t.deps.db;
    const one = async (q: Promise<{ id: string } | undefined>, what: string): Promise<string> => {
      const r = await q;
      if (!r) throw new Error(`the demo data has no ${what}`);
      return r.id;
    };
    const s = {} as Record<Who, Session>;
    for (const who of WHO) s[who] = await login(t.app, USERNAMES[who]);
    // 办公室主任 sees every 收文, 督办 item and 发文, so the business column reads real objects; the
    // attachment is hers, on the first 发文 that takes one.
    let outgoingWithFile: { id: string; owner_id: string } | undefined;
    for (const doc of await db.selectFrom('outgoing_docs').select('id').execute()) {
      const mp = multipart([{ name: 'file', filename: '附件.txt', contentType: 'text/plain', data: '会议安排' }]);
      const res = await injectAs(t.app, s.business, { method: 'POST', url: `/api/outgoing/${doc.id}/attachments`, payload: mp.payload, headers: mp.headers });
      if (res.statusCode === 201) {
        outgoingWithFile = { id: json<{ id: string }>(res).id, owner_id: doc.id };
        break;
      }
    }
    if (!outgoingWithFile) throw new Error('no demo 发文 takes an attachment from 办公室主任');
    const reminder = await db.selectFrom('supervision_reminders').select(['id', 'item_id']).executeTakeFirst();
    if (!reminder) throw new Error('the demo data has no 催办');
    const ids: Ids = {
      incoming: await one(db.selectFrom('incoming_docs').select('id').executeTakeFirst(), '收文'),
      supervision: reminder.item_id,
      reminder: reminder.id,
      outgoing: outgoingWithFile.owner_id,
      attachment: outgoingWithFile.id,
      target: await one(db.selectFrom('users').select('id').where('username', '=', 'div2_staff').executeTakeFirst(), 'div2_staff'),
      clerk: await one(db.selectFrom('users').select('id').where('username', '=', 'office_clerk').executeTakeFirst(), 'office_clerk'),
      unit: await one(db.selectFrom('units').select('id').where('name', '=', '综合处').executeTakeFirst(), '综合处'),
    };
    c = { t, ids, s };
  }, 240_000);

  afterAll(async () => {
    await c.t.close();
  });

  it('has a row for every route of the OpenAPI document, and no row for a route that is gone', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await c.t.app.inject(get('/api/docs')));
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const covered = [...ROWS.map((r) => r.route), ...Object.keys(OUTSIDE)].sort();
    expect(covered).toEqual(documented);
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('answers each account as the table says, and records refused administrator actions as denied', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    const notDenied: string[] = [];
    for (const row of ROWS) {
      for (const who of WHO) {
        const before = await deniedCount(c);
        const res = await injectAs(c.t.app, c.s[who], await row.req(c, who));
        seen.push(`${row.route} ${who} → ${res.statusCode}`);
        wanted.push(`${row.route} ${who} → ${row.expect[who]}`);
        if (res.statusCode === 403) {
          expect(json<{ error: { message: string } }>(res).error.message, `${row.route} ${who}`).toMatch(/[\u4e00-\u9fff]/);
          if ((await deniedCount(c)) !== before + 1) notDenied.push(`${row.route} ${who}`);
        }
      }
    }
    expect(seen).toEqual(wanted);
    // Refusals on the consoles and the audit log leave a trace, and so does every administrator refused business data (三员分立).
    const adminRoutes = new Set(ROWS.filter((r) => /^\S+ \/api\/(admin|audit|calendar)\b/.test(r.route)).map((r) => r.route));
    const administrator = / (sysadmin|secadmin|auditor)$/;
    expect(notDenied.filter((r) => adminRoutes.has(r.replace(/ \S+$/, '')) || administrator.test(r))).toEqual([]);
  }, 120_000);
});
