import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's fontconfig file (src/… and dist/… are both four levels down). */
export function fontConfigFile(): string {
  return process.env['ZHONGSHU_FONTCONFIG_FILE'] ?? resolve(here, '../../../../assets/fonts/fonts.conf');
}

/** `soffice` on the PATH (or ZHONGSHU_SOFFICE), or null when LibreOffice is not installed. */
export async function findSoffice(): Promise<string | null> {
  const explicit = process.env['ZHONGSHU_SOFFICE'];
  const candidates = explicit
    ? [explicit]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, 'soffice'));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

export const SOFFICE_MISSING = '服务器未安装 LibreOffice，暂时无法生成 PDF。请先下载 .docx 版本；如需 PDF，请系统管理员安装 libreoffice-writer-nogui 后重试。';

/**
 * One conversion at a time per process, whichever module asks: LibreOffice
 * takes most of a core for seconds, and one profile reused by one process at a
 * time stays warm (a second start on a busy profile fails).
 */
let queue: Promise<unknown> = Promise.resolve();
const profileDir = join(tmpdir(), `zhongshu-lo-${process.pid}`);

/** Runs `work` after every conversion queued before it. */
export function inConversionQueue<T>(work: () => Promise<T>): Promise<T> {
  const task = queue.then(work);
  queue = task.catch(() => undefined);
  return task;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((ok, fail) => {
    execFile(cmd, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) fail(new Error(`soffice failed: ${err.message} ${stderr}`));
      else ok();
    });
  });
}

/** Converts now, outside the queue: callers go through `inConversionQueue`. */
export async function convertWith(soffice: string, docx: Buffer): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), 'zhongshu-pdf-'));
  try {
    const input = join(work, 'document.docx');
    await writeFile(input, docx);
    const env = { ...process.env, FONTCONFIG_FILE: fontConfigFile(), HOME: work };
    const args = [
      `-env:UserInstallation=file://${profileDir}`,
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      work,
      input,
    ];
    await run(soffice, args, env, 120_000);
    return await readFile(join(work, 'document.pdf'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A .docx as PDF through LibreOffice, in the queue; null when soffice is not installed. */
export async function docxToPdf(docx: Buffer): Promise<Buffer | null> {
  const soffice = await findSoffice();
  if (!soffice) return null;
  return inConversionQueue(() => convertWith(soffice, docx));
}

/** For a route: the PDF, or 503 with a Chinese reason (LibreOffice missing or failing; the .docx is always there). */
export async function docxToPdfOrRefuse(docx: Buffer): Promise<Buffer> {
  const soffice = await findSoffice();
  if (!soffice) throw new AppError(503, 'internal', SOFFICE_MISSING);
  try {
    return await inConversionQueue(() => convertWith(soffice, docx));
  } catch (err) {
    throw new AppError(503, 'internal', 'PDF 生成失败，请稍后重试或先下载 .docx 版本', {
      reason: err instanceof Error ? err.message.slice(0, 300) : String(err),
    });
  }
}
