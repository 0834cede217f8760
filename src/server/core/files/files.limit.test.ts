import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDialects } from '../../../../test/support/databases.js';
import { injectAs, login, type Session } from '../../../../test/support/session.js';
import { loadConfig } from '../config.js';
import { seedDemoOrg } from '../org/org.seed.js';

const MIB = 1_048_576;
const DEFAULT_LIMIT = 50 * MIB;
const BOUNDARY = '----zhongshu-limit-boundary';

/**
 * A multipart body with one file part of `size` bytes, produced chunk by
 * chunk as the server reads it: 50 MB never sits in memory.
 */
function streamedUpload(size: number, filename: string, head: Buffer): Readable {
  const CHUNK = 256 * 1024;
  let sent = 0;
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  return new Readable({
    read() {
      if (stage === 'head') {
        stage = 'body';
        this.push(
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
            'utf8',
          ),
        );
        return;
      }
      if (stage === 'body') {
        const n = Math.min(CHUNK, size - sent);
        const chunk = Buffer.alloc(n, 0);
        // The file's own first bytes decide its type.
        if (sent === 0) head.copy(chunk, 0, 0, Math.min(head.length, n));
        sent += n;
        if (sent >= size) stage = 'tail';
        this.push(chunk);
        return;
      }
      if (stage === 'tail') {
        stage = 'done';
        this.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'utf8'));
        return;
      }
      this.push(null);
    },
  });
}

// A PNG signature and header: the type is decided by content, and a picture carries no text to scan.
const PNG_HEAD = Buffer.concat([Buffer.from('89504E470D0A1A0A0000000D49484452', 'hex'), Buffer.alloc(16)]);

function filesUnder(dir: string): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the upload limit', () => {
  it('is 50 MB unless ZHONGSHU_UPLOAD_LIMIT says otherwise', () => {
    expect(loadConfig({ ZHONGSHU_DATA_DIR: '/tmp/x', LOG_LEVEL: 'silent' }).uploadLimit).toBe(DEFAULT_LIMIT);
    expect(loadConfig({ ZHONGSHU_DATA_DIR: '/tmp/x', LOG_LEVEL: 'silent', ZHONGSHU_UPLOAD_LIMIT: '1048576' }).uploadLimit).toBe(MIB);
  });
});

describe.each(testDialects())('the default 50 MB upload limit on %s', (dialect) => {
  let t: TestApp;
  let clerk: Session;
  let url = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoOrg(t.deps);
    clerk = await login(t.app, 'office_clerk');
    const res = await injectAs(t.app, clerk, {
      method: 'POST',
      url: '/api/incoming',
      payload: {
        sourceOrg: '财政部办公厅',
        sourceDocNumber: '财办〔2026〕77号',
        title: '财政部办公厅关于报送年度决算报表的通知',
        docType: '通知',
        classification: 'internal',
        urgency: 'normal',
        kind: 'handle',
        copies: 1,
        receivedDate: '2026-11-25',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    url = `/api/incoming/${(JSON.parse(res.body) as { id: string }).id}/attachments`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (size: number, name: string) =>
    injectAs(t.app, clerk, {
      method: 'POST',
      url,
      payload: streamedUpload(size, name, PNG_HEAD),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });

  it('one byte above 50 MB: 413 payload_too_large in Chinese naming the limit, and no file is kept', async () => {
    expect(t.deps.config.uploadLimit).toBe(DEFAULT_LIMIT);
    const res = await send(DEFAULT_LIMIT + 1, '扫描件.png');
    expect(res.statusCode, res.body).toBe(413);
    const err = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toBe('文件超过上传上限 50 MB，请压缩或拆分后再上传');
    expect(filesUnder(join(t.db.dataDir, 'files'))).toEqual([]);
  }, 120_000);

  it('exactly 50 MB is accepted', async () => {
    const res = await send(DEFAULT_LIMIT, '扫描件.png');
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ name: '扫描件.png', size: DEFAULT_LIMIT, contentType: 'image/png' });
  }, 120_000);
});
