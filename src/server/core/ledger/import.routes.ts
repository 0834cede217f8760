import { errorEnvelopeSchema } from '../../../shared/errors.js';
import { type ImportResult, importQuerySchema, importResultSchema } from '../../../shared/ledger.js';
import { requireBusinessActor } from '../auth/guards.js';
import { AppError } from '../errors.js';
import type { Actor } from '../http/actor.js';
import type { ZApp } from '../http/zod-app.js';
import { XLSX_TYPE } from './export.js';

/** An import file may be this large: a few thousand rows with long texts. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export interface LedgerImportRoute {
  url: string;
  tags: string[];
  /** E.g. 导入收文登记簿. */
  summary: string;
  run(actor: Actor, file: Buffer, dryRun: boolean): Promise<ImportResult>;
}

/**
 * `POST <url>[?dryRun=true]` with the .xlsx file as the request body (not
 * multipart). Register it in a scope of its own (`app.register`): the scope
 * parses spreadsheet bodies into a Buffer, so no other route accepts them.
 */
export function registerLedgerImport(scope: ZApp, route: LedgerImportRoute): void {
  scope.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  scope.post(
    route.url,
    {
      // 401/403 before the file is looked at: an outsider learns nothing from a 400.
      preValidation: async (req) => {
        requireBusinessActor(req);
      },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: route.tags,
        summary: `${route.summary}（.xlsx 作为请求体）：逐行校验，任一行有误则不导入`,
        description: 'dryRun=true 时只校验并返回逐行错误。有错误时返回 400，details.errors 列出行号、列名和原因。',
        querystring: importQuerySchema,
        response: {
          200: importResultSchema,
          201: importResultSchema,
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
        },
      },
    },
    async (req, reply) => {
      const actor = requireBusinessActor(req);
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) throw new AppError(415, 'unsupported_type', `请以 .xlsx 文件作为请求体上传（Content-Type: ${XLSX_TYPE}）`);
      const dryRun = req.query.dryRun === true;
      return reply.status(dryRun ? 200 : 201).send(await route.run(actor, body, dryRun));
    },
  );
}
