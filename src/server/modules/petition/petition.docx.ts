import { Paragraph } from 'docx';
import { METHOD_LABELS, REJECT_REASON_LABELS } from '../../../shared/petition.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import { bulletinDocx, line } from '../../core/docx/bulletin.js';
import { FONT, SIZE, printedDate } from '../../core/docx/primitives.js';
import type { Deps } from '../../core/deps.js';
import { forbidden, invalidTransition, notFound } from '../../core/errors.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { mayReadPersonalData, petitionPolicy } from './petition.policy.js';
import { loadItem, type PetitionRow, petitionSettings } from './petition.repo.js';
import { vaultOf } from './petition.service.js';

/*
 * The documents the petitioner receives: the 答复意见书 (复查/复核意见书 for
 * follow-ons) with the remedy sentence of 信访工作条例, and the 受理 / 不予受理 /
 * 转送 告知书. They carry the full name, so only the officer and the leaders
 * print them, and each print is an audited personal-data read.
 */

const title = (s: string): Paragraph => line(s, { font: FONT.xiaobiaosong, size: SIZE.er, center: true });

async function load(deps: Deps, actor: Actor, id: string, doc: 'reply' | 'notice') {
  return deps.db.transaction().execute(async (trx) => {
    const o = await loadItem(trx, id);
    if (!o || !petitionPolicy.canSee(actor, o)) throw notFound('该信访件不存在或您无权查看');
    if (!mayReadPersonalData(actor)) throw forbidden('只有信访工作人员和局领导可以打印意见书、告知书');
    const rights = petitionPolicy.rightsOf(actor, o);
    if (doc === 'reply' && !rights.mayDownloadReply) throw invalidTransition('答复意见提交审定后才能生成答复意见书');
    if (doc === 'notice' && !rights.mayDownloadNotice) throw invalidTransition('告知后才能生成告知书');
    const vault = await vaultOf(deps, trx);
    const name = vault.decrypt(o.name_enc);
    const settings = await petitionSettings.load(trx);
    await appendAudit(trx, deps.clock, {
      action: 'petition.personal_data_read',
      actor: auditActor(actor),
      targetType: 'petition',
      targetId: o.id,
      details: { number: o.number, fields: ['name'], document: doc },
    });
    return { o, name, settings };
  });
}

const DOC_TITLES = { initial: '信访事项答复意见书', review: '信访事项复查意见书', recheck: '信访事项复核意见书' } as const;

function remedy(o: PetitionRow, superiorOrg: string): string {
  if (o.type === 'initial') return `如对本答复意见不服，可自收到本意见书之日起30日内向上一级机关（${superiorOrg}）请求复查。`;
  if (o.type === 'review') return `如对本复查意见不服，可自收到本意见书之日起30日内向上一级机关（${superiorOrg}）请求复核。`;
  return '本复核意见为信访事项的最终处理意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，信访工作机构不再受理。';
}

export async function replyDocx(deps: Deps, actor: Actor, id: string): Promise<{ name: string; body: Buffer }> {
  const { o, name, settings } = await load(deps, actor, id, 'reply');
  const docTitle = DOC_TITLES[o.type];
  const date = o.reply_date ?? deps.clock.now().toISOString().slice(0, 10);
  const body = await bulletinDocx(docTitle, [
    title(docTitle),
    line(o.number, { center: true }),
    line(''),
    line(`${name}：`),
    line(`你于${printedDate(o.received_date)}反映的“${o.subject}”问题，本机关已依法受理并进行了调查核实。现答复如下：`, { indent: true }),
    ...(o.reply_text ?? '（答复意见待定）').split('\n').map((l) => line(l, { indent: true })),
    line(remedy(o, settings.superior_org), { indent: true }),
    line(''),
    line(settings.org_name, { center: false }),
    line(printedDate(date)),
  ]);
  return { name: `${docTitle}-${o.number}.docx`, body };
}

export async function noticeDocx(deps: Deps, actor: Actor, id: string): Promise<{ name: string; body: Buffer }> {
  const { o, name, settings } = await load(deps, actor, id, 'notice');
  const received = printedDate(o.received_date);
  let docTitle: string;
  let paras: string[];
  if (o.to_org) {
    docTitle = '信访事项转送告知书';
    paras = [`你于${received}反映的“${o.subject}”问题，不属于本机关职权范围。根据《信访工作条例》有关规定，已转送${o.to_org}处理，请与其联系。`];
  } else if (o.reject_reason_type) {
    docTitle = '信访事项不予受理告知书';
    paras = [
      `你于${received}反映的“${o.subject}”问题，经审查，${REJECT_REASON_LABELS[o.reject_reason_type]}，根据《信访工作条例》有关规定，本机关不予受理。`,
      ...(o.decision_reason ? [`理由：${o.decision_reason}`] : []),
      ...(o.other_authority ? [`请向${o.other_authority}提出。`] : []),
    ];
  } else {
    docTitle = '信访事项受理告知书';
    paras = [
      `你于${received}反映的“${o.subject}”问题，属于本机关职权范围，根据《信访工作条例》有关规定，本机关已于${printedDate(o.accepted_date ?? o.notice_date ?? o.received_date)}受理，将在受理之日起60日内办结并书面答复。`,
    ];
  }
  const body = await bulletinDocx(docTitle, [
    title(docTitle),
    line(o.number, { center: true }),
    line(''),
    line(`${name}：`),
    ...paras.map((p) => line(p, { indent: true })),
    line(`告知方式：${o.notice_method ? METHOD_LABELS[o.notice_method] : ''}`, { indent: true }),
    line(''),
    line(settings.org_name),
    line(printedDate(o.notice_date ?? o.received_date)),
  ]);
  return { name: `${docTitle}-${o.number}.docx`, body };
}
