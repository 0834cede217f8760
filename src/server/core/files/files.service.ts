import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Attachment, AttachmentListItem } from '../../../shared/files.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import type { Deps } from '../deps.js';
import { AppError, forbidden, notFound, validation } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { uuidv7 } from '../ids.js';
import { refuse, scanFields } from '../guard/guard.service.js';
import { ATTACHMENT_KIND, documentVisibility, indexDocument, removeDocument, visibility } from '../search/search.service.js';
import { detectFile, type DetectedFile } from './files.detect.js';
import { extractText } from './files.extract.js';
import { attachmentOwner, type AttachmentOwner } from './files.owners.js';
import { blobPath, commitBlob, discardTemp, receiveToTemp } from './files.store.js';

export const unsupportedType = (message: string) => new AppError(415, 'unsupported_type', message);
export const payloadTooLarge = (message: string) => new AppError(413, 'payload_too_large', message);

const ALLOWED_LABEL = 'PDF、OFD、DOCX、DOC、XLSX、XLS、WPS、JPEG、PNG、TXT';

/** Attachment text kept for search: enough for any 公文 and its annexes, bounded for the index and snippets. */
export const ATTACHMENT_SEARCH_CHARS = 200_000;

/**
 * Readers of an attachment whose owner has no search document (a kind that
 * is not indexed, or not yet): only the office and leaders, who may see
 * every business object. Indexing the owner later replaces these with the
 * owner's own readers (search's indexDocument syncs its attachments).
 */
const UNINDEXED_OWNER_READERS = [visibility.role('office_clerk'), visibility.role('office_director'), visibility.role('leader')];

const formatMb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** Extensions a stored name may end in, by detected format: the first is the one given when the name has another. */
const NAME_EXTENSIONS: Record<DetectedFile['format'], readonly string[]> = {
  pdf: ['pdf'],
  ofd: ['ofd'],
  docx: ['docx'],
  doc: ['doc'],
  xlsx: ['xlsx'],
  xls: ['xls'],
  wps: ['wps'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  txt: ['txt'],
};

/**
 * The name an attachment is stored and served under: the last path component,
 * without control, bidi-override and invisible characters (`报告\u202Etxt.exe`
 * reads as `报告exe.txt`), and with the extension of the type its bytes were
 * detected as, so a PDF/HTML polyglot named `.html` downloads as `.pdf`.
 */
export function cleanFileName(raw: string | undefined, format: DetectedFile['format']): string {
  const base = (raw ?? '').replace(/\\/gu, '/').split('/').pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, '')
    .trim()
    .replace(/^\.+/u, '');
  const allowed = NAME_EXTENSIONS[format];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const stem = dot > 0 && /^[a-z0-9]{1,5}$/u.test(ext) ? name.slice(0, dot) : name;
  const keep = allowed.includes(ext) ? ext : (allowed[0] ?? format);
  name = `${stem.trim() === '' ? '附件' : stem.trim()}.${keep}`;
  if (name.length > 200) name = `${name.slice(0, 199 - keep.length)}.${keep}`;
  return name;
}

async function ownerFor(deps: Deps, actor: Actor, kind: string, ownerId: string): Promise<AttachmentOwner> {
  const owner = attachmentOwner(kind);
  // Unknown kinds and invisible objects answer the same, so existence is not disclosed.
  if (!owner || !(await owner.canSee(deps, actor, ownerId))) throw notFound();
  return owner;
}

/** Where an upload comes from: the route hands over the multipart part lazily, after the permission checks. */
export interface IncomingFile {
  filename: string | undefined;
  stream: Readable;
  /** True when the stream was cut at the size limit. */
  truncated(): boolean;
  /** Reads what follows the file in the body, once its bytes are in: refuses a second file rather than keeping the first silently. */
  rest?(): Promise<void>;
}

/**
 * Adds an attachment to any module's object. Order matters: permission first
 * (before a byte is stored), then the bytes to a temp file, then type by
 * content, then the classification guard on the text, and only then the
 * blob's rename and the row. Any refusal removes the temp file.
 */
