import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, detectFile, oleStreamNames } from './files.detect.js';
import JSZip from 'jszip';
import { makeDocx, makeOle, makeXlsx } from '../../../../test/fixtures/guard/make-files.js';
import { scanFields } from '../guard/guard.scan.js';
import { extractText, ofdContentText, wordXmlText } from './files.extract.js';
import { contentDisposition } from '../http/download.js';
import { cleanFileName } from './files.service.js';
import { blobPath, sweepTemp } from './files.store.js';

const dir = mkdtempSync(join(tmpdir(), 'zs-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('content detection', () => {
  it('decodes text by BOM, UTF-8 or GB18030, and refuses binary', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('密级', 'utf16le').swap16()]))?.value).toBe('密级');
    expect(decodeText(Buffer.from('c3dcbcb6', 'hex'))).toEqual({ value: '密级', encoding: 'gb18030' });
    expect(decodeText(Buffer.from('通知\r\n', 'utf8'))?.encoding).toBe('utf-8');
    expect(decodeText(Buffer.from([0x41, 0x1b, 0x42]))).toBeNull();
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42]))).toBeNull();
  });

  it('reads the OLE directory to tell DOC from XLS, and refuses other compound files', async () => {
    expect(oleStreamNames(makeOle('WordDocument'))).toEqual(['Root Entry', 'WordDocument']);
    expect((await detectFile(makeOle('Workbook'), 'x.doc'))?.format).toBe('xls');
    expect((await detectFile(makeOle('WordDocument'), 'X.WPS'))?.format).toBe('wps');
    expect(await detectFile(makeOle('__substg1.0_0037001F'), 'mail.msg')).toBeNull();
    expect(await detectFile(Buffer.alloc(0), 'empty.txt')).toBeNull();
  });
});

describe('text extraction', () => {
  it('reads WordprocessingML runs, tabs, cells, entities and watermarks', () => {
    const xml =
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>密级</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">机&#23494;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '<w:p><w:r><w:t>A</w:t><w:tab/><w:t>&lt;B&gt;</w:t></w:r></w:p><v:textpath string="秘密"/>';
    expect(wordXmlText(xml)).toBe('密级\n\t机密\n\t\nA\t<B>\n\n秘密\n');
  });

  it('puts OFD glyph runs back into lines and keeps distant cells apart', () => {
    const xml =
      '<ofd:TextObject Boundary="10 20 100 5" Size="4"><ofd:TextCode X="0" Y="4">密级</ofd:TextCode><ofd:TextCode X="40" Y="4">机密</ofd:TextCode></ofd:TextObject>' +
      '<ofd:TextObject Boundary="10 10 100 5" Size="4"><ofd:TextCode X="0" Y="4">标</ofd:TextCode><ofd:TextCode X="4">题</ofd:TextCode></ofd:TextObject>';
    expect(ofdContentText(xml)).toBe('标题\n密级  机密');
  });
});

describe('metadata parts', () => {
  const scanFile = async (data: Buffer, name: string) => {
    const detected = await detectFile(data, name);
    if (!detected) throw new Error('not detected');
    return scanFields((await extractText(data, detected)).parts);
  };

  it('reads a DOCX custom XML part where a document system keeps its 密级', async () => {
    const zip = await JSZip.loadAsync(await makeDocx({ body: ['正文'] }));
    zip.file('customXml/item1.xml', '<?xml version="1.0"?><gw:doc xmlns:gw="urn:x"><gw:文号>财监〔2026〕8号</gw:文号><gw:密级>机密</gw:密级></gw:doc>');
    const findings = await scanFile(await zip.generateAsync({ type: 'nodebuffer' }), 'a.docx');
    expect(findings.map((f) => [f.field, f.marking])).toEqual([['customXml/item1', '密级\n机密']]);
    const clean = await JSZip.loadAsync(await makeDocx({ body: ['正文'] }));
    clean.file('customXml/item1.xml', '<doc><密级>非密</密级><说明>保守国家秘密</说明></doc>');
    expect(await scanFile(await clean.generateAsync({ type: 'nodebuffer' }), 'b.docx')).toEqual([]);
  });

  it('reads XLSX sheet names', async () => {
    const zip = await JSZip.loadAsync(await makeXlsx([['a']]));
    const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    zip.file('xl/workbook.xml', wb.replace('name="台账"', 'name="秘密★1年"'));
    const findings = await scanFile(await zip.generateAsync({ type: 'nodebuffer' }), 'a.xlsx');
    expect(findings.map((f) => f.field)).toEqual(['sheetNames']);
  });
});

