import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

/** RFC 5987 `filename*` value: UTF-8, percent-encoded, including the characters encodeURIComponent leaves alone but attr-char forbids. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name with what may not stand in a quoted ASCII `filename` replaced; `attachment.<ext>` when nothing readable is left. */
function asciiFallback(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).replace(/[^A-Za-z0-9.]/gu, '') : '';
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/gu, '_');
  return /[A-Za-z0-9]/u.test(ascii.slice(0, ascii.length - ext.length)) ? ascii : `attachment${ext}`;
}

/**
 * `attachment` with an ASCII `filename` for old clients and the exact
 * (Chinese) name in `filename*`. `ascii` is a fixed fallback such as
 * `incoming-ledger.xlsx`; without it one is derived from the name.
 */
export function contentDisposition(name: string, ascii?: string): string {
  return `attachment; filename="${ascii ?? asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

export interface DownloadFile {
  /** MIME type of the bytes. */
  type: string;
  /** The name the user saves it under. */
  name: string;
  /** ASCII name for clients that ignore `filename*`. */
  ascii?: string;
}

/** Sends bytes as a file to save, never to display: the type and the download name. */
export function sendDownload(reply: FastifyReply, file: DownloadFile, body: Buffer | Readable): FastifyReply {
  return reply.header('Content-Type', file.type).header('Content-Disposition', contentDisposition(file.name, file.ascii)).send(body);
}
