import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.js';
import { SUPERVISION_STATES, type SupervisionState } from '../../../shared/supervision.js';
import type { Actor } from '../../core/http/actor.js';
import { actorTokens } from '../../core/search/search.service.js';
import { supervisionPolicy } from './supervision.policy.js';

const actor = (id: string, roles: Role[], unitId: string | null): Actor => ({ id, username: id, name: id, unitId, roles, sessionId: 's', ip: '127.0.0.1' });

const item = (state: SupervisionState) => ({
  state,
  units: [
    { unit_id: 'lead', role: 'lead' as const },
    { unit_id: 'assist', role: 'assist' as const },
  ],
});

const WORKING: SupervisionState[] = ['open', 'in_progress', 'closure_requested'];

// The office may add material to a suspended (暂缓) item; the divisions may not.
const cases: { who: string; actor: Actor; sees: boolean; creates: boolean; attachesIn: SupervisionState[] }[] = [
  { who: '办公室文秘', actor: actor('clerk', ['office_clerk'], 'office'), sees: true, creates: true, attachesIn: [...WORKING, 'suspended'] },
  { who: '办公室主任', actor: actor('director', ['office_director'], 'office'), sees: true, creates: true, attachesIn: [...WORKING, 'suspended'] },
  { who: '局领导', actor: actor('leader', ['leader'], null), sees: true, creates: true, attachesIn: [] },
  { who: '主办处室负责人', actor: actor('head', ['division_head'], 'lead'), sees: true, creates: false, attachesIn: WORKING },
  { who: '主办处室工作人员', actor: actor('staff', ['staff'], 'lead'), sees: true, creates: false, attachesIn: WORKING },
  { who: '协办处室工作人员', actor: actor('assist', ['staff'], 'assist'), sees: true, creates: false, attachesIn: WORKING },
  { who: '其他处室负责人', actor: actor('other', ['division_head'], 'other'), sees: false, creates: false, attachesIn: [] },
  { who: '主办处室的保密员', actor: actor('secrecy', ['secrecy_officer'], 'lead'), sees: false, creates: false, attachesIn: [] },
];

describe('督办 policy: roles × states → rights', () => {
  describe.each(cases)('$who', ({ actor: a, sees, creates, attachesIn }) => {
    it.each(SUPERVISION_STATES.map((s) => [s]))('%s', (state) => {
      const o = item(state);
      expect(supervisionPolicy.canSee(a, o)).toBe(sees);
      expect(supervisionPolicy.rightsOf(a, o)).toEqual({ mayAttach: attachesIn.includes(state) });
    });

    it('may create (立项) exactly when the create route lets them', () => {
      expect(supervisionPolicy.mayCreate(a)).toBe(creates);
      expect(supervisionPolicy.createRefusal(a) === null).toBe(creates);
    });

    it('finds the item in search exactly when it may see it', () => {
      const held = new Set(actorTokens(a));
      expect(supervisionPolicy.searchVisibility(item('in_progress')).some((t) => held.has(t))).toBe(sees);
    });
  });
});