describe('zip bombs', () => {
  /** A DOCX whose body inflates to `mib` MiB while its headers declare 1,000 bytes. */
  async function lyingDocx(mib: number): Promise<Buffer> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
    zip.file('word/document.xml', `<w:document><w:body><w:p><w:r><w:t>${'密'.repeat((mib * 1_048_576) / 3)}</w:t></w:r></w:p></w:body></w:document>`);
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const name = Buffer.from('word/document.xml');
    for (let i = 0; i < buf.length - 4; i++) {
      const sig = buf.readUInt32LE(i);
      if (sig === 0x04034b50 && buf.subarray(i + 30, i + 30 + name.length).equals(name)) buf.writeUInt32LE(1000, i + 22);
      if (sig === 0x02014b50 && buf.subarray(i + 46, i + 46 + name.length).equals(name)) buf.writeUInt32LE(1000, i + 24);
    }
    return buf;
  }

  it('stops inflating an entry that lies about its size at the limit: 415 in Chinese, memory barely moves', async () => {
    const bomb = await lyingDocx(48);
    expect(bomb.length).toBeLessThan(1_048_576);
    const detected = await detectFile(bomb, 'a.docx');
    expect(detected?.format).toBe('docx');
    const before = process.memoryUsage().rss;
    const refused = await extractText(bomb, detected!).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 415, code: 'unsupported_type', message: '文件内容解压后过大，无法检查，请拆分后再上传' });
    // 48 MiB of text would be ~100 MB as bytes and string; the reader stopped at 32 MiB and kept none of it.
    expect(process.memoryUsage().rss - before).toBeLessThan(96 * 1_048_576);
  });
});

describe('names and paths', () => {
  it('keeps only the last path component of an uploaded name, without control characters', () => {
    expect(cleanFileName('C:\\Users\\周\\Desktop\\通知.docx', 'docx')).toBe('通知.docx');
    expect(cleanFileName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(cleanFileName('..', 'pdf')).toBe('附件.pdf');
    expect(cleanFileName(undefined, 'jpeg')).toBe('附件.jpg');
    expect(cleanFileName('a\u0000b\u001f"c".pdf', 'pdf')).toBe('abc.pdf');
    const long = cleanFileName(`${'很长的名字'.repeat(60)}.docx`, 'docx');
    expect(long.length).toBe(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('gives the name the extension of the detected type, and strips bidi overrides and invisible characters', () => {
    expect(cleanFileName('报告.html', 'pdf')).toBe('报告.pdf');
    expect(cleanFileName('图.SVG', 'png')).toBe('图.png');
    expect(cleanFileName('通知.PDF', 'pdf')).toBe('通知.pdf');
    expect(cleanFileName('照片.jpeg', 'jpeg')).toBe('照片.jpeg');
    expect(cleanFileName('报告\u202Etxt.exe', 'txt')).toBe('报告txt.txt');
    expect(cleanFileName('\u200b\u2066名单\u2069\u200f.xlsx', 'xlsx')).toBe('名单.xlsx');
    expect(cleanFileName('.htaccess', 'txt')).toBe('htaccess.txt');
    expect(cleanFileName('说明', 'txt')).toBe('说明.txt');
  });

  it('refuses HTML, SVG, XML and scripts as text, by name and by content', async () => {
    for (const [bytes, name] of [
      ['<!DOCTYPE html><p>通知</p>', 'a.txt'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'pic.txt'],
      ['<?xml version="1.0"?><a/>', 'a.txt'],
      ['关于做好年终工作的通知\n<script>alert(1)</script>', '通知.txt'],
      ['#!/bin/sh\nrm -rf /', 'run.txt'],
      ['只是普通的文字', '通知.html'],
      ['只是普通的文字', 'a.svg'],
      ['只是普通的文字', 'a.js'],
    ] as const) {
      expect(await detectFile(Buffer.from(bytes, 'utf8'), name), `${name}: ${bytes}`).toBeNull();
    }
    expect((await detectFile(Buffer.from('请各处室于本周五前报送材料（a < b 时从简）。', 'utf8'), '通知.txt'))?.format).toBe('txt');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('通知.pdf')).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf`);
    expect(contentDisposition('report "final".pdf')).toBe(`attachment; filename="report _final_.pdf"; filename*=UTF-8''report%20%22final%22.pdf`);
  });

  it('derives blob paths from an SM3 digest only', () => {
    const sm3 = 'ab'.repeat(32);
    expect(blobPath('/data', sm3)).toBe(join('/data', 'files', 'ab', 'ab', sm3));
    expect(() => blobPath('/data', '../../etc/passwd')).toThrow();
    expect(() => blobPath('/data', 'AB'.repeat(32))).toThrow();
  });

  it('sweeps temp files of interrupted uploads, but not fresh ones', async () => {
    const tmp = join(dir, 'files', 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'old.part'), 'x');
    writeFileSync(join(tmp, 'new.part'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(tmp, 'old.part'), twoHoursAgo, twoHoursAgo);
    expect(await sweepTemp(dir)).toBe(1);
    expect(existsSync(join(tmp, 'old.part'))).toBe(false);
    expect(existsSync(join(tmp, 'new.part'))).toBe(true);
  });
});
