import { z } from 'zod';
import {
  checkResultSchema,
  diffQuerySchema,
  outgoingCreateSchema,
  outgoingDiffSchema,
  outgoingFieldsSchema,
  outgoingListQuerySchema,
  outgoingListSchema,
  outgoingOptionsSchema,
  outgoingSettingsSchema,
  outgoingSettingsUpdateSchema,
  outgoingUpdateSchema,
  outgoingVersionListSchema,
  outgoingVersionSchema,
} from '../../../shared/outgoing.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { DOCX_TYPE, type DownloadFile, PDF_TYPE, sendDownload } from '../../core/http/download.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, idParamsSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { documentQuerySchema, printJobOf, renderDocx, renderPdf } from './outgoing.print.js';
import {
  createOutgoing,
  diffVersions,
  getSettings,
  getVersion,
  listOutgoing,
  listVersions,
  loadForPrint,
  outgoingOptions,
  presentOutgoing,
  storedFindings,
  updateOutgoing,
  updateSettings,
} from './outgoing.service.js';
import { outgoingWorkflow } from './outgoing.workflow.js';

const { tags, errors, preValidation } = routeKit('outgoing');

/** The document as a file: 文号 and 标题, without what a file name may not hold; `outgoing.<ext>` for clients without `filename*`. */
function documentFile(o: { doc_number: string | null; title: string }, type: string, ext: string): DownloadFile {
  const name = `${o.doc_number ? `${o.doc_number} ` : ''}${o.title}`.replace(/[\\/:*?"<>|\r\n]/g, '').slice(0, 120);
  return { type, name: `${name}.${ext}`, ascii: `outgoing.${ext}` };
}

export function registerOutgoingRoutes(app: ZApp, deps: Deps): void {
  const view = workflowViewSchema(outgoingFieldsSchema);
  const roundParams = idParamsSchema.extend({ round: z.coerce.number({ error: '稿次须为数字' }).int().min(1).max(100_000) });

  app.post(
    '/api/outgoing',
    {
      preValidation,
      schema: {
        tags,
        summary: '拟稿：新建发文（处室工作人员、处室负责人、办公室）',
        headers: idempotencyHeadersSchema,
        body: outgoingCreateSchema,
        response: { 201: view, ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createOutgoing(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/outgoing',
    {
      preValidation,
      schema: {
        tags,
        summary: '发文列表（拟稿处室、会签处室、办公室和局领导可见）',
        querystring: outgoingListQuerySchema,
        response: { 200: outgoingListSchema, ...errors },
      },
    },
    async (req) => listOutgoing(deps, requireBusinessActor(req), req.query),
  );

  app.get(
    '/api/outgoing/options',
    { preValidation, schema: { tags, summary: '拟稿表单的可选项（处室、局领导）', response: { 200: outgoingOptionsSchema, ...errors } } },
    async (req) => {
      requireBusinessActor(req);
      return outgoingOptions(deps);
    },
  );

  app.get(
    '/api/outgoing/settings',
    { preValidation, schema: { tags, summary: '发文设置：机关代字、发文机关、签发上行文的主要负责人', response: { 200: outgoingSettingsSchema, ...errors } } },
    async (req) => {
      requireBusinessActor(req);
      return getSettings(deps);
    },
  );

  app.put(
    '/api/outgoing/settings',
    {
      preValidation,
      schema: {
        tags,
        summary: '修改发文设置（办公室主任）',
        body: outgoingSettingsUpdateSchema,
        response: { 200: outgoingSettingsSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => updateSettings(deps, requireBusinessActor(req), req.body),
  );

  app.put(
    '/api/outgoing/:id',
    {
      preValidation,
      schema: {
        tags,
        summary: '保存修改（新的一稿）；签发后的实质性修改退回签发人复审',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: outgoingUpdateSchema,
        response: { 200: view, ...errors, ...errorSchemas(404, 409, 422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await updateOutgoing(deps, requireBusinessActor(req), req.params.id, req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/outgoing/:id/findings',
    {
      preValidation,
      schema: { tags, summary: '对已保存的发文运行检查器（形式关、文字关、程序关）', params: idParamsSchema, response: { 200: checkResultSchema, ...errors } },
    },
    async (req) => storedFindings(deps, requireBusinessActor(req), req.params.id),
  );

  app.get(
    '/api/outgoing/:id/versions',
    { preValidation, schema: { tags, summary: '历次修改稿（修改痕迹）', params: idParamsSchema, response: { 200: outgoingVersionListSchema, ...errors } } },
    async (req) => listVersions(deps, requireBusinessActor(req), req.params.id),
  );

  app.get(
    '/api/outgoing/:id/versions/:round',
    { preValidation, schema: { tags, summary: '某一稿的全文', params: roundParams, response: { 200: outgoingVersionSchema, ...errors } } },
    async (req) => getVersion(deps, requireBusinessActor(req), req.params.id, req.params.round),
  );

  app.get(
    '/api/outgoing/:id/diff',
    {
      preValidation,
      schema: {
        tags,
        summary: '两稿之间的修改痕迹（按行，改动行含逐字差异）',
        params: idParamsSchema,
        querystring: diffQuerySchema,
        response: { 200: outgoingDiffSchema, ...errors },
      },
    },
    async (req) => diffVersions(deps, requireBusinessActor(req), req.params.id, req.query.from, req.query.to),
  );

  app.get(
    '/api/outgoing/:id/document.docx',
    // No response schema: the body is the document's bytes.
    {
      preValidation,
      schema: {
        tags,
        summary: '按 GB/T 9704 排版的公文（.docx）；纪要按纪要格式，函默认信函格式，?format=standard|letter|minutes 可另选',
        params: idParamsSchema,
        querystring: documentQuerySchema,
      },
    },
    async (req, reply) => {
      const o = await loadForPrint(deps, requireBusinessActor(req), req.params.id);
      const buf = await renderDocx(await printJobOf(deps.db, o, req.query.format));
      return sendDownload(reply, documentFile(o, DOCX_TYPE, 'docx'), buf);
    },
  );

  app.get(
    '/api/outgoing/:id/document.pdf',
    {
      preValidation,
      schema: { tags, summary: '同一版式的 PDF（LibreOffice 转换，按版本和版式缓存；未安装时 503）', params: idParamsSchema, querystring: documentQuerySchema },
    },
    async (req, reply) => {
      const o = await loadForPrint(deps, requireBusinessActor(req), req.params.id);
      const { pdf, cached, ms } = await renderPdf(deps, o.id, await printJobOf(deps.db, o, req.query.format));
      reply.header('X-Pdf-Cache', cached ? 'hit' : `miss; ${ms} ms`);
      return sendDownload(reply, documentFile(o, PDF_TYPE, 'pdf'), pdf);
    },
  );

  registerWorkflowRoutes(app, deps, outgoingWorkflow, {
    fields: outgoingFieldsSchema,
    present: (o, ctx) => presentOutgoing(o, ctx),
    authenticate: requireBusinessActor,
    tags,
  });
}
