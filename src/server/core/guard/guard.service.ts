import type { Kysely } from 'kysely';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { AppError, classifiedRefused } from '../errors.js';
import type { Actor } from '../http/actor.js';
import { auditActor } from '../http/actor.js';
import { queueNotifications } from '../notify/notify.service.js';
import { usersWithRole } from '../org/org.service.js';
import { type Finding, scanFields } from './guard.scan.js';

export type { Finding } from './guard.scan.js';
export { scanFields, scanText } from './guard.scan.js';

/** What was being stored when the guard refused it: for the audit event and the officer's notification. */
export interface GuardContext {
  /** Owner kind, e.g. `incoming`, `outgoing`, or `attachment`. */
  targetType?: string | null;
  targetId?: string | null;
  /** A short Chinese description, e.g. `收文登记` or `附件“通知.docx”`. */
  what?: string;
  /** Extra, non-secret facts for the audit record (a file's SM3, size, format). */
  details?: Record<string, unknown>;
}

/** At most this many findings go into the message, the error details and the audit event. */
const MAX_REPORTED = 10;

/** The Chinese names of fields and document parts that users see in the message. */
function whereLabel(f: Finding, fieldLabels: Readonly<Record<string, string>>): string {
  const label = fieldLabels[f.field] ?? partLabel(f.field);
  return `${label}第${f.line}行`;
}

function partLabel(field: string): string {
  const m = /^(header|footer)(\d*)$/u.exec(field);
  if (m) return `${m[1] === 'header' ? '页眉' : '页脚'}${m[2] ?? ''}`;
  const page = /^page(\d+)(\.annotations)?$/u.exec(field);
  if (page) return `第${page[1]}页${page[2] ? '的批注或表单' : ''}`;
  const fixed: Record<string, string> = {
    document: '正文',
    text: '正文',
    body: '正文',
    title: '标题',
    footnotes: '脚注',
    endnotes: '尾注',
    comments: '批注',
    sharedStrings: '单元格',
    sheetNames: '工作表名称',
    'core.title': '文档属性“标题”',
    'core.subject': '文档属性“主题”',
    'core.keywords': '文档属性“关键词”',
    'core.description': '文档属性“备注”',
    'core.category': '文档属性“类别”',
    'core.contentStatus': '文档属性“状态”',
  };
  if (fixed[field]) return fixed[field];
  const custom = /^(?:custom|info|docInfo|xmp)\.(.+)$/u.exec(field);
  if (custom) return `文档属性“${custom[1]}”`;
  if (/Content$/u.test(field)) return `版面内容（${field}）`;
  if (field.startsWith('customXml/')) return `自定义 XML 元数据（${field}）`;
  return field;
}

/** The refusal message: what was found, where, and where such material must go instead. */
export function refusalMessage(findings: readonly Finding[], fieldLabels: Readonly<Record<string, string>> = {}, what?: string): string {
  const shown = findings.slice(0, 3).map((f) => `“${f.marking}”（${whereLabel(f, fieldLabels)}）`);
  const more = findings.length > 3 ? `等${findings.length}处` : '';
  return (
    `${what ? `${what}中` : ''}发现国家秘密标志${shown.join('、')}${more}。本系统为非涉密系统，不得存储、处理或传递涉密信息` +
    `（涉密信息不上网，上网信息不涉密）。涉密文件请通过机要交通、机要通信等机要渠道线下办理，不要上传或录入本系统；` +
    `如确属误标，请先按规定由定密机关解除或更正标志。此次拦截已记录，并已通知保密员。`
  );
}

/**
 * Who is told about a refusal: every enabled user holding secrecy_officer,
 * through the org module's service (the one place that knows users and roles).
 */
export async function secrecyOfficerIds(db: Kysely<Database>): Promise<string[]> {
  return (await usersWithRole({ db }, 'secrecy_officer')).map((u) => u.id);
}

/**
 * Records a refusal that the request itself will not survive: the caller is
 * about to throw, and whatever transaction it had rolls back, so the audit
 * event and the secrecy officers' notifications get a short transaction of
 * their own (what recordAudit does, with the notifications in the same
 * commit). Audited content is the marking and where it was, never the text
 * around it: the audit log must not become a copy of classified material.
 */
export async function recordRefusal(deps: Deps, actor: AuditActor, findings: readonly Finding[], ctx: GuardContext = {}): Promise<void> {
  const reported = findings.slice(0, MAX_REPORTED).map((f) => ({ marking: f.marking, level: f.level, field: f.field, line: f.line, offset: f.offset }));
  await deps.db.transaction().execute(async (trx) => {
    const officers = await secrecyOfficerIds(trx);
    const who = actor.name ?? '未知用户';
    const title = `密级标志拦截：${who}${ctx.what ? `在${ctx.what}中` : ''}提交的内容含“${findings[0]?.marking ?? ''}”，已拒绝保存`;
    await queueNotifications(
      trx,
      deps.clock,
      officers.map((userId) => ({ userId, title: title.slice(0, 200), link: null, kind: 'guard.classified_refused' })),
      { email: true },
    );
    // Last statement of the transaction: it takes the audit chain's head lock.
    await appendAudit(trx, deps.clock, {
      action: 'guard.classified_refused',
      actor,
      targetType: ctx.targetType ?? null,
      targetId: ctx.targetId ?? null,
      outcome: 'denied',
      details: { what: ctx.what ?? null, findings: reported, findingCount: findings.length, notified: officers.length, ...(ctx.details ?? {}) },
    });
  });
}

export interface GuardTextOptions extends GuardContext {
  /** Chinese names of the fields for the message, e.g. `{ body: '正文', title: '标题' }`. */
  fieldLabels?: Record<string, string>;
}

/**
 * The guard for every text body a module stores. Call it with the texts
 * *before* opening the transaction that writes them: on a hit it records the
 * refusal in its own transaction (on SQLite a second transaction cannot start
 * while one is open) and throws 422 `classified_refused`.
 *
 *   await guardText(deps, actor, { title: body.title, body: body.body }, { targetType: 'outgoing', what: '发文拟稿' });
 */
export async function guardText(
  deps: Deps,
  actor: Actor | AuditActor,
  fields: Readonly<Record<string, string | null | undefined>>,
  opts: GuardTextOptions = {},
): Promise<void> {
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' && v !== '') texts[k] = v;
  const findings = scanFields(texts);
  if (findings.length === 0) return;
  throw await refuse(deps, actor, findings, opts);
}

/** Records the refusal and returns the error to throw (for callers that have findings already, e.g. file uploads). */
export async function refuse(deps: Deps, actor: Actor | AuditActor, findings: readonly Finding[], opts: GuardTextOptions = {}): Promise<AppError> {
  const a: AuditActor = 'sessionId' in actor ? auditActor(actor) : actor;
  await recordRefusal(deps, a, findings, opts);
  return classifiedRefused(refusalMessage(findings, opts.fieldLabels, opts.what), {
    findings: findings.slice(0, MAX_REPORTED).map((f) => ({
      marking: f.marking,
      level: f.level,
      field: f.field,
      where: whereLabel(f, opts.fieldLabels ?? {}),
      line: f.line,
      offset: f.offset,
      excerpt: f.excerpt,
    })),
    channel: '机要交通、机要通信',
  });
}
