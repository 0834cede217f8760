import type { Actor } from '../../core/http/actor.js';

/**
 * What links to a 督办 item mean: the source (a 收文 at 批办, later a 会议决定事项,
 * a 信息 or a 信访) is followed up as this item. The item is always the target.
 */
export const SUPERVISE = 'supervise';

/** Told to every object linked with an item when the item is closed (销号). */
export interface SupervisionClosed {
  itemId: string;
  /** 督〔2026〕12号 */
  number: string;
  title: string;
  /** The division's 办结 result as the leader approved it. */
  result: string;
  /** The approving leader's 审核意见, if any. */
  comment: string | null;
  closedAt: string;
  /** The leader who approved (and the delegate, when one acted). */
  actor: Actor;
}

declare module '../../core/links/links.events.js' {
  interface LinkEventCatalogue {
    'supervision.closed': SupervisionClosed;
  }
}
