import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { outgoingCheckInputSchema, outgoingDraftSchema } from '../../src/shared/outgoing.js';
import { checkOutgoing } from '../../src/server/modules/outgoing/checker/index.js';
import { splitLines } from '../../src/server/modules/outgoing/checker/text-utils.js';
import { gongwenFromDraft } from '../../src/server/modules/outgoing/layout/from-draft.js';
import { renderGongwenDocx } from '../../src/server/modules/outgoing/layout/gongwen-docx.js';
import { type BenchResult, compareFigures } from '../lib/result.js';
import { timeLoop } from '../lib/stats.js';

/**
 * A three-page 请示 (the long notice fixture's first 14 paragraphs, as the
 * layout's own test uses) rendered as GB/T 9704 .docx, against the same
 * library packing the same paragraphs with no layout (the floor under the
 * layout); and the checker (形式关, 文字关, 程序关) on it, against one plain pass
 * over its lines with a regular expression (reading the text once).
 * Target (issue 8): .docx < 15 ms, checker < 2 ms.
 */
export async function benchDocx(opts: { durationMs: number }): Promise<BenchResult[]> {
  const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/outgoing/long-notice.json'), 'utf8')) as { body: string };
  const body = fixture.body.split('\n').slice(0, 14).join('\n');
  const draft = outgoingDraftSchema.parse({
    docType: '请示',
    title: '财政部某某监管局关于进一步规范公文处理工作有关事项的请示',
    mainRecipients: ['财政部'],
    copyTo: ['财政部办公厅', '财政部监督评价局'],
    body,
    attachments: [{ title: '公文处理工作流程图' }, { title: '公文格式要素对照表' }],
    classification: 'none',
    urgency: 'urgent',
    disclosure: 'not_public',
    cosignDivisionIds: [],
    contact: { name: '张三', phone: '010-12345678' },
  });
  const { doc, up } = gongwenFromDraft(draft, {
    orgName: '财政部某某监管局',
    docNumber: '财监〔2026〕12号',
    signDate: '2026年11月26日',
    issuers: ['王某某'],
    printer: { org: '财政部某某监管局办公室', date: '2026年11月26日' },
  });
  const ms = opts.durationMs;
  const docxOurs = await timeLoop(() => renderGongwenDocx(doc, { up }), { ms, warm: 10 });
  const paragraphs = [draft.title, ...body.split('\n')];
  const docxBare = await timeLoop(() => Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] })), { ms, warm: 10 });
  const input = outgoingCheckInputSchema.parse({ ...draft, docNumber: '财监〔2026〕12号', signDate: '2026年11月26日', issuer: '王某某', direction: 'up' });
  const checkOurs = await timeLoop(() => checkOutgoing(input), { ms, warm: 20 });
  const checkBare = await timeLoop(
    () => {
      let n = 0;
      for (const l of splitLines(input.body)) if (/[，。；：]{2}|[（(]\s*[)）]/u.test(l.text)) n++;
      return n;
    },
    { ms, warm: 20 },
  );
  console.log(
    `  .docx ${docxOurs.medianMs} ms wall, ${docxOurs.cpuMsPerOp} ms CPU (floor ${docxBare.medianMs} ms); checker ${checkOurs.medianMs} ms (one regex pass ${checkBare.medianMs} ms)`,
  );
  return [
    {
      name: 'GB/T 9704 .docx, three pages',
      group: 'documents',
      ours: { ...docxOurs, chars: body.length },
      bare: docxBare,
      ...compareFigures(docxOurs, docxBare),
      target: '< 15 ms (CPU)',
      // Pure JavaScript in this process: judged on CPU time per document, the wall clock is printed beside it.
      pass: docxOurs.cpuMsPerOp < 15,
      notes: [
        `CPU ${docxOurs.cpuMsPerOp} ms per document (bare ${docxBare.cpuMsPerOp} ms)`,
        'bare: the docx library packing the same paragraphs without layout',
      ],
    },
    {
      name: '发文检查器 on the same document',
      group: 'documents',
      ours: checkOurs,
      bare: checkBare,
      ...compareFigures(checkOurs, checkBare),
      target: '< 2 ms (CPU)',
      pass: checkOurs.cpuMsPerOp < 2,
      notes: [`CPU ${checkOurs.cpuMsPerOp} ms per check`, 'bare: one regular expression over every line'],
    },
  ];
}
