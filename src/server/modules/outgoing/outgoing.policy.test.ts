import { describe, expect, it } from 'vitest';
import { OUTGOING_STATES, type OutgoingState } from '../../../shared/outgoing.js';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/http/actor.js';
import { actorTokens } from '../../core/search/search.service.js';
import { outgoingPolicy } from './outgoing.policy.js';

const actor = (id: string, roles: Role[], unitId: string | null): Actor => ({ id, username: id, name: id, unitId, roles, sessionId: 's', ip: '127.0.0.1' });

// Drafted by `drafter` of 综合处 (drafting), co-signed by 监管一处 (cosign).
const doc = (state: OutgoingState, draftingUnitIsOffice = false) => ({
  state,
  drafter_id: 'drafter',
  drafting_unit_id: draftingUnitIsOffice ? 'office' : 'drafting',
  draftingUnitIsOffice,
  cosigns: [{ unit_id: 'cosign' }],
});

const UNTIL_ISSUE: OutgoingState[] = ['draft', 'division_review', 'cosign', 'office_review', 'signoff', 'numbered'];

const cases: { who: string; actor: Actor; sees: boolean; creates: boolean; attachesIn: OutgoingState[]; editsIn: OutgoingState[] }[] = [
  { who: '拟稿人', actor: actor('drafter', ['staff'], 'drafting'), sees: true, creates: true, attachesIn: ['draft'], editsIn: ['draft'] },
  { who: '拟稿处室工作人员', actor: actor('colleague', ['staff'], 'drafting'), sees: true, creates: true, attachesIn: ['draft'], editsIn: ['draft'] },
  {
    who: '拟稿处室负责人',
    actor: actor('head', ['division_head'], 'drafting'),
    sees: true,
    creates: true,
    attachesIn: ['draft'],
    editsIn: ['draft', 'division_review'],
  },
  { who: '会签处室负责人', actor: actor('cosigner', ['division_head'], 'cosign'), sees: true, creates: true, attachesIn: [], editsIn: [] },
  { who: '其他处室工作人员', actor: actor('other', ['staff'], 'other'), sees: false, creates: true, attachesIn: [], editsIn: [] },
  {
    who: '办公室文秘',
    actor: actor('clerk', ['office_clerk'], 'office'),
    sees: true,
    creates: true,
    attachesIn: UNTIL_ISSUE,
    editsIn: ['office_review', 'numbered'],
  },
  {
    who: '办公室主任',
    actor: actor('director', ['office_director'], 'office'),
    sees: true,
    creates: true,
    attachesIn: UNTIL_ISSUE,
    editsIn: ['office_review', 'numbered'],
  },
  { who: '局领导', actor: actor('leader', ['leader'], null), sees: true, creates: false, attachesIn: [], editsIn: [] },
  { who: '无处室的工作人员', actor: actor('nounit', ['staff'], null), sees: false, creates: false, attachesIn: [], editsIn: [] },
];

describe('发文 policy: roles × states → rights', () => {
  describe.each(cases)('$who', ({ actor: a, sees, creates, attachesIn, editsIn }) => {
    it.each(OUTGOING_STATES.map((s) => [s]))('%s', (state) => {
      const o = doc(state);
      expect(outgoingPolicy.canSee(a, o)).toBe(sees);
      expect(outgoingPolicy.rightsOf(a, o)).toEqual({ mayAttach: attachesIn.includes(state), canEdit: editsIn.includes(state) });
    });

    it('may draft exactly when the create route lets them', () => {
      expect(outgoingPolicy.mayCreate(a)).toBe(creates);
      expect(outgoingPolicy.createRefusal(a) === null).toBe(creates);
    });

    it('finds the document in search exactly when it may see it', () => {
      const held = new Set(actorTokens(a));
      expect(outgoingPolicy.searchVisibility(doc('cosign')).some((t) => held.has(t))).toBe(sees);
    });
  });

  it("the office director reviews the office's own drafts as their division head", () => {
    const director = actor('director', ['office_director'], 'office');
    expect(outgoingPolicy.rightsOf(director, doc('division_review', true)).canEdit).toBe(true);
    expect(outgoingPolicy.rightsOf(director, doc('division_review')).canEdit).toBe(false);
  });

  it('says why a draft is refused', () => {
    expect(outgoingPolicy.createRefusal(actor('leader', ['leader'], null))).toBe('只有处室工作人员、处室负责人和办公室人员可以拟稿');
    expect(outgoingPolicy.createRefusal(actor('nounit', ['staff'], null))).toBe('您没有所属处室，不能拟稿');
  });
});
