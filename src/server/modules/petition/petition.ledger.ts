import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  PETITION_STATE_LABELS,
  PETITION_TYPE_LABELS,
  type PetitionFilter,
  SOURCE_LABELS,
  TOPIC_LABELS,
  WARNING_LABELS,
} from '../../../shared/petition.js';
import { appendAudit } from '../../core/audit/audit.service.js';
import type { Deps } from '../../core/deps.js';
import { type Actor, auditActor } from '../../core/http/actor.js';
import { ledgerWorkbook } from '../../core/ledger/export.js';
import { beijingToday } from './petition.deadlines.js';
import { ledgerRows, toListItems } from './petition.service.js';

/* 信访台账 (.xlsx): the ledger's rows under its filters, the petitioner masked as everywhere else. */

const COLUMNS = [
  '编号',
  '类型',
  '信访形式',
  '来源',
  '类别',
  '事项类别',
  '事由',
  '收到日期',
  '信访人',
  '身份证号',
  '联系电话',
  '承办处室',
  '状态',
  '告知期限',
  '办理期限',
  '答复日期',
  '剩余天数',
  '预警',
  '重复信访',
] as const;
const WIDE: Record<string, number> = { 事由: 36, 身份证号: 22, 编号: 16, 承办处室: 12 };
const EXPORT_CAP = 20_000;

export async function exportLedger(deps: Deps, actor: Actor, f: PetitionFilter): Promise<{ name: string; body: Buffer }> {
  const rows = await ledgerRows(deps, actor, f, EXPORT_CAP);
  const items = await toListItems(deps, deps.db, rows);
  const { sheet, toBuffer } = ledgerWorkbook('信访台账', COLUMNS, (c) => WIDE[c] ?? 11);
  for (const i of items) {
    sheet.addRow({
      编号: i.number,
      类型: PETITION_TYPE_LABELS[i.type],
      信访形式: CHANNEL_LABELS[i.channel],
      来源: SOURCE_LABELS[i.source],
      类别: CATEGORY_LABELS[i.category],
      事项类别: TOPIC_LABELS[i.topic],
      事由: i.subject,
      收到日期: i.receivedDate,
      信访人: i.petitioner.name ?? '',
      身份证号: i.petitioner.idNumber ?? '',
      联系电话: i.petitioner.phone ?? '',
      承办处室: i.division?.name ?? '',
      状态: PETITION_STATE_LABELS[i.state],
      告知期限: i.noticeDeadline,
      办理期限: i.handlingDeadline ?? '',
      答复日期: i.replyDate ?? '',
      剩余天数: i.daysLeft ?? '',
      预警: i.warning ? WARNING_LABELS[i.warning] : '',
      重复信访: i.repeat ? '是' : '',
    });
  }
  const body = await toBuffer();
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      action: 'petition.export',
      actor: auditActor(actor),
      targetType: 'petition',
      targetId: null,
      details: { filters: f, rows: items.length },
    }),
  );
  return { name: `信访台账-${beijingToday(deps)}.xlsx`, body };
}
