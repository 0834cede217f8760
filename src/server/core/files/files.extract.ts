import { resolve } from 'node:path';
import type JSZip from 'jszip';
import { AppError } from '../errors.js';
import type { DetectedFile } from './files.detect.js';

/**
 * The text of an uploaded file, part by part, for the classification guard.
 * Every place a marking can hide is its own part: the body, each header and
 * footer, footnotes, and each document property, so a finding can say where
 * it was (e.g. `header1`, `core.title`, `custom.密级`, `page2`).
 */
export interface ExtractedText {
  parts: Record<string, string>;
  /** False for formats whose text we do not read (DOC, WPS, XLS, images). */
  scanned: boolean;
  /** A Chinese sentence for the record: what was read, or why nothing was. */
  note: string;
}

const unreadable = (message: string) => new AppError(415, 'unsupported_type', message);

// A zip bomb (a few MB that inflate to GBs) must not exhaust memory or time.
// An entry's declared size refuses the honest bomb before inflating; the
// bytes actually inflated are counted as they come and stop the liar at the
// same limits. Memory for the text of one upload stays under 64 MiB of bytes
// (plus their decoded string), and its extraction under 5 s.
const MAX_PART_BYTES = 32 * 1_048_576;
const MAX_TOTAL_BYTES = 64 * 1_048_576;
const MAX_EXTRACT_MS = 5_000;
const TOO_LARGE = '文件内容解压后过大，无法检查，请拆分后再上传';

/** Inflates one entry, stopping as soon as its output passes `limit` bytes or the deadline passes. */
function inflateBounded(f: JSZip.JSZipObject, limit: number, deadline: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // A Node stream over JSZip's worker: it inflates chunk by chunk as we read, and stops when we stop reading.
    const stream = f.nodeStream('nodebuffer') as NodeJS.ReadableStream & { destroy(): void };
    const stop = (err: AppError) => {
      settled = true;
      stream.destroy();
      reject(err);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return stop(unreadable(TOO_LARGE));
      if (Date.now() > deadline) return stop(unreadable('文件内容过于复杂，检查超时，请拆分后再上传'));
      chunks.push(chunk);
    });
    stream.on('error', () => {
      if (!settled) stop(unreadable(`文件已损坏（${f.name} 无法读取），请重新导出后再上传`));
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
  });
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/giu, (_, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()] ?? '';
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'u').exec(attrs);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : undefined;
}

class ZipReader {
  private total = 0;
  private readonly deadline = Date.now() + MAX_EXTRACT_MS;
  constructor(private readonly zip: JSZip) {}

  names(re: RegExp): string[] {
    return Object.keys(this.zip.files)
      .filter((n) => re.test(n) && !this.zip.files[n]?.dir)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  }

  async text(name: string): Promise<string | null> {
    const f = this.zip.file(name);
    if (!f) return null;
    // JSZip keeps the central directory's declared size on an internal field;
    // reading it lets us refuse a bomb before inflating it.
    const declared = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > MAX_PART_BYTES || this.total + declared > MAX_TOTAL_BYTES) throw unreadable(TOO_LARGE);
    const bytes = await inflateBounded(f, Math.min(MAX_PART_BYTES, MAX_TOTAL_BYTES - this.total), this.deadline);
    this.total += bytes.length;
    return bytes.toString('utf8');
  }
}

// ---- OOXML (DOCX, XLSX) ------------------------------------------------------

const WORD_TOKENS =
  /<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:t(?:\s[^>]*)?\/>|<w:tab\b[^>]*\/>|<w:(?:br|cr)\b[^>]*\/>|<\/w:p>|<\/w:tc>|<\/w:tr>/gu;

/**
 * Visible text of a WordprocessingML part: runs, tabs, breaks, paragraphs and
 * table cells, then the text of WordArt watermarks (`<v:textpath string="…">`),
 * which is how Word puts a 机密 watermark across every page of a header.
 */
export function wordXmlText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(WORD_TOKENS)) {
    const tok = m[0];
    if (m[1] !== undefined) out += decodeXml(m[1]);
    else if (tok.startsWith('<w:tab')) out += '\t';
    else if (tok === '</w:tc>') out += '\t';
    else if (tok.startsWith('<w:t')) continue;
    else out += '\n';
  }
  for (const m of xml.matchAll(/<v:textpath\b([^>]*)>/gu)) {
    const text = attr(m[1] ?? '', 'string');
    if (text) out += `\n${text}\n`;
  }
  return out;
}

