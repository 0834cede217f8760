import type { SecrecySettings, SecrecySettingsUpdate } from '../../../shared/secrecy.people.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { singleRowSettings } from '../../core/settings/settings.store.js';
import type { Kysely } from 'kysely';
import { isOfficer } from './secrecy.policy.js';
import type { SecrecySettingsTable } from './secrecy.tables.js';

/** 保密设置 (issue 18): loan days, review lead days, 脱密期 months by category, default 整改 workdays. */
const store = singleRowSettings<Database, 'secrecy_settings'>('secrecy_settings', {
  loan_days: 30,
  review_lead_days: 30,
  separation_core: 36,
  separation_important: 24,
  separation_general: 12,
  rectify_workdays: 20,
});

export type SettingsRow = SecrecySettingsTable;

export const loadSettings = (db: Executor): Promise<SettingsRow> => store.load(db as Kysely<Database>);

const present = (r: SettingsRow): SecrecySettings => ({
  loanDays: r.loan_days,
  reviewLeadDays: r.review_lead_days,
  separationCore: r.separation_core,
  separationImportant: r.separation_important,
  separationGeneral: r.separation_general,
  rectifyWorkdays: r.rectify_workdays,
  version: Number(r.version),
});

export async function getSettings(deps: Deps, actor: Actor): Promise<SecrecySettings> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以查看保密设置');
  return present(await loadSettings(deps.db));
}

export async function updateSettings(deps: Deps, actor: Actor, body: SecrecySettingsUpdate): Promise<SecrecySettings> {
  if (!isOfficer(actor)) throw forbidden('只有保密员可以修改保密设置');
  return deps.db.transaction().execute(async (trx) => {
    const { before, after } = await store.save(
      trx,
      body.version,
      {
        loan_days: body.loanDays,
        review_lead_days: body.reviewLeadDays,
        separation_core: body.separationCore,
        separation_important: body.separationImportant,
        separation_general: body.separationGeneral,
        rectify_workdays: body.rectifyWorkdays,
      },
      deps.clock.now().toISOString(),
    );
    await appendAudit(trx, deps.clock, {
      action: 'secrecy.settings',
      actor: auditActor(actor),
      targetType: 'secrecy',
      details: { before: present(before), after: present(after) },
    });
    return present(after);
  });
}
