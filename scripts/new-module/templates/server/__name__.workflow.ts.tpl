import { __NAME___STATE_LABELS, __name__FinishSchema } from '../../../shared/__name__.js';
import { workflowFor } from '../../core/workflow/workflow.definition.js';
import { __name__Policy, mayFinish } from './__name__.policy.js';
import { recordFinish, type __Name__Row } from './__name__.repo.js';
import { indexItem } from './__name__.search.js';

const wf = workflowFor<__Name__Row>();

/** __label__: 办理中 → 已办结. Add states and actions here; the routes, history and audit follow. */
export const __name__Workflow = wf.define({
  kind: '__name__',
  label: '__label__',
  table: '__name___items',
  initial: 'draft',
  states: __NAME___STATE_LABELS,
  canSee: __name__Policy.canSee,
  actions: {
    finish: wf.action({
      label: '办结',
      from: ['draft'],
      to: 'done',
      payload: __name__FinishSchema,
      who: mayFinish,
      async effect({ deps, trx, object, payload, at }) {
        await recordFinish(trx, object.id, payload.result, at);
        await indexItem(deps, trx, object.id);
      },
    }),
  },
});
