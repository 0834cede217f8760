import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import multipart, { type Multipart } from '@fastify/multipart';
import { z } from 'zod';
import { attachmentListSchema, attachmentSchema, ownerIdSchema, ownerKindSchema } from '../../../shared/files.js';
import type { Deps } from '../deps.js';
import { AppError, validation } from '../errors.js';
import { requireBusinessActor } from '../auth/guards.js';
import { sendDownload } from '../http/download.js';
import { errorSchemas } from '../http/route-kit.js';
import type { ZApp } from '../http/zod-app.js';
import { listAttachments, openAttachment, payloadTooLarge, uploadAttachment, voidAttachment, type IncomingFile } from './files.service.js';

const ownerParams = z.strictObject({ kind: ownerKindSchema, id: ownerIdSchema });
const idParams = z.strictObject({ id: z.string().trim().min(1).max(100) });
const errors = errorSchemas(400, 401, 403, 404);

/**
 * Parser failures of a malformed multipart body are the client's doing: a
 * 400 (or 413 for the plugin's own limits), never a 500.
 */
function clientError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const status = typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : 0;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'unsupported_type', '上传文件须使用 multipart/form-data');
  if (status === 413) return payloadTooLarge('上传内容超过限制：每次只能上传一个文件');
  return validation('上传内容格式不正确（multipart 数据不完整或已损坏），请重新上传');
}

/** The parts after the file: form fields pass, a second file is refused (the parser's own files limit says so too). */
async function onlyFieldsFollow(parts: AsyncIterableIterator<Multipart>): Promise<void> {
  try {
    for (let next = await parts.next(); !next.done; next = await parts.next()) {
      if (next.value.type === 'file') {
        next.value.file.resume();
        throw payloadTooLarge('上传内容超过限制：每次只能上传一个文件');
      }
    }
  } catch (err) {
    throw clientError(err);
  }
}

export async function registerFilesRoutes(app: ZApp, deps: Deps): Promise<void> {
  // Multipart is registered in this scope only: no other route accepts it.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: deps.config.uploadLimit, files: 1, fields: 10, parts: 20, fieldSize: 10_000, headerPairs: 50 },
  });

  app.post(
    '/api/:kind/:id/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: '上传附件（multipart，字段 file）',
        description: '类型按内容识别；含国家秘密标志的文件返回 422 classified_refused。',
        consumes: ['multipart/form-data'],
        params: ownerParams,
        response: { 201: attachmentSchema, ...errors, ...errorSchemas(413, 415, 422) },
      },
    },
    async (req, reply) => {
      const actor = requireBusinessActor(req);
      // Set when the multipart parser or the part's stream fails: those errors
      // are the client's (a 4xx); anything else (a full disk) stays a 500.
      let parseFailed = false;
      const seen: { stream: Readable | null } = { stream: null };
      // @fastify/busboy reads the raw UTF-8 file names browsers send (and RFC 5987 filename*).
      const parts = req.parts();
      const receive = async (): Promise<IncomingFile | null> => {
        try {
          let next = await parts.next();
          while (!next.done && next.value.type !== 'file') next = await parts.next();
          if (next.done || next.value.type !== 'file') return null;
          const part = next.value;
          seen.stream = part.file;
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw validation('上传的文件须放在表单字段 file 中');
          }
          return { filename: part.filename, stream: part.file, truncated: () => part.file.truncated, rest: () => onlyFieldsFollow(parts) };
        } catch (err) {
          parseFailed = true;
          throw clientError(err);
        }
      };
      try {
        const created = await uploadAttachment(deps, actor, { kind: req.params.kind, ownerId: req.params.id }, receive);
        return reply.status(201).send(created);
      } catch (err) {
        // The part's stream carries the parser's failure (a body cut short).
        if (seen.stream?.errored) parseFailed = true;
        if (err instanceof AppError || !parseFailed) throw err;
        throw clientError(err);
      }
    },
  );

  app.get(
    '/api/:kind/:id/attachments',
    { schema: { tags: ['attachments'], summary: '对象的附件列表', params: ownerParams, response: { 200: attachmentListSchema, ...errors } } },
    async (req) => listAttachments(deps, requireBusinessActor(req), req.params.kind, req.params.id),
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: '下载附件',
        description: '总是以下载方式返回（Content-Disposition: attachment），类型为上传时按内容识别的类型。',
        params: idParams,
        // No response schema: the body is the file's bytes, streamed.
      },
    },
    async (req, reply) => {
      const file = await openAttachment(deps, requireBusinessActor(req), req.params.id);
      reply.header('Content-Length', String(file.size)).header('X-Content-Type-Options', 'nosniff');
      return sendDownload(reply, { type: file.contentType, name: file.name }, createReadStream(file.path));
    },
  );

  app.delete(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: '删除附件（作废，记录保留）',
        params: idParams,
        response: { 200: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req) => voidAttachment(deps, requireBusinessActor(req), req.params.id),
  );
}
