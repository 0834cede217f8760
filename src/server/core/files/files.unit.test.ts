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

describe('names and paths', () => {
  it('keeps only the last path component of an uploaded name, without control characters', () => {
    expect(cleanFileName('C:\\Users\\周\\Desktop\\通知.docx', 'docx')).toBe('通知.docx');
    expect(cleanFileName('../../etc/passwd', 'txt')).toBe('passwd');
    expect(cleanFileName('..', 'pdf')).toBe('附件.pdf');
    expect(cleanFileName(undefined, 'jpeg')).toBe('附件.jpg');
    expect(cleanFileName('a\u0000b\u001f"c".pdf', 'pdf')).toBe('abc.pdf');
    const long = cleanFileName(`${'很长的名字'.repeat(60)}.docx`, 'docx');
    expect(long.length).toBe(200);
    expect(long.endsWith('.docx')).toBe(true);
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
