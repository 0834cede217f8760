import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { testDialects } from '../../../../test/support/databases.js';
import { INCOMING_STATES, OPEN_STATES } from '../../../shared/incoming.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import type { Actor } from '../../core/http/actor.js';
import { availableActions, loadHistory } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../../core/org/org.service.js';
import { seedDemoOrg } from '../../core/org/org.seed.js';
import { incomingPolicy } from './incoming.policy.js';
import { loadIncoming } from './incoming.repo.js';
import { registerInTransaction } from './incoming.service.js';
import { incomingWorkflow } from './incoming.workflow.js';

const USERNAMES = ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff', 'secrecy_officer'] as const;

/**
 * Random action sequences, sent through the HTTP API with Idempotency-Keys
 * (mostly among the actions offered, some stale, forbidden or out of state,
 * some replayed) keep the module's invariants: each request gets exactly the
 * answer the rules predict (404 not_found when the person cannot see the
 * document, 403 forbidden when it is not theirs to fire, 409 version_conflict
 * for a stale version, 409 invalid_transition in the wrong state); a refused
 * step changes nothing and a replay changes nothing; version = history
 * length; the list's SQL visibility agrees with the policy's `canSee` for every
 * person after every step; whoever may act may see; closed documents offer
 * nothing but an open one always offers someone something; registration
 * numbers stay gapless.
 */
