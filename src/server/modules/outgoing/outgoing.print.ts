import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import { convertWith, findSoffice, inConversionQueue, SOFFICE_MISSING } from '../../core/docx/pdf.js';
import { AppError, validation } from '../../core/errors.js';
import { defaultFormat, formatRefusal, gongwenFromDraft } from './layout/from-draft.js';
import { GONGWEN_FORMATS, type GongwenDocInput, type GongwenFormat, renderGongwenDocx } from './layout/gongwen-docx.js';
import type { Executor } from '../../core/db/executor.js';
import { draftOf, loadSettings, type OutgoingObject } from './outgoing.repo.js';
import { printedDate } from './outgoing.workflow.js';

/** What the printer gets: the layout's input and whether it is a 上行文 (签发人 line). */
export interface PrintJob {
  doc: GongwenDocInput;
  up: boolean;
  /** Stable over identical input: names the cached PDF. */
  key: string;
}

/** `?format=` on the download routes: 文件格式, 信函格式 or 纪要格式; the 文种's own when absent. */
export const documentQuerySchema = z.strictObject({
  format: z.enum(GONGWEN_FORMATS, { error: '版式只能是 standard（文件格式）、letter（信函格式）或 minutes（纪要格式）' }).optional(),
});

/**
 * The layout input of a stored document: the current draft plus 发文字号,
 * 成文日期 and 签发人 once signed, and 印发机关/日期 (the office, on the day of
 * 核发, or of sign-off before that), in `format` or the 文种's default
 * (400 when the format makes no sense for the 文种).
 */
export async function printJobOf(db: Executor, o: OutgoingObject, requested?: GongwenFormat): Promise<PrintJob> {
  const draft = draftOf(o);
  const format = requested ?? defaultFormat(draft.docType);
  const refusal = formatRefusal(draft.docType, format, o.direction);
  if (refusal) throw validation(refusal, { format, docType: draft.docType });
  const settings = await loadSettings(db);
  const printDate = o.issued_at ? o.issued_at.slice(0, 10) : o.sign_date;
  const { doc, up } = gongwenFromDraft(draft, {
    format,
    orgName: settings.org_name,
    direction: o.direction,
    ...(o.doc_number ? { docNumber: o.doc_number } : {}),
    ...(o.sign_date ? { signDate: printedDate(o.sign_date) } : {}),
    ...(o.signer_name ? { issuers: [o.signer_name] } : {}),
    // The layout appends “印发” to the date.
    ...(printDate ? { printer: { org: `${settings.org_name}办公室`, date: printedDate(printDate) } } : {}),
  });
  const key = createHash('sha256').update(JSON.stringify({ doc, up })).digest('hex').slice(0, 24);
  return { doc, up, key };
}

export function renderDocx(job: PrintJob): Promise<Buffer> {
  return renderGongwenDocx(job.doc, { up: job.up });
}

// ───────────────────────── PDF through LibreOffice (core/docx/pdf) ─────────────────────────

const inFlight = new Map<string, Promise<Buffer>>();

/**
 * The PDF of one printed version, cached under `<dataDir>/outgoing-pdf/` by
 * the layout input's hash: the same text with the same number, date and
 * signer is converted once. 503 with a Chinese message when soffice is absent.
 */
export async function renderPdf(deps: Pick<Deps, 'config'>, docId: string, job: PrintJob): Promise<{ pdf: Buffer; cached: boolean; ms: number }> {
  const dir = join(deps.config.dataDir, 'outgoing-pdf');
  const file = join(dir, `${docId}-${job.key}.pdf`);
  try {
    return { pdf: await readFile(file), cached: true, ms: 0 };
  } catch {
    // not cached yet
  }
  const soffice = await findSoffice();
  if (!soffice) throw new AppError(503, 'internal', SOFFICE_MISSING);
  const started = Date.now();
  let p = inFlight.get(file);
  if (!p) {
    const task = inConversionQueue(async () => {
      const pdf = await convertWith(soffice, await renderDocx(job));
      await mkdir(dir, { recursive: true });
      // Write then rename: a reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, pdf);
      await rename(tmp, file);
      return pdf;
    });
    p = task.finally(() => inFlight.delete(file));
    inFlight.set(file, p);
  }
  try {
    return { pdf: await p, cached: false, ms: Date.now() - started };
  } catch (err) {
    throw new AppError(503, 'internal', 'PDF 生成失败，请稍后重试或先下载 .docx 版本', {
      reason: err instanceof Error ? err.message.slice(0, 300) : String(err),
    });
  }
}
