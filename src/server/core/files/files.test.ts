import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDocxWatermark,
  EXE_BYTES,
  JPEG_BYTES,
  PNG_BYTES,
  makeDocx,
  makeOfd,
  makeOle,
  makePdf,
  makeXlsx,
  multipart,
} from '../../../../test/fixtures/guard/make-files.js';
import { createTestDb, type TestDb, testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { guardText } from '../guard/guard.service.js';
import { seedDemoOrg } from '../org/org.seed.js';
import { registerAttachmentOwner } from './files.owners.js';
import { attachmentText, listAttachments } from './files.service.js';

// A made-up owner kind for the tests: everyone but 吴处长 (div2_head) may see
// demo objects; only the 监管一处 accounts may attach to them; `gone` exists for nobody.
registerAttachmentOwner({
  kind: 'demo',
  async canSee(_deps, actor, id) {
    return id !== 'gone' && actor.username !== 'div2_head';
  },
  async canAttach(_deps, actor) {
    return actor.username === 'div1_staff' || actor.username === 'div1_head';
  },
});

const UPLOAD_LIMIT = 300_000;

interface ErrorBody {
  error: { code: string; message: string; details?: { findings?: Array<{ marking: string; field: string; where: string; line: number }> } };
}
interface Created {
  id: string;
  name: string;
  size: number;
  contentType: string;
}
const body = <T>(r: LightMyRequestResponse) => JSON.parse(r.body) as T;

function listFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(listFiles(p));
    else out.push(p);
  }
  return out;
}

