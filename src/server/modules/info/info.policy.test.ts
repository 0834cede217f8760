import { describe, expect, it } from 'vitest';
import { INFO_STATES, type InfoState } from '../../../shared/info.js';
import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/http/actor.js';
import { actorTokens } from '../../core/search/search.service.js';
import { infoPolicy, requestPolicy } from './info.policy.js';
import type { InfoObject } from './info.repo.js';

const actor = (id: string, roles: Role[], unitId: string | null): Actor => ({ id, username: id, name: id, unitId, roles, sessionId: 's', ip: '127.0.0.1' });

const item = (state: InfoState, over: Partial<InfoObject> = {}): InfoObject => ({
  id: 'i',
  state,
  version: 1,
  updated_at: '',
  title: 't',
  info_type: 'news',
  body: 'b',
  summary: null,
  urgent: 0,
  writers: '[]',
  revision: 2,
  request_id: null,
  unit_id: 'div1',
  drafter_id: 'staff',
  drafter_name: 'staff',
  created_at: '',
  serial_no: null,
  recipients: null,
  reported_date: null,
  pub_state: 'unpublished',
  published_at: null,
  withdrawn_at: null,
  withdraw_reason: null,
  review: null,
  ...over,
});

const DIVISION_ONLY: InfoState[] = ['draft', 'division_review', 'voided'];
const ALL = [...INFO_STATES];
const PAST_DIVISION = ALL.filter((s) => !DIVISION_ONLY.includes(s));

// Who sees a piece in which states, who may write one, and who edits in which state.
const cases: { who: string; actor: Actor; seesIn: InfoState[]; creates: boolean; editsIn: InfoState[]; seesRequest: boolean }[] = [
  { who: '拟稿人', actor: actor('staff', ['staff'], 'div1'), seesIn: ALL, creates: true, editsIn: ['draft'], seesRequest: true },
  { who: '本处室负责人', actor: actor('head', ['division_head'], 'div1'), seesIn: ALL, creates: true, editsIn: ['division_review'], seesRequest: true },
  { who: '本处室其他科员', actor: actor('staff2', ['staff'], 'div1'), seesIn: ALL, creates: true, editsIn: [], seesRequest: true },
  { who: '其他处室负责人', actor: actor('head2', ['division_head'], 'div2'), seesIn: [], creates: true, editsIn: [], seesRequest: false },
  {
    who: '信息编辑（文秘）',
    actor: actor('clerk', ['office_clerk'], 'office'),
    seesIn: PAST_DIVISION,
    creates: false,
    editsIn: ['office_review'],
    seesRequest: true,
  },
  { who: '办公室主任', actor: actor('director', ['office_director'], 'office'), seesIn: PAST_DIVISION, creates: false, editsIn: [], seesRequest: true },
  { who: '局领导', actor: actor('leader', ['leader'], null), seesIn: PAST_DIVISION, creates: false, editsIn: [], seesRequest: true },
  { who: '保密员', actor: actor('secrecy', ['secrecy_officer'], 'office'), seesIn: PAST_DIVISION, creates: false, editsIn: [], seesRequest: false },
];

describe('信息报送 policy: roles × states → rights', () => {
  describe.each(cases)('$who', ({ actor: a, seesIn, creates, editsIn, seesRequest }) => {
    it.each(ALL.map((s) => [s]))('%s', (state) => {
      const o = item(state);
      expect(infoPolicy.canSee(a, o)).toBe(seesIn.includes(state));
      expect(infoPolicy.rightsOf(a, o)).toMatchObject({ canEdit: editsIn.includes(state), mayAttach: editsIn.includes(state) });
      // Search finds exactly what the page would open.
      const held = new Set(actorTokens(a));
      expect(infoPolicy.searchVisibility(o).some((t) => held.has(t))).toBe(seesIn.includes(state));
    });

    it('may write a piece exactly when the create route lets them', () => {
      expect(infoPolicy.mayCreate(a)).toBe(creates);
      expect(infoPolicy.createRefusal(a) === null).toBe(creates);
    });

    it('sees a 约稿 to division 1 exactly when it is theirs or they are the office or a leader', () => {
      const r = { unit_id: 'div1' } as Parameters<typeof requestPolicy.canSee>[1];
      expect(requestPolicy.canSee(a, r)).toBe(seesRequest);
      const held = new Set(actorTokens(a));
      expect(requestPolicy.searchVisibility(r).some((t) => held.has(t))).toBe(seesRequest);
    });
  });

  it('offers 门户发布 to the director only with a current, cleared, publishable review, and 撤稿 only while published', () => {
    const director = actor('director', ['office_director'], 'office');
    const secrecy = actor('secrecy', ['secrecy_officer'], 'office');
    const review = {
      id: 'r',
      item_id: 'i',
      revision: 2,
      conclusion: 'cleared' as const,
      publishable: 1,
      opinion: 'ok',
      reviewer_id: 'x',
      reviewer_name: 'x',
      at: '',
    };
    expect(infoPolicy.rightsOf(director, item('approved', { review })).mayPublish).toBe(true);
    expect(infoPolicy.rightsOf(director, item('approved', { review: { ...review, revision: 1 } })).mayPublish).toBe(false);
    expect(infoPolicy.rightsOf(director, item('approved', { review: { ...review, publishable: 0 } })).mayPublish).toBe(false);
    expect(infoPolicy.rightsOf(director, item('approved', { review, pub_state: 'published' })).mayPublish).toBe(false);
    expect(infoPolicy.rightsOf(director, item('office_review', { review })).mayPublish).toBe(false);
    expect(infoPolicy.rightsOf(secrecy, item('adopted', { review, pub_state: 'published' })).mayUnpublish).toBe(true);
    expect(infoPolicy.rightsOf(secrecy, item('adopted', { review, pub_state: 'withdrawn' })).mayUnpublish).toBe(false);
  });
});
