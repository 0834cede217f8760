import { z } from 'zod';
import { singleLine } from '../../../shared/text.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { isOfficer } from './petition.officer.js';
import { seesAll } from './petition.policy.js';
import { petitionSettings } from './petition.repo.js';

/* 信访设置: the 上一级机关 the 答复意见书 names for 复查 (default 财政部). An extension of the contract (docs/api-extensions.md). */

export const petitionSettingsSchema = z.object({ superiorOrg: z.string(), orgName: z.string(), version: z.number().int() });
export type PetitionSettings = z.infer<typeof petitionSettingsSchema>;
export const settingsUpdateSchema = z.strictObject({
  superiorOrg: singleLine(100, '上一级机关').min(1, { error: '请填写上一级机关' }),
  orgName: singleLine(100, '本机关名称').min(1, { error: '请填写本机关名称' }),
  version: z.number({ error: '请提供读取时的版本号' }).int().min(0),
});

export async function getSettings(deps: Deps, actor: Actor): Promise<PetitionSettings> {
  if (!seesAll(actor)) throw forbidden('您没有查看信访设置的权限');
  const row = await petitionSettings.load(deps.db);
  return { superiorOrg: row.superior_org, orgName: row.org_name, version: row.version };
}

export async function saveSettings(deps: Deps, actor: Actor, body: z.infer<typeof settingsUpdateSchema>): Promise<PetitionSettings> {
  if (!isOfficer(actor)) throw forbidden('只有信访工作人员可以修改信访设置');
  return deps.db.transaction().execute(async (trx) => {
    const { before, after } = await petitionSettings.save(
      trx,
      body.version,
      { superior_org: body.superiorOrg, org_name: body.orgName },
      deps.clock.now().toISOString(),
    );
    await appendAudit(trx, deps.clock, {
      action: 'petition.settings_update',
      actor: auditActor(actor),
      targetType: 'petition_settings',
      targetId: '1',
      details: { before: { superiorOrg: before.superior_org, orgName: before.org_name }, after: { superiorOrg: after.superior_org, orgName: after.org_name } },
    });
    return { superiorOrg: after.superior_org, orgName: after.org_name, version: after.version };
  });
}