describe.each(testDialects())('attachments and the classification guard (%s)', (dialect) => {
  let app: FastifyInstance;
  let deps: Deps;
  let db: TestDb;
  let staff: Session; // may see and attach
  let other: Session; // may see, may not attach
  let blind: Session; // may not see
  let officer: Session;

  const upload = (s: Session | null, file: Buffer | string, filename = 'file.bin', url = '/api/demo/obj-1/attachments', field = 'file') => {
    const mp = multipart([{ name: field, filename, contentType: 'application/octet-stream', data: file }]);
    if (!s) return app.inject({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
    return injectAs(app, s, { method: 'POST', url, payload: mp.payload, headers: mp.headers });
  };
  const blobs = () => listFiles(join(db.dataDir, 'files')).filter((p) => !p.includes(`${join('files', 'tmp')}`));
  const temps = () => listFiles(join(db.dataDir, 'files', 'tmp'));
  const auditActions = async (action: string) =>
    deps.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'details', 'actor_id', 'target_type', 'target_id'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const config = loadConfig({ ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' }, { uploadLimit: UPLOAD_LIMIT });
    ({ app, deps } = await buildApp({ config, db, clock: new ManualClock(), logger: false, serveWeb: false, scheduler: false }));
    await seedDemoOrg(deps);
    [staff, other, blind, officer] = await Promise.all([
      login(app, 'div1_staff'),
      login(app, 'div2_staff'),
      login(app, 'div2_head'),
      login(app, 'secrecy_officer'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  describe('who may upload', () => {
    it('401 without a session, 403 csrf without the token', async () => {
      const anon = await upload(null, 'hello');
      expect(anon.statusCode).toBe(401);
      const mp = multipart([{ name: 'file', filename: 'a.txt', data: 'hello' }]);
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/demo/obj-1/attachments',
        payload: mp.payload,
        headers: { ...mp.headers, cookie: staff.cookie },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(body<ErrorBody>(noCsrf).error.code).toBe('csrf');
    });

    it('404 for an unknown kind or an object the user may not see; 403 for one they may see but not attach to', async () => {
      expect((await upload(staff, 'hello', 'a.txt', '/api/nosuchkind/obj-1/attachments')).statusCode).toBe(404);
      expect((await upload(staff, 'hello', 'a.txt', '/api/demo/gone/attachments')).statusCode).toBe(404);
      expect((await upload(blind, 'hello', 'a.txt')).statusCode).toBe(404);
      const res = await upload(other, 'hello', 'a.txt');
      expect(res.statusCode).toBe(403);
      expect(body<ErrorBody>(res).error.code).toBe('forbidden');
      expect((await upload(staff, 'hello', 'a.txt', '/api/Bad..Kind/obj-1/attachments')).statusCode).toBe(400);
    });
  });

  describe('bad input is a 4xx, never a 500', () => {
    it('400 for a missing file, a wrong field name, an empty file and a broken multipart body', async () => {
      const onlyField = multipart([{ name: 'note', data: '说明' }]);
      const r1 = await injectAs(app, staff, { method: 'POST', url: '/api/demo/obj-1/attachments', payload: onlyField.payload, headers: onlyField.headers });
      expect(r1.statusCode).toBe(400);
      expect(body<ErrorBody>(r1).error.message).toContain('file');
      expect((await upload(staff, 'hello', 'a.txt', undefined, 'upload')).statusCode).toBe(400);
      const empty = await upload(staff, Buffer.alloc(0), 'empty.txt');
      expect(empty.statusCode).toBe(400);
      expect(body<ErrorBody>(empty).error.message).toContain('空');
      const mp = multipart([{ name: 'file', filename: 'a.txt', data: 'hello world' }]);
      const truncated = mp.payload.subarray(0, mp.payload.length - 30);
      const r2 = await injectAs(app, staff, { method: 'POST', url: '/api/demo/obj-1/attachments', payload: truncated, headers: mp.headers });
      expect(r2.statusCode).toBe(400);
      const r3 = await injectAs(app, staff, {
        method: 'POST',
        url: '/api/demo/obj-1/attachments',
        payload: 'garbage',
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(r3.statusCode).toBeGreaterThanOrEqual(400);
      expect(r3.statusCode).toBeLessThan(500);
      const r4 = await injectAs(app, staff, { method: 'POST', url: '/api/demo/obj-1/attachments', payload: { file: 'x' } });
      expect(r4.statusCode).toBe(415);
      expect(temps()).toEqual([]);
    });

    it('415 unsupported_type for an EXE named .pdf, a plain zip, HTML-free binary and a fake OLE', async () => {
      const exe = await upload(staff, EXE_BYTES, '通知.pdf');
      expect(exe.statusCode).toBe(415);
      expect(body<ErrorBody>(exe).error.code).toBe('unsupported_type');
      expect(body<ErrorBody>(exe).error.message).toContain('PDF');
      const JSZip = (await import('jszip')).default;
      const zip = new JSZip();
      zip.file('readme.txt', 'hello');
      expect((await upload(staff, await zip.generateAsync({ type: 'nodebuffer' }), 'a.docx')).statusCode).toBe(415);
      expect((await upload(staff, Buffer.from([0, 1, 2, 3, 4, 5]), 'a.txt')).statusCode).toBe(415);
      expect((await upload(staff, Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(600)]), 'a.doc')).statusCode).toBe(415);
      expect((await upload(staff, Buffer.from('%PDF-1.7\nnot really a pdf'), 'a.pdf')).statusCode).toBe(415);
      expect(temps()).toEqual([]);
    });

    it('413 payload_too_large above the upload limit, and nothing is left behind', async () => {
      const before = blobs().length;
      const res = await upload(staff, Buffer.alloc(UPLOAD_LIMIT + 10, 0x61), 'big.txt');
      expect(res.statusCode).toBe(413);
      expect(body<ErrorBody>(res).error.code).toBe('payload_too_large');
      expect(temps()).toEqual([]);
      expect(blobs().length).toBe(before);
      expect((await upload(staff, Buffer.alloc(UPLOAD_LIMIT, 0x62), 'exactly.txt')).statusCode).toBe(201);
    });
    it('one file per upload: a second file part is refused with 413, and neither file is kept', async () => {
      const before = blobs().length;
      const listed = async () => body<{ items: unknown[] }>(await injectAs(app, staff, { method: 'GET', url: '/api/demo/obj-1/attachments' })).items.length;
      const count = await listed();
      const mp = multipart([
        { name: 'file', filename: 'first.png', contentType: 'image/png', data: PNG_BYTES },
        { name: 'file', filename: 'second.png', contentType: 'image/png', data: PNG_BYTES },
      ]);
      const res = await injectAs(app, staff, { method: 'POST', url: '/api/demo/obj-1/attachments', payload: mp.payload, headers: mp.headers });
      expect(res.statusCode).toBe(413);
      expect(body<ErrorBody>(res).error.message).toBe('上传内容超过限制：每次只能上传一个文件');
      expect(temps()).toEqual([]);
      expect(blobs().length).toBe(before);
      expect(await listed()).toBe(count);
      // A form field after the file is no second file.
      const withField = multipart([
        { name: 'file', filename: 'only.png', contentType: 'image/png', data: PNG_BYTES },
        { name: 'note', data: '说明' },
      ]);
      const ok = await injectAs(app, staff, { method: 'POST', url: '/api/demo/obj-1/attachments', payload: withField.payload, headers: withField.headers });
      expect(ok.statusCode).toBe(201);
    });
  });

  describe('allowed types are decided by content', () => {
    it('accepts PDF, OFD, DOCX, DOC, XLSX, XLS, WPS, JPEG, PNG and TXT with the type of their content', async () => {
      const cases: Array<[Buffer, string, string]> = [
        [makePdf([{ text: 'Budget report 2026' }, { text: '关于做好年度保密工作的通知', cjk: true }]), 'a.pdf', 'application/pdf'],
        [makePdf([{ text: '严守工作秘密，机密性要求见附件', cjk: 'identity' }]), 'b.pdf', 'application/pdf'],
        [await makeOfd({ pages: [[['关于做好'], ['保密工作的通知']]] }), 'a.ofd', 'application/ofd'],
        [await makeDocx({ body: ['严守工作秘密'], header: '内部' }), 'a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        [makeOle('WordDocument'), 'a.doc', 'application/msword'],
        [makeOle('WordDocument'), '旧文件.wps', 'application/vnd.ms-works'],
        [
          await makeXlsx([
            ['项目', '金额'],
            ['办公费', '1200'],
          ]),
          'a.xlsx',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
        [makeOle('Workbook'), 'a.xls', 'application/vnd.ms-excel'],
        [JPEG_BYTES, 'photo.png', 'image/jpeg'],
        [PNG_BYTES, 'scan.jpg', 'image/png'],
        [Buffer.from('会议纪要\n保密工作要常抓不懈', 'utf8'), 'notes', 'text/plain; charset=utf-8'],
      ];
      // The stored name takes the extension of the type the bytes are (a JPEG sent as photo.png is photo.jpg).
      const storedName: Record<string, string> = { 'photo.png': 'photo.jpg', 'scan.jpg': 'scan.png', notes: 'notes.txt' };
      for (const [data, name, type] of cases) {
        const res = await upload(staff, data, name);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
        expect(body<Created>(res)).toMatchObject({ name: storedName[name] ?? name, size: data.length, contentType: type });
      }
      const uploads = await auditActions('files.upload');
      expect(uploads.length).toBeGreaterThanOrEqual(cases.length);
      const doc = uploads.find((u) => (JSON.parse(u.details) as { format?: string }).format === 'doc');
      expect(JSON.parse(doc?.details ?? '{}')).toMatchObject({ textScanned: false });
    });

    it('stores identical content once, under files/ab/cd/<sm3>, with a row per upload', async () => {
      const data = Buffer.from(`同一份内容 ${dialect}`, 'utf8');
      const a = body<Created>(await upload(staff, data, '一.txt'));
      const b = body<Created>(await upload(staff, data, '二.txt'));
      expect(a.id).not.toBe(b.id);
      const rows = await deps.db.selectFrom('attachments').select(['sm3']).where('id', 'in', [a.id, b.id]).execute();
      expect(new Set(rows.map((r) => r.sm3)).size).toBe(1);
      const sm3 = rows[0]?.sm3 ?? '';
      const matches = blobs().filter((p) => p.endsWith(sm3));
      expect(matches).toEqual([join(db.dataDir, 'files', sm3.slice(0, 2), sm3.slice(2, 4), sm3)]);
    });
  });

  describe('the guard refuses files that carry a classification marking', () => {
    const refused = async (data: Buffer, name: string) => {
      const before = blobs().length;
      const res = await upload(staff, data, name);
      expect(res.statusCode, res.body).toBe(422);
      const err = body<ErrorBody>(res).error;
      expect(err.code).toBe('classified_refused');
      expect(err.message).toContain('机要');
      expect(temps()).toEqual([]);
      expect(blobs().length).toBe(before);
      return err;
    };

    it('DOCX with 机密★1年 in the page header', async () => {
      const err = await refused(await makeDocx({ body: ['关于专项检查的通知', '各处室：现将有关事项通知如下。'], header: '机密★1年' }), '通知.docx');
      expect(err.message).toContain('机密★1年');
      expect(err.message).toContain('页眉');
      expect(err.details?.findings?.[0]).toMatchObject({ marking: '机密★1年', field: 'header1', line: 1 });
    });

    it('DOCX with the marking in the first line of the body, in the footer, or in document properties', async () => {
      await refused(await makeDocx({ body: ['000123', '秘密★10年', '特急', '关于核查的通知'] }), 'a.docx');
      await refused(await makeDocx({ body: ['正文'], footer: '第1页  绝密★长期' }), 'b.docx');
      const t = await refused(await makeDocx({ body: ['正文'], title: '机密★5年 专项方案' }), 'c.docx');
      expect(t.message).toContain('文档属性“标题”');
      await refused(await makeDocx({ body: ['正文'], keywords: '秘密★' }), 'd.docx');
      const c = await refused(await makeDocx({ body: ['正文'], custom: { 密级: '机密' } }), 'e.docx');
      expect(c.message).toContain('文档属性“密级”');
    });

    it('DOCX with a 机密 WordArt watermark in the header', async () => {
      const marked = await addDocxWatermark(await makeDocx({ body: ['正文'], header: '财政部某监管局' }), '机密');
      const err = await refused(marked, 'watermark.docx');
      expect(err.details?.findings?.[0]).toMatchObject({ marking: '机密', field: 'header1' });
    });

    it('PDF with the marking in a stamp annotation only', async () => {
      const err = await refused(makePdf([{ text: 'Hello' }], { annotation: '绝密★长期' }), 'stamp.pdf');
      expect(err.details?.findings?.[0]).toMatchObject({ marking: '绝密★长期', field: 'page1.annotations' });
    });

    it('PDF with Chinese text (CID font) and with the marking only in its info dictionary', async () => {
      const err = await refused(makePdf([{ text: 'No. 000123' }, { text: '机密★1年', cjk: true }, { text: '关于专项核查的通知', cjk: true }]), 'a.pdf');
      expect(err.details?.findings?.[0]).toMatchObject({ marking: '机密★1年', field: 'page1', line: 2 });
      const info = await refused(makePdf([{ text: 'Hello' }], { info: { Title: '秘密★5年 工作方案' } }), 'b.pdf');
      expect(info.details?.findings?.[0]?.field).toBe('info.Title');
      await refused(makePdf([{ text: '密级：绝密', cjk: true }]), 'c.pdf');
      // Identity-H glyph ids mapped back through a ToUnicode CMap, as Word/WPS export.
      const identity = await refused(
        makePdf([{ text: '000123' }, { text: '秘密★10年', cjk: 'identity' }, { text: '关于核查的通知', cjk: 'identity' }]),
        'd.pdf',
      );
      expect(identity.details?.findings?.[0]).toMatchObject({ marking: '秘密★10年', field: 'page1', line: 2 });
    });

    it('OFD whose marking is split over several TextCode runs, or in its DocInfo', async () => {
      await refused(await makeOfd({ pages: [[['机', '密', '★', '2', '年'], ['关于专项核查的通知']]] }), 'a.ofd');
      await refused(await makeOfd({ pages: [[['正文']]], custom: { 密级: '秘密' } }), 'b.ofd');
      await refused(await makeOfd({ pages: [[['正文']], [['第二页'], ['密级：机密']]] }), 'c.ofd');
    });

    it('TXT in GB18030, UTF-16 and UTF-8, and XLSX shared strings', async () => {
      const gbBytes = Buffer.from('c3dcbcb6a3babbfac3dc0a', 'hex'); // 密级：机密\n in GB18030
      expect(new TextDecoder('gb18030').decode(gbBytes)).toBe('密级：机密\n');
      const gb = Buffer.concat([Buffer.from('d6d8d2aad6aabbe1', 'hex'), Buffer.from('\n'), gbBytes]); // 重要知会
      await refused(gb, 'gb.txt');
      await refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('标题\n秘密★1年\n', 'utf16le')]), 'u16.txt');
      await refused(Buffer.from('绝密★长期\n会议纪要', 'utf8'), 'u8.txt');
      await refused(
        await makeXlsx([
          ['文号', '密级'],
          ['财监〔2026〕8号', '机密★5年'],
        ]),
        'ledger.xlsx',
      );
    });

    it('accepts GB18030 text that only talks about secrecy', async () => {
      const bytes = Buffer.from('b1a3c3dcb9a4d7f70a', 'hex'); // 保密工作\n in GB18030
      expect(new TextDecoder('gb18030').decode(bytes)).toBe('保密工作\n');
      expect((await upload(staff, bytes, 'gb-clean.txt')).statusCode).toBe(201);
    });

    it('records each refusal (outcome denied) and notifies the secrecy officer', async () => {
      const events = await auditActions('guard.classified_refused');
      expect(events.length).toBeGreaterThanOrEqual(10);
      for (const e of events) {
        expect(e.outcome).toBe('denied');
        expect(e.actor_id).toBe(staff.user.id);
        expect(e.target_type).toBe('demo');
      }
      const details = JSON.parse(events[0]?.details ?? '{}') as { findings: Array<{ marking: string }>; sm3?: string };
      expect(details.findings[0]?.marking).toBe('机密★1年');
      expect(details.sm3).toMatch(/^[0-9a-f]{64}$/u);
      const notes = await deps.db.selectFrom('notifications').select(['user_id', 'title', 'kind']).where('kind', '=', 'guard.classified_refused').execute();
      expect(notes.length).toBe(events.length);
      expect(new Set(notes.map((n) => n.user_id))).toEqual(new Set([officer.user.id]));
      expect(notes[0]?.title).toContain('机密★1年');
    });
  });

  describe('download', () => {
    let id = '';
    const pdf = makePdf([{ text: 'Download me' }, { text: '关于做好保密工作的通知', cjk: true }]);

    beforeAll(async () => {
      id = body<Created>(await upload(staff, pdf, '关于做好保密工作的通知 (定稿).pdf')).id;
    });

    it('401 without a session, 404 for someone who may not see the owner or an unknown id', async () => {
      expect((await app.inject({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(401);
      expect((await injectAs(app, blind, { method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(404);
      expect((await injectAs(app, staff, { method: 'GET', url: '/api/attachments/nope' })).statusCode).toBe(404);
    });

    it('serves the bytes as a download with the detected type, nosniff and an RFC 5987 file name', async () => {
      const res = await injectAs(app, other, { method: 'GET', url: `/api/attachments/${id}` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(pdf)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const cd = String(res.headers['content-disposition']);
      expect(cd.startsWith('attachment;')).toBe(true);
      expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('关于做好保密工作的通知 ').replace(/[()]/gu, '')}%28%E5%AE%9A%E7%A8%BF%29.pdf`);
      expect(cd).toMatch(/filename="[\x20-\x7e]+"/u);
      const downloads = await auditActions('files.download');
      expect(downloads.at(-1)).toMatchObject({ actor_id: other.user.id, target_type: 'demo', target_id: 'obj-1' });
    });

    it('lists the attachments of an object for those who may see it', async () => {
      const res = await injectAs(app, other, { method: 'GET', url: '/api/demo/obj-1/attachments' });
      expect(res.statusCode).toBe(200);
      const list = body<{ items: Array<{ id: string; name: string }>; total: number }>(res);
      expect(list.items.some((i) => i.id === id)).toBe(true);
      expect(list.total).toBe(list.items.length);
      expect((await injectAs(app, blind, { method: 'GET', url: '/api/demo/obj-1/attachments' })).statusCode).toBe(404);
      const viaService = await listAttachments(deps, { ...staff.user, sessionId: 's', ip: '127.0.0.1' }, 'demo', 'obj-1');
      expect(viaService.total).toBe(list.total);
    });

    it('gives the text of an attachment to the search indexer', async () => {
      expect(await attachmentText(deps, id)).toContain('关于做好保密工作的通知');
    });

    it('voids an attachment (403 for those who may not attach), after which it is gone', async () => {
      expect((await injectAs(app, other, { method: 'DELETE', url: `/api/attachments/${id}` })).statusCode).toBe(403);
      expect((await injectAs(app, staff, { method: 'DELETE', url: `/api/attachments/${id}` })).statusCode).toBe(200);
      expect((await injectAs(app, staff, { method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(404);
      expect((await auditActions('files.void')).length).toBe(1);
    });
  });

  describe('guardText for module text bodies', () => {
    it('passes ordinary prose and refuses a marked body with 422, an audit event and a notification', async () => {
      const actor = { ...staff.user, sessionId: 's', ip: '127.0.0.1' };
      await expect(guardText(deps, actor, { title: '关于加强保密工作的通知', body: '严守工作秘密，保守国家秘密。' })).resolves.toBeUndefined();
      const before = (await auditActions('guard.classified_refused')).length;
      const err = await guardText(
        deps,
        actor,
        { title: '关于专项核查的通知', body: '正文\n密级：秘密' },
        { targetType: 'outgoing', what: '发文拟稿', fieldLabels: { body: '正文' } },
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 422, code: 'classified_refused' });
      expect((err as Error).message).toContain('“密级：秘密”（正文第2行）');
      expect((err as Error).message).toContain('机要交通');
      const after = await auditActions('guard.classified_refused');
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ outcome: 'denied', target_type: 'outgoing' });
    });
  });
});
