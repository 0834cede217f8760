import {
  type Campaign,
  type CampaignCreate,
  type CampaignList,
  type CampaignStats,
  type SheetFields,
  type SheetList,
  type SheetState,
} from '../../../shared/secrecy.inspection.js';
import { TEMPLATES } from '../../../shared/secrecy.templates.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Executor } from '../../core/db/executor.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, notFound, validation } from '../../core/errors.js';
import { guardText } from '../../core/guard/guard.service.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import type { Idempotency } from '../../core/idempotency/idempotency.request.js';
import type { IdempotentOutcome } from '../../core/idempotency/idempotency.service.js';
import { uuidv7 } from '../../core/ids.js';
import { getUsersByIds, listUnits } from '../../core/org/org.service.js';
import { createWithWorkflow } from '../../core/workflow/workflow.engine.js';
import {
  answersOf,
  type CampaignRow,
  campaignItems,
  insertCampaign,
  insertSheet,
  listCampaignRows,
  listSheetRows,
  loadCampaign,
  rectificationsOf,
  type RectificationRow,
  sheetsOfCampaign,
  sheetsOfCampaigns,
  type SheetRow,
} from './secrecy.inspection.repo.js';
import { compareCodes, inspectionWorkflow } from './secrecy.inspection.workflow.js';
import { todayOf } from './secrecy.personnel.js';
import { readsAll, sheetPolicy } from './secrecy.policy.js';
import { listPersonnelRows } from './secrecy.repo.js';
import { indexSheet } from './secrecy.search.js';
import { loadSettings } from './secrecy.settings.js';

/* 保密自查's service: templates, campaigns with their statistics, the sheets' view and list. */

export function templates() {
  return { items: Object.values(TEMPLATES) };
}

function requireReader(actor: Actor) {
  if (!readsAll(actor)) throw forbidden('只有保密员、办公室主任和局领导可以查看保密自查活动');
}

/** `POST /api/secrecy/campaigns` (保密员): the campaign, its copied items and one sheet per unit or person. */
export async function createCampaign(deps: Deps, actor: Actor, body: CampaignCreate, idem: Idempotency): Promise<IdempotentOutcome<unknown>> {
  const refusal = sheetPolicy.createRefusal(actor);
  if (refusal) throw forbidden(refusal);
  if (body.dueDate < todayOf(deps)) throw validation('截止日期不能早于今天', { field: 'dueDate' });
  await guardText(deps, actor, { title: body.title }, { targetType: 'inspection', what: '保密自查活动', fieldLabels: { title: '标题' } });
  const units = (await listUnits(deps)).filter((u) => u.kind === 'office' || u.kind === 'division');
  const chosen = body.unitIds ? [...new Set(body.unitIds)] : units.map((u) => u.id);
  for (const id of chosen) if (!units.some((u) => u.id === id)) throw validation('所选处室不存在或不参加保密自查', { field: 'unitIds', unitId: id });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const template = TEMPLATES[body.template];
  const settings = await loadSettings(deps.db);
  const rectifyWorkdays = body.rectifyWorkdays ?? settings.rectify_workdays;

  let targets: { unitId: string; unitName: string; respondentId: string | null; respondentName: string | null }[];
  if (body.template === 'division') {
    targets = chosen.map((id) => ({ unitId: id, unitName: unitName.get(id) ?? '', respondentId: null, respondentName: null }));
  } else {
    const people = (await listPersonnelRows(deps.db, { status: 'active' }, todayOf(deps))).filter((p) => p.user_id && chosen.includes(p.unit_id));
    const accounts = new Map(
      (
        await getUsersByIds(
          deps,
          people.map((p) => p.user_id ?? ''),
        )
      )
        .filter((u) => !u.disabled)
        .map((u) => [u.id, u]),
    );
    targets = people
      .filter((p) => p.user_id && accounts.has(p.user_id))
      .map((p) => ({
        unitId: p.unit_id,
        unitName: unitName.get(p.unit_id) ?? '',
        respondentId: p.user_id,
        respondentName: accounts.get(p.user_id ?? '')?.name ?? p.name,
      }));
  }
  if (targets.length === 0)
    throw validation(body.template === 'division' ? '没有可下发的处室' : '所选处室没有有账号的在岗涉密人员，无法下发个人自查表', { field: 'unitIds' });

  return idem.transaction(deps, actor, async (trx, save) => {
    const at = deps.clock.now().toISOString();
    const id = uuidv7();
    let sort = 0;
    await insertCampaign(
      trx,
      {
        id,
        title: body.title,
        template: body.template,
        due_date: body.dueDate,
        rectify_workdays: rectifyWorkdays,
        status: 'open',
        created_by: actor.id,
        created_by_name: actor.name,
        created_at: at,
        completed_at: null,
      },
      template.sections.flatMap((s) =>
        s.items.map((i) => ({ campaign_id: id, code: i.code, section_code: s.code, section_name: s.name, text: i.text, sort: sort++ })),
      ),
    );
    for (const t of targets) {
      await createWithWorkflow(
        deps,
        inspectionWorkflow,
        {
          actor,
          payload: { campaignId: id },
          async insert(tx, base) {
            await insertSheet(tx, {
              ...base,
              campaign_id: id,
              template: body.template,
              unit_id: t.unitId,
              unit_name: t.unitName,
              respondent_id: t.respondentId,
              respondent_name: t.respondentName,
              due_date: body.dueDate,
            });
            await indexSheet(deps, tx, base.id);
          },
        },
        { trx },
      );
    }
    const view = await campaignView(deps, trx, (await loadCampaign(trx, id)) as CampaignRow);
    await save(201, view);
    await appendAudit(trx, deps.clock, {
      action: 'secrecy.campaign_create',
      actor: auditActor(actor),
      targetType: 'secrecy_campaign',
      targetId: id,
      details: { ...body, sheets: targets.length },
    });
    return { status: 201, body: view };
  });
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((100 * n) / of));

