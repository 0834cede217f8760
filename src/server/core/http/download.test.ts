import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { contentDisposition, DOCX_TYPE, sendDownload } from './download.js';

describe('downloads', () => {
  it('keeps a fixed ASCII name and puts the exact name in filename* (RFC 5987)', () => {
    expect(contentDisposition('督办周报-2026-W48.docx', 'supervision-weekly-2026-W48.docx')).toBe(
      `attachment; filename="supervision-weekly-2026-W48.docx"; filename*=UTF-8''${encodeURIComponent('督办周报-2026-W48.docx')}`,
    );
    // attr-char has no ( ) ' *: they are percent-encoded too, and decode to the same name.
    const cd = contentDisposition("关于(试行)的通知'*.pdf", 'outgoing.pdf');
    expect(cd).toContain("filename*=UTF-8''%E5%85%B3%E4%BA%8E%28%E8%AF%95%E8%A1%8C%29%E7%9A%84%E9%80%9A%E7%9F%A5%27%2A.pdf");
    expect(decodeURIComponent(cd.split("''")[1] ?? '')).toBe("关于(试行)的通知'*.pdf");
  });

  it('sends the type and the file name', async () => {
    const app = Fastify({ logger: false });
    app.get('/f', async (_req, reply) => sendDownload(reply, { type: DOCX_TYPE, name: '催办单.docx', ascii: 'reminder.docx' }, Buffer.from('PK')));
    const res = await app.inject({ method: 'GET', url: '/f' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="reminder.docx"; filename*=UTF-8''${encodeURIComponent('催办单.docx')}`);
    expect(res.body).toBe('PK');
    await app.close();
  });
});
