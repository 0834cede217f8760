import { INFO_STATE_LABELS, infoFinishSchema } from '../../../shared/info.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { infoPolicy, mayFinish } from './info.policy.js';
import { recordFinish, type InfoRow } from './info.repo.js';
import { indexItem } from './info.search.js';

const wf = workflowFor<InfoRow>();

/** 政务信息: 办理中 → 已办结. Add states and actions here; the routes, history and audit follow. */
export const infoWorkflow = wf.define({
  kind: 'info',
  label: '政务信息',
  table: 'info_items',
  initial: 'draft',
  states: INFO_STATE_LABELS,
  canSee: infoPolicy.canSee,
  actions: {
    finish: wf.action({
      label: '办结',
      from: ['draft'],
      to: 'done',
      payload: infoFinishSchema,
      who: mayFinish,
      async effect({ deps, trx, object, payload, at }) {
        await recordFinish(trx, object.id, payload.result, at);
        await indexItem(deps, trx, object.id);
      },
    }),
  },
});