/** A campaign's figures: submission and closure, answers, rectifications, by unit and by 方面. */
export async function campaignStats(deps: Deps, db: Executor, c: CampaignRow, sheets?: SheetRow[]): Promise<CampaignStats> {
  const all = sheets ?? (await sheetsOfCampaign(db, c.id));
  const ids = all.map((s) => s.id);
  const [items, answers, rects] = await Promise.all([campaignItems(db, c.id), answersOf(db, ids), rectificationsOf(db, ids)]);
  const today = todayOf(deps);
  const sectionOf = new Map(items.map((i) => [i.code, i.section_code]));
  const bySection = new Map<string, { code: string; name: string; compliant: number; noncompliant: number; notApplicable: number }>();
  for (const i of items)
    if (!bySection.has(i.section_code))
      bySection.set(i.section_code, { code: i.section_code, name: i.section_name, compliant: 0, noncompliant: 0, notApplicable: 0 });
  const answerCount = { compliant: 0, noncompliant: 0, notApplicable: 0, unanswered: 0 };
  for (const a of answers) {
    const sec = bySection.get(sectionOf.get(a.item_code) ?? '');
    const k = a.result === 'not_applicable' ? 'notApplicable' : a.result;
    answerCount[k]++;
    if (sec) sec[k]++;
  }
  answerCount.unanswered = all.length * items.length - answers.length;
  const submitted = all.filter((s) => s.state !== 'pending').length;
  const closed = all.filter((s) => s.state === 'closed').length;
  const r = {
    total: rects.length,
    open: rects.filter((x) => x.state === 'open').length,
    reported: rects.filter((x) => x.state === 'reported').length,
    verified: rects.filter((x) => x.state === 'verified').length,
    overdue: rects.filter((x) => rectOverdue(x, today)).length,
  };
  return {
    sheets: all.length,
    submitted,
    closed,
    submissionRate: pct(submitted, all.length),
    closureRate: pct(closed, all.length),
    answers: answerCount,
    rectifications: r,
    rectificationRate: r.total === 0 ? null : pct(r.verified, r.total),
    byUnit: all.map((s) => ({
      sheetId: s.id,
      unitName: s.unit_name,
      respondentName: s.respondent_name,
      state: s.state,
      answered: answers.filter((a) => a.sheet_id === s.id).length,
      noncompliant: answers.filter((a) => a.sheet_id === s.id && a.result === 'noncompliant').length,
      rectifications: rects.filter((x) => x.sheet_id === s.id).length,
      verified: rects.filter((x) => x.sheet_id === s.id && x.state === 'verified').length,
    })),
    bySection: [...bySection.values()],
  };
}

export const rectOverdue = (r: Pick<RectificationRow, 'state' | 'deadline'>, today: string) => r.state === 'open' && r.deadline < today;

async function campaignView(deps: Deps, db: Executor, c: CampaignRow): Promise<Campaign> {
  const sheets = await sheetsOfCampaign(db, c.id);
  return {
    ...campaignHead(c),
    sheets: sheets.map((s) => ({
      id: s.id,
      unitId: s.unit_id,
      unitName: s.unit_name,
      respondentId: s.respondent_id,
      respondentName: s.respondent_name,
      state: s.state,
    })),
    stats: await campaignStats(deps, db, c, sheets),
  };
}

