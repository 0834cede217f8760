import { PETITION_STATE_LABELS, petitionFinishSchema } from '../../../shared/petition.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { petitionPolicy, mayFinish } from './petition.policy.js';
import { recordFinish, type PetitionRow } from './petition.repo.js';
import { indexItem } from './petition.search.js';

const wf = workflowFor<PetitionRow>();

/** 信访件: 办理中 → 已办结. Add states and actions here; the routes, history and audit follow. */
export const petitionWorkflow = wf.define({
  kind: 'petition',
  label: '信访件',
  table: 'petition_items',
  initial: 'draft',
  states: PETITION_STATE_LABELS,
  canSee: petitionPolicy.canSee,
  actions: {
    finish: wf.action({
      label: '办结',
      from: ['draft'],
      to: 'done',
      payload: petitionFinishSchema,
      who: mayFinish,
      async effect({ deps, trx, object, payload, at }) {
        await recordFinish(trx, object.id, payload.result, at);
        await indexItem(deps, trx, object.id);
      },
    }),
  },
});