const CORE_FIELDS: Record<string, string> = {
  'dc:title': 'title',
  'dc:subject': 'subject',
  'cp:keywords': 'keywords',
  'dc:description': 'description',
  'cp:category': 'category',
  'cp:contentStatus': 'contentStatus',
};

async function ooxmlProperties(z: ZipReader, parts: Record<string, string>): Promise<void> {
  const core = await z.text('docProps/core.xml');
  if (core) {
    for (const [tag, key] of Object.entries(CORE_FIELDS)) {
      const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'u').exec(core);
      if (m?.[1]) parts[`core.${key}`] = decodeXml(m[1].replace(/<[^>]*>/gu, ''));
    }
  }
  const custom = await z.text('docProps/custom.xml');
  if (custom) {
    for (const m of custom.matchAll(/<property\b([^>]*)>([\s\S]*?)<\/property>/gu)) {
      const name = attr(m[1] ?? '', 'name') ?? '';
      const value = decodeXml((m[2] ?? '').replace(/<[^>]*>/gu, ''));
      // Name and value on separate lines: `密级` / `机密` reads as a field, and a
      // value that is only a level is a line of its own whatever the name.
      parts[`custom.${name}`] = `${name}\n${value}`;
    }
  }
}

/**
 * Custom XML parts (`customXml/item*.xml`) are where document-management
 * systems keep their own metadata, a 密级 among it (`<密级>机密</密级>`): each
 * leaf element becomes its name and its value on two lines.
 */
async function customXmlText(z: ZipReader, parts: Record<string, string>): Promise<void> {
  for (const n of z.names(/^customXml\/item\d+\.xml$/u)) {
    const xml = (await z.text(n)) ?? '';
    const leaves = [...xml.matchAll(/<([^\s<>/?!]+)(?:\s[^<>]*)?>([^<]+)<\/\1>/gu)]
      .map((m) => `${(m[1] ?? '').replace(/^.*:/u, '')}\n${decodeXml(m[2] ?? '').trim()}`)
      .join('\n');
    if (leaves) parts[n.slice(0, -4)] = leaves;
  }
}

async function docxText(zip: JSZip): Promise<Record<string, string>> {
  const z = new ZipReader(zip);
  const parts: Record<string, string> = {};
  const read = async (name: string, key: string) => {
    const xml = await z.text(name);
    if (xml !== null) parts[key] = wordXmlText(xml);
  };
  await read('word/document.xml', 'document');
  for (const n of z.names(/^word\/(header|footer)\d*\.xml$/u)) await read(n, n.slice(5, -4));
  for (const n of ['footnotes', 'endnotes', 'comments']) await read(`word/${n}.xml`, n);
  await ooxmlProperties(z, parts);
  await customXmlText(z, parts);
  return parts;
}