export async function uploadAttachment(
  deps: Deps,
  actor: Actor,
  target: { kind: string; ownerId: string },
  receive: () => Promise<IncomingFile | null>,
): Promise<Attachment> {
  const owner = await ownerFor(deps, actor, target.kind, target.ownerId);
  if (!(await owner.canAttach(deps, actor, target.ownerId))) throw forbidden('您不能为此对象添加附件');

  const incoming = await receive();
  if (!incoming) throw validation('请选择要上传的文件（表单字段 file）');
  const temp = await receiveToTemp(deps.config.dataDir, incoming.stream);
  let stored = false;
  try {
    await incoming.rest?.();
    if (incoming.truncated()) throw payloadTooLarge(`文件超过上传上限 ${formatMb(deps.config.uploadLimit)}，请压缩或拆分后再上传`);
    if (temp.size === 0) throw validation('上传的文件是空的');
    const data = await readFile(temp.path);
    const detected = await detectFile(data, incoming.filename ?? '');
    if (!detected) throw unsupportedType(`不支持此文件类型。系统按文件内容识别类型，只接受 ${ALLOWED_LABEL} 文件`);
    const name = cleanFileName(incoming.filename, detected.format);
    const extracted = await extractText(data, detected);
    const findings = scanFields(extracted.parts);
    if (findings.length > 0) {
      throw await refuse(deps, actor, findings, {
        targetType: target.kind,
        targetId: target.ownerId,
        what: `附件“${name}”`,
        details: { name, size: temp.size, format: detected.format, sm3: temp.sm3 },
      });
    }

    await commitBlob(deps.config.dataDir, temp);
    stored = true;
    const id = uuidv7(deps.clock.now().getTime());
    const at = deps.clock.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('attachments')
        .values({
          id,
          owner_kind: target.kind,
          owner_id: target.ownerId,
          name,
          size: temp.size,
          content_type: detected.contentType,
          format: detected.format,
          sm3: temp.sm3,
          text_scanned: extracted.scanned ? 1 : 0,
          uploaded_by: actor.id,
          created_at: at,
          voided: 0,
          voided_at: null,
          voided_by: null,
        })
        .execute();
      // After the attachment's own row, as the search rule asks. The readers
      // are the owner's, copied from its search document; a concurrent
      // re-index of the owner on PostgreSQL can miss this not yet committed
      // attachment, which then keeps the readers read here until the owner's
      // next re-index (SQLite serialises writers, so there it cannot happen).
      const ownerReaders = await documentVisibility(trx, target.kind, target.ownerId);
      await indexDocument(trx, deps.dialect, {
        kind: ATTACHMENT_KIND,
        id,
        title: name,
        body: Object.values(extracted.parts).join('\n').slice(0, ATTACHMENT_SEARCH_CHARS),
        tags: [target.kind],
        visibility: ownerReaders.length > 0 ? ownerReaders : UNINDEXED_OWNER_READERS,
        updatedAt: at,
        owner: { kind: target.kind, id: target.ownerId },
      });
      await appendAudit(trx, deps.clock, {
        action: 'files.upload',
        actor: auditActor(actor),
        targetType: target.kind,
        targetId: target.ownerId,
        details: { attachmentId: id, name, size: temp.size, format: detected.format, sm3: temp.sm3, textScanned: extracted.scanned, scan: extracted.note },
      });
    });
    return { id, name, size: temp.size, contentType: detected.contentType };
  } finally {
    if (!stored) await discardTemp(temp.path);
  }
}

export interface AttachmentDownload {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** Absolute path of the stored blob (derived from its SM3, never from input). */
  path: string;
}

/** For `GET /api/attachments/<id>`: whoever may see the owning object may download; the download is audited. */
export async function openAttachment(deps: Deps, actor: Actor, id: string): Promise<AttachmentDownload> {
  const row = await deps.db.selectFrom('attachments').selectAll().where('id', '=', id).where('voided', '=', 0).executeTakeFirst();
  if (!row) throw notFound('附件不存在或您无权查看');
  const owner = attachmentOwner(row.owner_kind);
  if (!owner || !(await owner.canSee(deps, actor, row.owner_id))) throw notFound('附件不存在或您无权查看');
  const path = blobPath(deps.config.dataDir, row.sm3);
  if (!(await stat(path).catch(() => null))) {
    // The row exists but its bytes do not: a restore without the files
    // directory, or tampering. An operator must know; the user gets a clear 500.
    deps.log.error({ attachmentId: row.id, sm3: row.sm3 }, 'attachment blob missing');
    throw new AppError(500, 'internal', '附件文件在服务器上缺失，请联系系统管理员');
  }
  await recordAudit(deps.db, deps.clock, {
    action: 'files.download',
    actor: auditActor(actor),
    targetType: row.owner_kind,
    targetId: row.owner_id,
    details: { attachmentId: row.id, name: row.name, sm3: row.sm3 },
  });
  return { id: row.id, name: row.name, size: row.size, contentType: row.content_type, path };
}

/** The attachments of one object, oldest first; 404 when the actor may not see the object. */
export async function listAttachments(deps: Deps, actor: Actor, kind: string, ownerId: string): Promise<{ items: AttachmentListItem[]; total: number }> {
  await ownerFor(deps, actor, kind, ownerId);
  const rows = await deps.db
    .selectFrom('attachments')
    .select(['id', 'name', 'size', 'content_type', 'uploaded_by', 'created_at'])
    .where('owner_kind', '=', kind)
    .where('owner_id', '=', ownerId)
    .where('voided', '=', 0)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({ id: r.id, name: r.name, size: r.size, contentType: r.content_type, uploadedBy: r.uploaded_by, createdAt: r.created_at }));
  return { items, total: items.length };
}

/** Removes an attachment from its object (the row and the audit trail stay). Needs canAttach on the owner. */
export async function voidAttachment(deps: Deps, actor: Actor, id: string): Promise<{ id: string }> {
  const row = await deps.db.selectFrom('attachments').selectAll().where('id', '=', id).where('voided', '=', 0).executeTakeFirst();
  if (!row) throw notFound('附件不存在或您无权查看');
  const owner = await ownerFor(deps, actor, row.owner_kind, row.owner_id);
  if (!(await owner.canAttach(deps, actor, row.owner_id))) throw forbidden('您不能删除此对象的附件');
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('attachments').set({ voided: 1, voided_at: at, voided_by: actor.id }).where('id', '=', id).where('voided', '=', 0).execute();
    await removeDocument(trx, deps.dialect, ATTACHMENT_KIND, id);
    await appendAudit(trx, deps.clock, {
      action: 'files.void',
      actor: auditActor(actor),
      targetType: row.owner_kind,
      targetId: row.owner_id,
      details: { attachmentId: id, name: row.name, sm3: row.sm3 },
    });
  });
  return { id };
}

/**
 * The text of a stored attachment, for the search index (no permission check:
 * the caller is a service indexing content it already owns). Empty for
 * formats whose text is not read.
 */
export async function attachmentText(deps: Deps, id: string): Promise<string> {
  const row = await deps.db.selectFrom('attachments').select(['sm3', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) return '';
  const data = await readFile(blobPath(deps.config.dataDir, row.sm3));
  const detected = await detectFile(data, row.name);
  if (!detected) return '';
  const extracted = await extractText(data, detected);
  return Object.values(extracted.parts).join('\n');
}
