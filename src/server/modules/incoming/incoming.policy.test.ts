import { describe, expect, it } from 'vitest';
import { INCOMING_STATES, type IncomingState } from '../../../shared/incoming.js';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/http/actor.js';
import { actorTokens } from '../../core/search/search.service.js';
import { incomingPolicy } from './incoming.policy.js';

const actor = (id: string, roles: Role[], unitId: string | null): Actor => ({ id, username: id, name: id, unitId, roles, sessionId: 's', ip: '127.0.0.1' });

// 综合处 leads, 监管一处 assists, 监管二处 takes no part; the reader was sent the document to read.
const doc = (state: IncomingState) => ({
  state,
  units: [
    { unit_id: 'lead', role: 'lead' as const },
    { unit_id: 'assist', role: 'assist' as const },
  ],
  readers: [{ doc_id: 'd', user_id: 'reader', user_name: 'reader', position: 1, read_at: null, comment: null }],
});

const OPEN: IncomingState[] = ['registered', 'proposed', 'handling', 'circulating', 'completed'];

const cases: { who: string; actor: Actor; sees: boolean; creates: boolean; attachesIn: IncomingState[] }[] = [
  { who: '办公室文秘', actor: actor('clerk', ['office_clerk'], 'office'), sees: true, creates: true, attachesIn: OPEN },
  { who: '办公室主任', actor: actor('director', ['office_director'], 'office'), sees: true, creates: false, attachesIn: OPEN },
  { who: '局领导', actor: actor('leader', ['leader'], null), sees: true, creates: false, attachesIn: [] },
  { who: '主办处室负责人', actor: actor('head', ['division_head'], 'lead'), sees: true, creates: false, attachesIn: ['handling'] },
  { who: '协办处室工作人员', actor: actor('staff', ['staff'], 'assist'), sees: true, creates: false, attachesIn: ['handling'] },
  { who: '其他处室负责人', actor: actor('other', ['division_head'], 'other'), sees: false, creates: false, attachesIn: [] },
  { who: '传阅人', actor: actor('reader', ['staff'], 'other'), sees: true, creates: false, attachesIn: [] },
  { who: '保密员', actor: actor('secrecy', ['secrecy_officer'], 'office2'), sees: false, creates: false, attachesIn: [] },
];

describe('收文 policy: roles × states → rights', () => {
  describe.each(cases)('$who', ({ actor: a, sees, creates, attachesIn }) => {
    it.each(INCOMING_STATES.map((s) => [s]))('%s', (state) => {
      const o = doc(state);
      expect(incomingPolicy.canSee(a, o)).toBe(sees);
      expect(incomingPolicy.rightsOf(a, o)).toEqual({ mayAttach: attachesIn.includes(state) });
    });

    it('may create exactly when the create route lets them, with the reason otherwise', () => {
      expect(incomingPolicy.mayCreate(a)).toBe(creates);
      expect(incomingPolicy.createRefusal(a) === null).toBe(creates);
    });

    it('finds the document in search exactly when it may see it', () => {
      const held = new Set(actorTokens(a));
      expect(incomingPolicy.searchVisibility(doc('handling')).some((t) => held.has(t))).toBe(sees);
    });
  });
});
