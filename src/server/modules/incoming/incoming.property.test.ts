import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { INCOMING_STATES, OPEN_STATES } from '../../../shared/incoming.js';
import { verifyAuditChain } from '../../core/audit/audit.service.js';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../../core/http/actor.js';
import { availableActions, fireTransition, loadHistory } from '../../core/workflow/workflow.engine.js';
import { getAccountByUsername, listDivisions } from '../org/org.service.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { loadIncoming } from './incoming.repo.js';
import { registerInTransaction } from './incoming.service.js';
import { canSeeIncoming, incomingWorkflow } from './incoming.workflow.js';

const USERNAMES = ['office_clerk', 'office_director', 'leader1', 'leader2', 'div1_head', 'div1_staff', 'div2_head', 'div2_staff', 'secrecy_officer'] as const;

/**
 * Random action sequences (mostly among the actions offered, some stale,
 * forbidden or invalid) keep the module's invariants: a refused step changes
 * nothing, version = history length, an offered action never answers 403,
 * what a person may act on they may also see, closed documents offer nothing
 * but nothing is lost, and registration numbers stay gapless.
 */
describe.each(testDialects().slice(0, 1))('收文 invariants under random action sequences on %s', (dialect) => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  let divisions: string[] = [];
  let leaders: string[] = [];
  let readers: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    for (const u of USERNAMES) {
      const a = await getAccountByUsername(t.deps, u);
      if (a) actors.set(u, { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 's', ip: '10.0.0.1', onBehalfOf: null });
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

  it('keeps every invariant', async () => {
    const step = fc.record({ user: fc.constantFrom(...USERNAMES), guided: fc.boolean(), stale: fc.boolean(), pick: fc.nat(100), action: fc.constantFrom(...Object.keys(incomingWorkflow.actions)) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const clerk = actors.get('office_clerk');
        if (!clerk) throw new Error('no clerk');
        const created = await t.deps.db.transaction().execute((trx) =>
          registerInTransaction(t.deps, clerk, { sourceOrg: '财政部', sourceDocNumber: '', title: '随机流转测试', docType: '通知', classification: 'none', urgency: 'urgent', kind: 'handle', copies: 1, receivedDate: '2026-11-25' }, trx),
        );
        for (const s of steps) {
          const before = await loadIncoming(t.deps.db, created.id);
          if (!before) throw new Error('document lost');
          // Offer the guided step one of this person's available actions when there is one.
          let user = s.user;
          let action = s.action;
          if (s.guided) {
            const offers = USERNAMES.flatMap((u) => availableActions(incomingWorkflow, actors.get(u) as Actor, before, t.clock.now()).map((a) => [u, a] as const));
            const offer = offers[s.pick % Math.max(1, offers.length)];
            if (offer) [user, action] = offer;
          }
          const actor = actors.get(user) as Actor;
          const offered: string[] = availableActions(incomingWorkflow, actor, before, t.clock.now());
          const version = s.stale ? before.version + 1 : before.version;
          try {
            await fireTransition(t.deps, incomingWorkflow, { id: created.id, action, version, payload: payloadFor(action, s.pick), actor });
            expect(offered).toContain(action);
            expect(s.stale).toBe(false);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            const after = await loadIncoming(t.deps.db, created.id);
            expect(after?.version).toBe(before.version);
            expect(after?.state).toBe(before.state);
            if (offered.includes(action) && !s.stale) expect(err.status).not.toBe(403);
          }
          const now = await loadIncoming(t.deps.db, created.id);
          if (!now) throw new Error('document lost');
          expect(INCOMING_STATES).toContain(now.state);
          expect((await loadHistory(t.deps.db, 'incoming', now.id)).length).toBe(now.version);
          for (const u of USERNAMES) {
            const a = actors.get(u) as Actor;
            const acts = availableActions(incomingWorkflow, a, now, t.clock.now());
            if (acts.length > 0) expect(canSeeIncoming(a, now)).toBe(true);
            if (['returned', 'archived', 'voided'].includes(now.state)) expect(acts).toEqual([]);
          }
          if (OPEN_STATES.includes(now.state) || now.state === 'completed') {
            const anyone = USERNAMES.some((u) => availableActions(incomingWorkflow, actors.get(u) as Actor, now, t.clock.now()).length > 0);
            expect(anyone).toBe(true);
          }
        }
      }),
      { numRuns: 25 },
    );
    const seqs = (await t.db.kysely.selectFrom('incoming_docs').select('reg_seq').orderBy('reg_seq').execute()).map((r) => Number(r.reg_seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });
});