describe.each(testDialects())('收文 invariants under random action sequences on %s', (dialect) => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const sessions = new Map<string, Session>();
  let divisions: string[] = [];
  let leaders: string[] = [];
  let readers: string[] = [];
  let keyNo = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERNAMES) {
      const a = await getAccountByUsername(t.deps, u);
      if (a)
        actors.set(u, { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 's', ip: '10.0.0.1', onBehalfOf: null });
      sessions.set(u, await login(t.app, u));
    }
    divisions = (await listDivisions(t.deps)).filter((d) => d.name !== '综合处').map((d) => d.id);
    leaders = ['leader1', 'leader2'].map((u) => actors.get(u)?.id ?? '');
    readers = ['div1_staff', 'div2_head'].map((u) => actors.get(u)?.id ?? '');
  });
  afterAll(async () => {
    await t?.close();
  });

  const payloadFor = (action: string, pick: number): Record<string, unknown> => {
    const lead = divisions[pick % divisions.length] ?? '';
    switch (action) {
      case 'return':
      case 'void':
      case 'refuse_extension':
        return { reason: '理由' };
      case 'propose':
        return { opinion: '拟办', leaderIds: [leaders[pick % 2]], ...(pick % 3 === 0 ? {} : { leadDivisionId: lead }) };
      case 'instruct':
        return pick % 2 === 0
          ? { instruction: '批示', leadDivisionId: lead, deadlineWorkdays: 1 + (pick % 5) }
          : { instruction: '传阅', circulate: readers, circulationMode: pick % 4 === 1 ? 'sequential' : 'parallel' };
      case 'feedback':
        return { content: '反馈' };
      case 'request_extension':
        return { reason: '延期', deadlineWorkdays: 2 };
      case 'complete':
        return { result: '办结' };
      case 'archive':
        return { retention: (['permanent', '30y', '10y'] as const)[pick % 3] };
      default:
        return {};
    }
  };

  const sqlSees = async (actor: Actor, id: string): Promise<boolean> =>
    (await t.db.kysely.selectFrom('incoming_docs as d').select('d.id').where(incomingPolicy.listFilter(actor)).where('d.id', '=', id).executeTakeFirst()) !==
    undefined;

  it('keeps every invariant, request by request', async () => {
    const step = fc.record({
      user: fc.constantFrom(...USERNAMES),
      guided: fc.boolean(),
      stale: fc.boolean(),
      replay: fc.boolean(),
      pick: fc.nat(100),
      action: fc.constantFrom(...(Object.keys(incomingWorkflow.actions) as (keyof typeof incomingWorkflow.actions)[])),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const clerk = actors.get('office_clerk');
        if (!clerk) throw new Error('no clerk');
        const created = await t.deps.db.transaction().execute((trx) =>
          registerInTransaction(
            t.deps,
            clerk,
            {
              sourceOrg: '财政部',
              sourceDocNumber: '',
              title: '随机流转测试',
              docType: '通知',
              classification: 'none',
              urgency: 'urgent',
              kind: 'handle',
              copies: 1,
              receivedDate: '2026-11-25',
            },
            trx,
          ),
        );
        for (const s of steps) {
          const before = await loadIncoming(t.deps.db, created.id);
          if (!before) throw new Error('document lost');
          const now = t.clock.now();
          // Offer the guided step one of the available actions when there is one.
          let user: (typeof USERNAMES)[number] = s.user;
          let action = s.action;
          if (s.guided) {
            const offers = USERNAMES.flatMap((u) => availableActions(incomingWorkflow, actors.get(u) as Actor, before, now).map((a) => [u, a] as const));
            const offer = offers[s.pick % Math.max(1, offers.length)];
            if (offer) [user, action] = offer as [(typeof USERNAMES)[number], typeof action];
          }
          const actor = actors.get(user) as Actor;
          const def = incomingWorkflow.actions[action];
          // The engine's order of checks: visibility, who, version, state.
          const expected = !incomingPolicy.canSee(actor, before)
            ? [404, 'not_found']
            : !def.who(actor, before, { action, now })
              ? [403, 'forbidden']
              : s.stale
                ? [409, 'version_conflict']
                : !(def.from as readonly string[]).includes(before.state)
                  ? [409, 'invalid_transition']
                  : [200, null];
          const request = {
            method: 'POST' as const,
            url: `/api/incoming/${created.id}/transitions`,
            payload: { action, version: s.stale ? before.version + 1 : before.version, ...payloadFor(action, s.pick) },
            headers: { 'idempotency-key': `prop-${dialect}-${++keyNo}` },
          };
          const session = sessions.get(user) as Session;
          const res = await injectAs(t.app, session, request);
          const code = res.statusCode === 200 ? null : (JSON.parse(res.body) as { error: { code: string } }).error.code;
          // An offered action may still be refused by its effect's own checks (400/422), never otherwise.
          if (expected[0] === 200 && res.statusCode !== 200) expect([400, 422], res.body).toContain(res.statusCode);
          else expect([res.statusCode, code], res.body).toEqual(expected);
          const after = await loadIncoming(t.deps.db, created.id);
          if (!after) throw new Error('document lost');
          if (res.statusCode !== 200) {
            expect(after.version).toBe(before.version);
            expect(after.state).toBe(before.state);
          } else {
            expect(after.version).toBe(before.version + 1);
            if (s.replay) {
              // The same request again (a retry after a lost answer): the stored answer, nothing new.
              const again = await injectAs(t.app, session, request);
              expect(again.statusCode).toBe(200);
              expect(again.headers['idempotent-replayed']).toBe('true');
              expect(JSON.parse(again.body)).toEqual(JSON.parse(res.body));
              const same = await loadIncoming(t.deps.db, created.id);
              expect(same?.version).toBe(after.version);
            }
          }
          expect(INCOMING_STATES).toContain(after.state);
          expect((await loadHistory(t.deps.db, 'incoming', after.id)).length).toBe(after.version);
          for (const u of USERNAMES) {
            const a = actors.get(u) as Actor;
            const sees = incomingPolicy.canSee(a, after);
            expect(await sqlSees(a, after.id), `${u} in ${after.state}`).toBe(sees);
            const acts = availableActions(incomingWorkflow, a, after, now);
            if (acts.length > 0) expect(sees).toBe(true);
            if (['returned', 'archived', 'voided'].includes(after.state)) expect(acts).toEqual([]);
          }
          if (OPEN_STATES.includes(after.state) || after.state === 'completed') {
            const anyone = USERNAMES.some((u) => availableActions(incomingWorkflow, actors.get(u) as Actor, after, now).length > 0);
            expect(anyone).toBe(true);
          }
        }
      }),
      { numRuns: 25 },
    );
    const seqs = (await t.db.kysely.selectFrom('incoming_docs').select('reg_seq').orderBy('reg_seq').execute()).map((r) => Number(r.reg_seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  }, 300_000);
});
