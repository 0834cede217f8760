import { type LinkHook, linkHook } from '../../core/links/links.service.js';
import { recordSupervisionClosure } from './incoming.service.js';

/** What our documents learn from the objects linked with them. */
export const incomingLinkHooks: readonly LinkHook[] = [
  // A 督办 item made at 批办 reports its 销号 back onto the document's timeline.
  linkHook({ on: 'supervision.closed', kind: 'incoming', handle: recordSupervisionClosure }),
];
