import { Paragraph } from 'docx';
import {
  CIRCULATION_MODE_LABELS,
  CLASSIFICATION_LABELS,
  INCOMING_KIND_LABELS,
  INCOMING_STATE_LABELS,
  type IncomingFields,
  type IncomingState,
  RETENTION_LABELS,
} from '../../../shared/incoming.js';
import { URGENCY_LABELS } from '../../../shared/urgency.js';
import { bulletinDocx, formTable, line, redRule, redTitle } from '../../core/docx/bulletin.js';
import { docxToPdfOrRefuse } from '../../core/docx/pdf.js';
import type { Deps } from '../../core/deps.js';
import { notFound } from '../../core/errors.js';
import type { Actor } from '../../core/http/actor.js';
import { incomingPolicy } from './incoming.policy.js';
import { loadIncoming } from './incoming.repo.js';
import { presentIncoming } from './incoming.service.js';

/*
 * 收文处理单 (阅办单): the slip filed with the document (DA/T 22: 处理单 is a
 * component of the 件), printed from what the system recorded: 收文号, the
 * 来文's particulars, 拟办意见, each leader's 批示 with name and date, 承办 and
 * 传阅. Same visibility as the document (404 otherwise).
 */

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
/** The signature under an opinion, the way it is written on paper: name and date on their own line. */
const signed = (text: string, by: string, at: string) => `${text}\n　　　　${by}　${day(at)}`;

/** The rows of the slip, in the order of the paper form. */
export type SlipInput = IncomingFields & { state: IncomingState };

export function formRows(f: SlipInput): [string, string][] {
  const rows: [string, string][] = [
    ['收文号', `${f.regNo}　　收文日期：${f.receivedDate}`],
    ['来文单位', f.sourceOrg],
    ['来文字号', `${f.sourceDocNumber || '无'}${f.sourceDate ? `　　成文日期：${f.sourceDate}` : ''}`],
    ['标　　题', f.title],
    [
      '密级缓急',
      `${CLASSIFICATION_LABELS[f.classification]}　·　${URGENCY_LABELS[f.urgency]}　　${INCOMING_KIND_LABELS[f.kind]}　${f.copies} 份${f.pages ? `　${f.pages} 页` : ''}`,
    ],
    ['来文时限', f.deadline ?? '无'],
    ['拟办意见', f.proposal ? signed(f.proposal.opinion, f.registeredBy, f.registeredAt) : ''],
    [
      '领导批示',
      f.instructions.map((i) => signed(i.text, `${i.by}${i.onBehalfOf ? `（${i.onBehalfOf}代）` : ''}`, i.at)).join('\n') ||
        (f.instruction ? signed(f.instruction.text, f.instruction.by, f.instruction.at) : ''),
    ],
  ];
  if (f.leadDivision) {
    rows.push([
      '承　　办',
      [
        `主办：${f.leadDivision.name}${f.assistDivisions.length ? `　协办：${f.assistDivisions.map((d) => d.name).join('、')}` : ''}`,
        f.handlingDeadline ? `办理时限：${f.handlingDeadline}` : null,
        ...f.feedback.map((b) => `${b.unitName} ${b.userName} ${day(b.at)}：${b.content}`),
        f.handledBy ? `承办人：${f.handledBy}` : null,
      ]
        .filter((x): x is string => x !== null)
        .join('\n'),
    ]);
  }
  if (f.circulation) {
    rows.push([
      '传　　阅',
      [
        `${CIRCULATION_MODE_LABELS[f.circulation.mode]}：`,
        ...f.circulation.readers.map((r) => `${r.order}. ${r.name}　${r.readAt ? `${day(r.readAt)} 已阅${r.comment ? `：${r.comment}` : ''}` : '未阅'}`),
      ].join('\n'),
    ]);
  }
  rows.push(['办理结果', f.result ? `${f.result}${f.completedAt ? `\n办结日期：${day(f.completedAt)}` : ''}` : INCOMING_STATE_LABELS[f.state]]);
  if (f.archivalNo) rows.push(['归　　档', `档号：${f.archivalNo}　保管期限：${f.retention ? RETENTION_LABELS[f.retention] : ''}`]);
  if (f.remarks) rows.push(['备　　注', f.remarks]);
  return rows;
}

/** The fields of a document the actor may see (404 otherwise), with its state. */
async function visibleFields(deps: Deps, actor: Actor, id: string): Promise<SlipInput> {
  const o = await loadIncoming(deps.db, id);
  if (!o || !incomingPolicy.canSee(actor, o)) throw notFound('收文不存在');
  return { ...(await presentIncoming(deps, o, { db: deps.db, actor })), state: o.state };
}

export async function formDocx(deps: Deps, actor: Actor, id: string): Promise<{ regNo: string; docx: Buffer }> {
  const f = await visibleFields(deps, actor, id);
  const docx = await bulletinDocx(`收文处理单 ${f.regNo}`, [
    redTitle('收文处理单'),
    redRule(),
    formTable(formRows(f)),
    new Paragraph({ children: [] }),
    line(`打印：${day(deps.clock.now().toISOString())}`, { size: 24 }),
  ]);
  return { regNo: f.regNo, docx };
}

/** The slip as PDF: 503 with a Chinese message when LibreOffice is missing or fails (the .docx is always there). */
export async function formPdf(deps: Deps, actor: Actor, id: string): Promise<{ regNo: string; pdf: Buffer }> {
  const { regNo, docx } = await formDocx(deps, actor, id);
  return { regNo, pdf: await docxToPdfOrRefuse(docx) };
}
