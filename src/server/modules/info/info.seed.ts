import type { Urgency } from '../../../shared/urgency.js';
import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import { getAccountByUsername } from '../../core/org/org.service.js';
import { fireTransition } from '../../core/workflow/workflow.engine.js';
import { hasAnyItem } from './info.repo.js';
import { createInTransaction } from './info.service.js';
import { infoWorkflow } from './info.workflow.js';

/*
 * Demo 政务信息 for `zhongshu seed-demo`: a few items of the demo bureau's
 * units, open and done, made through the service and the workflow (history,
 * search index and audit all real). Replace them with a realistic year once
 * the module does real work; keep it quick (one transaction per item).
 */

interface Sample {
  username: string;
  title: string;
  content: string;
  urgency: Urgency;
  /** 办结 with this result. */
  result?: string;
}

const SAMPLES: readonly Sample[] = [
  { username: 'div1_staff', title: '第一季度重点工作安排', content: '梳理本处室第一季度重点工作，明确责任人和完成时限。', urgency: 'normal' },
  {
    username: 'div1_head',
    title: '专项检查前期准备',
    content: '收集检查所需资料，拟定检查方案。',
    urgency: 'urgent',
    result: '检查方案已报局领导审定。',
  },
  { username: 'div2_staff', title: '年度资料整理归档', content: '整理本年度形成的工作资料，按要求移交档案室。', urgency: 'normal' },
  { username: 'office_clerk', title: '办公室统筹事项', content: '汇总各处室报送情况，形成综合材料。', urgency: 'extra_urgent' },
];

async function demoActor(deps: Deps, username: string): Promise<Actor | undefined> {
  const a = await getAccountByUsername(deps, username);
  return a
    ? { id: a.id, username: a.username, name: a.name, unitId: a.unitId, roles: a.roles, sessionId: 'seed-demo', ip: '127.0.0.1', onBehalfOf: null }
    : undefined;
}

/** Idempotent: a database with any 政务信息 is left alone. */
export async function seedDemoInfo(deps: Deps): Promise<void> {
  if (await hasAnyItem(deps.db)) return;
  for (const s of SAMPLES) {
    const actor = await demoActor(deps, s.username);
    if (!actor) continue;
    await deps.db.transaction().execute(async (trx) => {
      const o = await createInTransaction(deps, actor, trx, { title: s.title, content: s.content, urgency: s.urgency });
      if (s.result) {
        await fireTransition(deps, infoWorkflow, { id: o.id, action: 'finish', version: o.version, payload: { result: s.result }, actor }, { trx });
      }
    });
  }
}
