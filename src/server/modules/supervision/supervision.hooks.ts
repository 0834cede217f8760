import type { Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';

/** What the 收文 module learns when an item made from one of its documents is closed (销号). */
export interface IncomingClosure {
  incomingId: string;
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

export type IncomingClosureListener = (deps: Deps, trx: Transaction<Database>, closure: IncomingClosure) => Promise<void>;

let listener: IncomingClosureListener | null = null;

/**
 * The 收文 module registers here (from its `register`) to write the result
 * back onto the document's timeline. It runs inside the 销号 transaction, so
 * the write-back and the closure commit or fail together. 督办 does not read
 * 收文's tables; 收文 does not read ours.
 */
export function onIncomingItemClosed(fn: IncomingClosureListener | null): void {
  listener = fn;
}

export async function notifyIncomingClosed(deps: Deps, trx: Transaction<Database>, closure: IncomingClosure): Promise<boolean> {
  if (!listener) return false;
  await listener(deps, trx, closure);
  return true;
}
