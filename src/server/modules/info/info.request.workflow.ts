import { REQUEST_STATE_LABELS, requestAnswerSchema, requestCancelSchema } from '../../../shared/info.scoring.js';
import { hasRole } from '../../core/http/actor.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { isHeadOf, isOffice, requestPolicy } from './info.policy.js';
import { loadRequest, type RequestRow, updateRequest } from './info.repo.js';
import { indexRequest } from './info.search.js';

const wf = workflowFor<RequestRow>();

/**
 * 约稿: open → answered when a piece naming it first reaches the office
 * (fired by that piece's 审核通过, never from the client), or → cancelled by
 * the office director.
 */
export const requestWorkflow = wf.define({
  kind: 'info_request',
  label: '约稿',
  table: 'info_requests',
  initial: 'open',
  states: REQUEST_STATE_LABELS,
  canSee: requestPolicy.canSee,
  load: (trx, id) => loadRequest(trx, id),
  actions: {
    answer: wf.action({
      label: '报送稿件',
      from: ['open'],
      to: 'answered',
      payload: requestAnswerSchema,
      // The division head's 审核通过 of the answering piece fires it; the office may too.
      who: (actor, r) => isHeadOf(actor, r.unit_id) || isOffice(actor),
      comment: () => '处室稿件已报办公室',
      async effect({ deps, trx, object, payload, at }) {
        await updateRequest(trx, object.id, { answered_at: at, answered_item_id: payload.itemId });
        await indexRequest(deps, trx, object.id);
      },
    }),
    cancel: wf.action({
      label: '取消约稿',
      from: ['open'],
      to: 'cancelled',
      payload: requestCancelSchema,
      who: (actor) => hasRole(actor, 'office_director'),
      async effect({ deps, trx, object }) {
        await indexRequest(deps, trx, object.id);
      },
    }),
  },
});