async function xlsxText(zip: JSZip): Promise<Record<string, string>> {
  const z = new ZipReader(zip);
  const parts: Record<string, string> = {};
  // Sheet names are text a user typed too (a sheet called 机密★ is a marking).
  const workbook = (await z.text('xl/workbook.xml')) ?? '';
  const sheetNames = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/gu)].map((m) => attr(m[1] ?? '', 'name') ?? '').filter((n) => n !== '');
  if (sheetNames.length > 0) parts['sheetNames'] = sheetNames.join('\n');
  const shared = await z.text('xl/sharedStrings.xml');
  if (shared) {
    parts['sharedStrings'] = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/gu)]
      .map((si) => [...(si[1] ?? '').matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/gu)].map((t) => decodeXml(t[1] ?? '')).join(''))
      .join('\n');
  }
  // Inline strings and the print headers/footers (where a 密级 is often put) live in the sheets.
  for (const n of z.names(/^xl\/worksheets\/sheet\d+\.xml$/u)) {
    const xml = (await z.text(n)) ?? '';
    const inline = [...xml.matchAll(/<is>([\s\S]*?)<\/is>/gu)].map((m) => decodeXml((m[1] ?? '').replace(/<[^>]*>/gu, '')));
    const hf = [...xml.matchAll(/<(odd|even|first)(Header|Footer)>([^<]*)<\//gu)].map((m) => decodeXml(m[3] ?? '').replace(/&[LCR]/gu, '\n'));
    const text = [...inline, ...hf].join('\n');
    if (text) parts[n.slice(14, -4)] = text;
  }
  await ooxmlProperties(z, parts);
  await customXmlText(z, parts);
  return parts;
}

// ---- OFD (GB/T 33190) --------------------------------------------------------

interface Glyphs {
  x: number;
  y: number;
  size: number;
  text: string;
}

/**
 * OFD stores text as positioned TextCode runs, often one glyph per run. We put
 * them back into lines by their position: runs on the same baseline join, and
 * a wide gap becomes two spaces (so `密级` and `机密` in two cells stay apart
 * but still read as a field).
 */
export function ofdContentText(xml: string): string {
  const runs: Glyphs[] = [];
  for (const obj of xml.matchAll(/<(?:ofd:)?TextObject\b([^>]*)>([\s\S]*?)<\/(?:ofd:)?TextObject>/gu)) {
    const [bx = 0, by = 0] = (attr(obj[1] ?? '', 'Boundary') ?? '0 0').split(/\s+/u).map(Number);
    const size = Number(attr(obj[1] ?? '', 'Size') ?? '3.5') || 3.5;
    let x = 0;
    let y = 0;
    for (const code of (obj[2] ?? '').matchAll(/<(?:ofd:)?TextCode\b([^>]*)>([^<]*)<\/(?:ofd:)?TextCode>/gu)) {
      const ax = attr(code[1] ?? '', 'X');
      const ay = attr(code[1] ?? '', 'Y');
      if (ax !== undefined) x = Number(ax) || 0;
      if (ay !== undefined) y = Number(ay) || 0;
      runs.push({ x: bx + x, y: by + y, size, text: decodeXml(code[2] ?? '') });
      x += (code[2] ?? '').length * size;
    }
  }
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  let out = '';
  let prev: Glyphs | null = null;
  for (const r of runs) {
    if (prev && Math.abs(r.y - prev.y) > prev.size / 2) out += '\n';
    else if (prev && r.x - (prev.x + [...prev.text].length * prev.size) > prev.size) out += '  ';
    out += r.text;
    prev = r;
  }
  return out;
}

async function ofdText(zip: JSZip): Promise<Record<string, string>> {
  const z = new ZipReader(zip);
  const parts: Record<string, string> = {};
  const ofd = (await z.text('OFD.xml')) ?? '';
  const info = /<(?:ofd:)?DocInfo\b[^>]*>([\s\S]*?)<\/(?:ofd:)?DocInfo>/u.exec(ofd)?.[1] ?? '';
  for (const tag of ['Title', 'Subject', 'Abstract', 'Keywords', 'Author', 'Creator']) {
    const m = new RegExp(`<(?:ofd:)?${tag}\\b[^>]*>([\\s\\S]*?)</(?:ofd:)?${tag}>`, 'u').exec(info);
    if (m?.[1]) parts[`docInfo.${tag}`] = decodeXml(m[1].replace(/<[^>]*>/gu, '\n')).trim();
  }
  for (const m of info.matchAll(/<(?:ofd:)?CustomData\b([^>]*)>([^<]*)<\/(?:ofd:)?CustomData>/gu)) {
    const name = attr(m[1] ?? '', 'Name') ?? '';
    parts[`custom.${name}`] = `${name}\n${decodeXml(m[2] ?? '')}`;
  }
  // Pages, page templates (where a header with a 密级 would be) and
  // annotations: every Content.xml and annotation file in the package.
  for (const n of z.names(/(?:^|\/)(?:Content|Annotation)[^/]*\.xml$/iu)) {
    const text = ofdContentText((await z.text(n)) ?? '');
    if (text) parts[n.replace(/\.xml$/iu, '')] = text;
  }
  return parts;
}

// ---- PDF ---------------------------------------------------------------------

const PDFJS_DIR = resolve(import.meta.dirname, '../../../../node_modules/pdfjs-dist');

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

async function pdfText(data: Buffer): Promise<Record<string, string>> {
  // The legacy build is the one that runs in Node; it falls back to an
  // in-process worker. CMaps let it read CJK fonts that use predefined
  // encodings (UniGB-UCS2-H and the like), common in Chinese PDFs.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') throw unreadable('PDF 文件已加密，无法检查其内容是否涉密，请上传未加密的文件');
    throw unreadable('PDF 文件已损坏或格式不正确，无法读取');
  }
  try {
    const parts: Record<string, string> = {};
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    for (const key of ['Title', 'Subject', 'Keywords', 'Author', 'Creator']) {
      const v = info[key];
      if (typeof v === 'string' && v) parts[`info.${key}`] = v;
    }
    // XMP metadata can carry a title or subject the info dictionary does not.
    for (const key of ['dc:title', 'dc:subject', 'dc:description', 'pdf:keywords']) {
      const v: unknown = meta?.metadata?.get(key);
      if (typeof v === 'string' && v) parts[`xmp.${key}`] = v;
    }
    const custom = info['Custom'];
    if (custom && typeof custom === 'object') {
      for (const [k, v] of Object.entries(custom as Record<string, unknown>)) {
        if (typeof v === 'string') parts[`info.${k}`] = `${k}\n${v}`;
      }
    }
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let out = '';
      let prev: PdfTextItem | null = null;
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const it = raw as PdfTextItem;
        const x = it.transform[4] ?? 0;
        const y = it.transform[5] ?? 0;
        if (prev && it.str) {
          const py = prev.transform[5] ?? 0;
          const px = (prev.transform[4] ?? 0) + prev.width;
          if (!prev.hasEOL && Math.abs(y - py) > Math.max(prev.height, 1) / 2) out += '\n';
          else if (!prev.hasEOL && x - px > Math.max(it.height, 1)) out += '  ';
        }
        out += it.str;
        if (it.hasEOL) out += '\n';
        if (it.str || it.hasEOL) prev = it;
      }
      parts[`page${p}`] = out;
      // Stamps, comments and form fields are not page content but are part of
      // the file: a 机密 stamp annotation is still a marking.
      const annots = (await page.getAnnotations().catch(() => [])) as Array<Record<string, unknown>>;
      const annotText = annots
        .flatMap((a) => [(a['contentsObj'] as { str?: unknown } | undefined)?.str, (a['titleObj'] as { str?: unknown } | undefined)?.str, a['fieldValue']])
        .filter((v): v is string => typeof v === 'string' && v !== '')
        .join('\n');
      if (annotText) parts[`page${p}.annotations`] = annotText;
      page.cleanup();
    }
    return parts;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable('PDF 文件已损坏或格式不正确，无法读取');
  } finally {
    await doc.destroy();
  }
}

