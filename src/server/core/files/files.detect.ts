import JSZip from 'jszip';
import type { AttachmentFormat } from '../../../shared/files.js';

/**
 * What a file *is*, decided from its bytes. The name a browser sends is only
 * used to tell DOC from WPS, which are the same container (an OLE2 compound
 * file with a WordDocument stream) and cannot be told apart otherwise.
 */
export interface DetectedFile {
  format: AttachmentFormat;
  contentType: string;
  /** For the zip-based formats: the opened package, so extraction does not parse it twice. */
  zip?: JSZip;
  /** For TXT: the decoded text and its encoding. */
  text?: { value: string; encoding: string };
}

export const CONTENT_TYPES: Record<AttachmentFormat, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  wps: 'application/vnd.ms-works',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
};

const startsWith = (b: Buffer, hex: string, at = 0) => {
  const sig = Buffer.from(hex, 'hex');
  return b.length >= at + sig.length && b.subarray(at, at + sig.length).equals(sig);
};

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const MAX_CHAIN = 1 << 20;

/**
 * The names in an OLE2 compound file's directory ([MS-CFB]): enough to tell a
 * Word document from a workbook. Returns null when the structure is broken,
 * so a file that merely starts with the signature is not accepted.
 */
export function oleStreamNames(b: Buffer): string[] | null {
  if (b.length < 512 || !startsWith(b, 'D0CF11E0A1B11AE1')) return null;
  const shift = b.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const perSector = size / 4;
  const sector = (s: number) => (s + 1) * size;
  const readable = (s: number) => s < ENDOFCHAIN - 5 && sector(s) + size <= b.length;

  // FAT sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = b.readUInt32LE(76 + i * 4);
    if (s === FREESECT || s === ENDOFCHAIN) break;
    fatSectors.push(s);
  }
  let difat = b.readUInt32LE(68);
  for (let guard = 0; difat !== ENDOFCHAIN && difat !== FREESECT && guard < MAX_CHAIN; guard++) {
    if (!readable(difat)) return null;
    for (let i = 0; i < perSector - 1; i++) {
      const s = b.readUInt32LE(sector(difat) + i * 4);
      if (s !== FREESECT && s !== ENDOFCHAIN) fatSectors.push(s);
    }
    difat = b.readUInt32LE(sector(difat) + (perSector - 1) * 4);
  }
  const next = (s: number): number | null => {
    const fs = fatSectors[Math.floor(s / perSector)];
    if (fs === undefined || !readable(fs)) return null;
    return b.readUInt32LE(sector(fs) + (s % perSector) * 4);
  };

  const names: string[] = [];
  let dir: number | null = b.readUInt32LE(48);
  for (let guard = 0; dir !== null && dir !== ENDOFCHAIN; guard++) {
    if (guard > MAX_CHAIN || !readable(dir)) return null;
    for (let e = 0; e < size / 128; e++) {
      const at = sector(dir) + e * 128;
      const len = b.readUInt16LE(at + 64);
      const type = b.readUInt8(at + 66);
      if (type === 0 || len < 2 || len > 64) continue;
      names.push(b.toString('utf16le', at, at + len - 2));
    }
    dir = next(dir);
  }
  return names.length > 0 ? names : null;
}

/** Decodes text by its BOM, else as UTF-8, else as GB18030; null when it is not text. */
export function decodeText(b: Buffer): { value: string; encoding: string } | null {
  const attempt = (encoding: string, from: number) => {
    try {
      return { value: new TextDecoder(encoding, { fatal: true }).decode(b.subarray(from)), encoding };
    } catch {
      return null;
    }
  };
  let t: { value: string; encoding: string } | null;
  if (startsWith(b, 'EFBBBF')) t = attempt('utf-8', 3);
  else if (startsWith(b, 'FFFE')) t = attempt('utf-16le', 2);
  else if (startsWith(b, 'FEFF')) t = attempt('utf-16be', 2);
  else if (b.includes(0)) return null;
  else t = attempt('utf-8', 0) ?? attempt('gb18030', 0);
  if (!t) return null;
  // Control characters other than tab, line ends and form feed mean binary
  // data that happened to decode (an executable's header, an image).
  const controls = t.value.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/gu)?.length ?? 0;
  return controls === 0 ? t : null;
}

/** Reads a zip's directory; null when it is not a readable zip. */
async function openZip(b: Buffer): Promise<JSZip | null> {
  try {
    return await JSZip.loadAsync(b, { checkCRC32: false });
  } catch {
    return null;
  }
}

/**
 * Decides the format by content (magic bytes, zip entries, OLE directory).
 * Returns null for anything not on the allowed list: executables, archives,
 * HTML, SVG, other Office formats.
 */
export async function detectFile(b: Buffer, name: string): Promise<DetectedFile | null> {
  const as = (format: AttachmentFormat, extra: Partial<DetectedFile> = {}): DetectedFile => ({ format, contentType: CONTENT_TYPES[format], ...extra });
  if (b.length === 0) return null;
  // PDF readers accept the header within the first kilobyte; so do we.
  if (b.subarray(0, 1024).includes('%PDF-')) return as('pdf');
  if (startsWith(b, 'FFD8FF')) return as('jpeg');
  if (startsWith(b, '89504E470D0A1A0A')) return as('png');
  if (startsWith(b, 'D0CF11E0A1B11AE1')) {
    const names = oleStreamNames(b);
    if (!names) return null;
    if (names.includes('WordDocument')) return as(/\.wps$/iu.test(name) ? 'wps' : 'doc');
    if (names.includes('Workbook') || names.includes('Book')) return as('xls');
    return null;
  }
  if (startsWith(b, '504B0304')) {
    const zip = await openZip(b);
    if (!zip) return null;
    if (zip.file('word/document.xml') && zip.file('[Content_Types].xml')) return as('docx', { zip });
    if (zip.file('xl/workbook.xml') && zip.file('[Content_Types].xml')) return as('xlsx', { zip });
    if (zip.file('OFD.xml')) return as('ofd', { zip });
    return null;
  }
  const text = decodeText(b);
  if (!text || isMarkupOrScript(text.value, name)) return null;
  return as('txt', { text });
}

/** Names a browser or a shell would run or render rather than show as text. */
const ACTIVE_EXTENSIONS = /\.(html?|xht(ml)?|shtml|svgz?|xml|xsl|xslt|js|mjs|cjs|vbs|vbe|wsf|hta|bat|cmd|ps1|sh|php\d?|jsp|aspx?|py|pl|rb)$/iu;
/** Markup and scripts by their first bytes: a document type, an XML declaration, an HTML or SVG element, a shebang. */
const ACTIVE_START = /^\s*(<!doctype|<\?xml|<!--|<(html|head|body|svg|script|iframe|object|embed|meta|link|style|xsl:|math)\b|#!)/iu;
const ACTIVE_TAG = /<(script|iframe|object|embed|svg|html|body|meta\s+http-equiv|link\s+rel|base\s+href|form|frameset)\b/iu;

/**
 * HTML, SVG, XML and scripts are not among the allowed types, whatever their
 * bytes look like as text: served back, a browser could run them. Refused by
 * name and by content (the first 8 KB).
 */
export function isMarkupOrScript(text: string, name: string): boolean {
  if (ACTIVE_EXTENSIONS.test(name.trim())) return true;
  const head = text.slice(0, 8192);
  return ACTIVE_START.test(head) || ACTIVE_TAG.test(head);
}
