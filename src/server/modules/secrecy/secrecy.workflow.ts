import { SECRECY_STATE_LABELS, secrecyFinishSchema } from '../../../shared/secrecy.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { secrecyPolicy, mayFinish } from './secrecy.policy.js';
import { recordFinish, type SecrecyRow } from './secrecy.repo.js';
import { indexItem } from './secrecy.search.js';

const wf = workflowFor<SecrecyRow>();

/** 涉密载体: 办理中 → 已办结. Add states and actions here; the routes, history and audit follow. */
export const secrecyWorkflow = wf.define({
  kind: 'secrecy',
  label: '涉密载体',
  table: 'secrecy_items',
  initial: 'draft',
  states: SECRECY_STATE_LABELS,
  canSee: secrecyPolicy.canSee,
  actions: {
    finish: wf.action({
      label: '办结',
      from: ['draft'],
      to: 'done',
      payload: secrecyFinishSchema,
      who: mayFinish,
      async effect({ deps, trx, object, payload, at }) {
        await recordFinish(trx, object.id, payload.result, at);
        await indexItem(deps, trx, object.id);
      },
    }),
  },
});