// ---- Dispatch ----------------------------------------------------------------

const NOT_SCANNED: Record<string, string> = {
  doc: 'DOC（Word 97-2003）格式不提取文本，未做密级标志检查',
  wps: 'WPS 格式不提取文本，未做密级标志检查',
  xls: 'XLS（Excel 97-2003）格式不提取文本，未做密级标志检查',
  jpeg: '图片不做文字识别，未做密级标志检查',
  png: '图片不做文字识别，未做密级标志检查',
};

export async function extractText(data: Buffer, file: DetectedFile): Promise<ExtractedText> {
  switch (file.format) {
    case 'txt':
      return { parts: { text: file.text?.value ?? '' }, scanned: true, note: `纯文本（${file.text?.encoding ?? 'utf-8'}）已检查` };
    case 'docx':
      if (!file.zip) break;
      return { parts: await docxText(file.zip), scanned: true, note: 'DOCX 正文、页眉页脚、脚注尾注、批注和文档属性已检查' };
    case 'xlsx':
      if (!file.zip) break;
      return { parts: await xlsxText(file.zip), scanned: true, note: 'XLSX 单元格文字、页眉页脚和文档属性已检查' };
    case 'ofd':
      if (!file.zip) break;
      return { parts: await ofdText(file.zip), scanned: true, note: 'OFD 页面文字、模板、注释和文档信息已检查' };
    case 'pdf':
      return { parts: await pdfText(data), scanned: true, note: 'PDF 页面文字和文档信息已检查（扫描件图片中的文字无法检查）' };
    case 'doc':
    case 'wps':
    case 'xls':
    case 'jpeg':
    case 'png':
      return { parts: {}, scanned: false, note: NOT_SCANNED[file.format] ?? '未做密级标志检查' };
  }
  throw unreadable('文件无法读取');
}
