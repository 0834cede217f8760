import type { CheckContext } from './context.js';
import { isInternalDivision, isSubordinate, isSuperior } from './org-context.js';
import { splitLines } from './text-utils.js';

/** 程序关: 行文规则 (条例第十五、十六条) and the approval chain before sign-off. */
export function checkProcedure(c: CheckContext): void {
  const { docType } = c.input;
  if (docType === '请示') checkRequest(c);
  if (docType === '报告') checkReport(c);
  if (c.direction === 'up') checkUpward(c);
  if (!c.docTypeUnknown) checkDirectionFit(c);
  checkChain(c);
}

/**
 * A request sentence: 请批示, 妥否，请批示, 请予批准 … but not 报请批准 or
 * 申请批准 (someone else's request being described) nor 请示 (the noun).
 */
const REQUEST = /(?:(?:妥否|当否|可否)[，,]?\s*)?(?<![报提申呈转送])请(?:予以?)?(?:批示|指示|批准|审批|批复|核准|审示|核示|示复|审定|研究批复)/g;
const FORWARD_REQUEST = /(?<![报提申呈转送])请(?:予)?批转/g;

function checkRequest(c: CheckContext): void {
  const n = c.input.mainRecipients.length;
  if (n !== 1) {
    c.add('P01', 'mainRecipients', n === 0 ? '请示须主送一个上级机关' : `请示只能主送一个上级机关（现有 ${n} 个），其他机关可抄送`, {
      suggestion: '保留负责审批的上级机关为主送，其余移入抄送',
    });
  }
  const lines = splitLines(c.input.body);
  const asking = lines.filter((l) => new RegExp(REQUEST.source).test(l.text));
  if (asking.length > 1) {
    const second = asking[1];
    c.add('P02', 'body', `请示应一文一事：正文有 ${asking.length} 处请求批准的用语，可能包含多个事项`, {
      ...(second ? { range: { start: second.start, end: second.start + second.text.length } } : {}),
      suggestion: '不同事项分别行文请示',
    });
  }
  const contactInBody = /联系人[：:\s]*[\u4e00-\u9fff]{2,4}/.test(c.input.body) && /(\d{3,4}[-－—]?)?\d{7,8}|1[3-9]\d{9}/.test(c.input.body);
  if (!c.input.contact && !contactInBody) {
    c.add('P03', 'contact', '请示应注明联系人姓名和电话（排在附注处）', { suggestion: '填写联系人和联系电话' });
  }
}

function checkReport(c: CheckContext): void {
  const body = c.input.body;
  for (const m of body.matchAll(REQUEST)) {
    c.add('P04', 'body', `报告中不得夹带请示事项（“${m[0]}”）`, {
      range: { start: m.index, end: m.index + m[0].length },
      suggestion: '需要上级批准的事项另行请示；报告以“特此报告”结束',
    });
  }
  for (const m of body.matchAll(FORWARD_REQUEST)) {
    c.add('P04', 'body', `报告中出现请求用语“${m[0]}”：呈转性报告请确认确需上级批转`, {
      severity: 'warning',
      range: { start: m.index, end: m.index + m[0].length },
    });
  }
}

function checkUpward(c: CheckContext): void {
  c.input.copyTo.forEach((name, index) => {
    if (isSubordinate(c.org, name)) {
      const what = isInternalDivision(c.org, name) ? '本局内设处室' : '下级机关';
      c.add('P05', 'copyTo', `上行文不抄送${what}（“${name}”）`, { index, suggestion: '需要内部知悉的可另行传阅' });
    }
  });
  if (c.input.docType !== '请示' && c.input.mainRecipients.length > 1) {
    c.add('P06', 'mainRecipients', '上行文原则上只主送一个上级机关，其他上级机关可抄送');
  }
}

/** Down-going 文种 addressed to a superior, or up-going ones to a subordinate: probably the wrong 文种. */
const DOWN_TYPES = ['批复', '通知', '通报', '决定', '命令'];
function checkDirectionFit(c: CheckContext): void {
  c.input.mainRecipients.forEach((name, index) => {
    if (DOWN_TYPES.includes(c.input.docType) && isSuperior(c.org, name)) {
      c.add('P06', 'mainRecipients', `${c.input.docType}是下行文，不宜主送上级机关“${name}”`, { index, suggestion: '向上级汇报用报告，请求批准用请示' });
    }
    if (c.direction === 'up' && isSubordinate(c.org, name)) {
      c.add('P06', 'mainRecipients', `${c.input.docType}是上行文，不宜主送“${name}”`, { index });
    }
  });
}

function checkChain(c: CheckContext): void {
  const p = c.input.procedure;
  if (!p) return;
  if (!p.divisionReviewed) c.add('P07', 'procedure', '尚未经处室负责人核稿，不能签发');
  if (!p.officeReviewed) c.add('P07', 'procedure', '尚未经办公室核稿，不能签发');
  for (const d of p.cosignsPending) c.add('P07', 'procedure', `会签单位“${d}”尚未会签，不能签发`);
}