const campaignHead = (c: CampaignRow) => ({
  id: c.id,
  title: c.title,
  template: c.template,
  templateName: TEMPLATES[c.template].name,
  dueDate: c.due_date,
  rectifyWorkdays: c.rectify_workdays,
  status: c.status,
  createdAt: c.created_at,
  createdBy: c.created_by_name,
});

export async function listCampaigns(deps: Deps, actor: Actor, q: { status?: CampaignRow['status'] }): Promise<CampaignList> {
  requireReader(actor);
  const rows = await listCampaignRows(deps.db, q.status);
  const sheets = await sheetsOfCampaigns(
    deps.db,
    rows.map((r) => r.id),
  );
  const items = [];
  for (const c of rows)
    items.push({
      ...campaignHead(c),
      stats: await campaignStats(
        deps,
        deps.db,
        c,
        sheets.filter((s) => s.campaign_id === c.id),
      ),
    });
  return { items, total: items.length, rights: { mayCreate: sheetPolicy.mayCreate(actor) } };
}

export async function getCampaign(deps: Deps, actor: Actor, id: string): Promise<Campaign> {
  requireReader(actor);
  const c = await loadCampaign(deps.db, id);
  if (!c) throw notFound('该保密自查活动不存在');
  return campaignView(deps, deps.db, c);
}

/** The sheet's fields of the GET view. */
export async function presentSheet(deps: Deps, o: SheetRow, ctx: { db: Executor; actor: Actor }): Promise<SheetFields> {
  const [c, items, answers, rects] = await Promise.all([
    loadCampaign(ctx.db, o.campaign_id),
    campaignItems(ctx.db, o.campaign_id),
    answersOf(ctx.db, [o.id]),
    rectificationsOf(ctx.db, [o.id]),
  ]);
  const byCode = new Map(answers.map((a) => [a.item_code, a]));
  const sections: SheetFields['sections'] = [];
  for (const i of items) {
    let s = sections.find((x) => x.code === i.section_code);
    if (!s) sections.push((s = { code: i.section_code, name: i.section_name, items: [] }));
    const a = byCode.get(i.code);
    s.items.push({ code: i.code, text: i.text, result: a?.result ?? null, note: a?.note ?? null });
  }
  const today = todayOf(deps);
  return {
    campaignId: o.campaign_id,
    campaignTitle: c?.title ?? '',
    title: `${c?.title ?? '保密自查'}（${o.respondent_name ?? o.unit_name}）`,
    template: o.template,
    unitId: o.unit_id,
    unitName: o.unit_name,
    respondent: o.respondent_id ? { id: o.respondent_id, name: o.respondent_name ?? '' } : null,
    dueDate: o.due_date,
    sections,
    progress: { answered: answers.length, total: items.length },
    rectifications: [...rects]
      .sort((a, b) => compareCodes(a.item_code, b.item_code))
      .map((r) => ({
        id: r.id,
        itemCode: r.item_code,
        problem: r.problem,
        deadline: r.deadline,
        state: r.state,
        measure: r.measure,
        comment: r.comment,
        overdue: rectOverdue(r, today),
      })),
    rights: sheetPolicy.rightsOf(),
  };
}

/** `GET /api/inspection`: the sheets the actor may see. */
export async function listSheets(deps: Deps, actor: Actor, f: { campaignId?: string; state?: SheetState }): Promise<SheetList> {
  const rows = await listSheetRows(deps.db, sheetPolicy.listFilter(actor), f);
  const ids = rows.map((r) => r.id);
  const [answers, rects] = await Promise.all([answersOf(deps.db, ids), rectificationsOf(deps.db, ids)]);
  const titles = new Map(
    (await Promise.all([...new Set(rows.map((r) => r.campaign_id))].map((id) => loadCampaign(deps.db, id)))).filter((c) => c).map((c) => [c?.id ?? '', c]),
  );
  const items = [];
  for (const r of rows) {
    const c = titles.get(r.campaign_id);
    items.push({
      id: r.id,
      campaignId: r.campaign_id,
      title: `${c?.title ?? '保密自查'}（${r.respondent_name ?? r.unit_name}）`,
      unitName: r.unit_name,
      respondentName: r.respondent_name,
      dueDate: r.due_date,
      state: r.state,
      answered: answers.filter((a) => a.sheet_id === r.id).length,
      total: c ? TEMPLATES[c.template].itemCount : 0,
      openRectifications: rects.filter((x) => x.sheet_id === r.id && x.state !== 'verified').length,
    });
  }
  return { items, total: items.length };
}
