import {
  checkReportSchema,
  incomingCreateSchema,
  incomingFieldsSchema,
  incomingFilterSchema,
  incomingListQuerySchema,
  incomingListSchema,
  incomingOptionsSchema,
  incomingSettingsSchema,
  incomingSettingsUpdateSchema,
  incomingStatsQuerySchema,
  incomingStatsSchema,
} from '../../../shared/incoming.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, idParamsSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { DOCX_TYPE, PDF_TYPE, sendDownload } from '../../core/http/download.js';
import { formDocx, formPdf } from './incoming.form.js';
import { latestCheck } from './incoming.jobs.js';
import { registerLedgerImport } from '../../core/ledger/import.routes.js';
import { exportFileName, exportLedger, importLedger } from './incoming.ledger.js';
import { createIncoming, getIncomingSettings, incomingOptions, listIncoming, presentIncoming, saveIncomingSettings } from './incoming.service.js';
import { incomingStats } from './incoming.stats.js';
import { incomingWorkflow, today } from './incoming.workflow.js';

const { tags, errors, preValidation } = routeKit('incoming');

export function registerIncomingRoutes(app: ZApp, deps: Deps): void {
  const view = workflowViewSchema(incomingFieldsSchema);

  app.post(
    '/api/incoming',
    {
      preValidation,
      schema: {
        tags,
        summary: '登记收文（办公室文秘）',
        description: '同一来文单位与来文字号已登记时返回 409 duplicate，可带 duplicateOverride.reason 重复登记；密级高于“内部”返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: incomingCreateSchema,
        response: { 201: view, ...errors, ...errorSchemas(409, 422) },
      },
    },
    async (req, reply) => {
      const actor = requireBusinessActor(req);
      return sendOutcome(reply, await createIncoming(deps, actor, req.body, idempotencyOf(req)));
    },
  );

  app.get(
    '/api/incoming',
    {
      preValidation,
      schema: {
        tags,
        summary: '收文登记簿（筛选、搜索；特急、加急在前）',
        querystring: incomingListQuerySchema,
        response: { 200: incomingListSchema, ...errors },
      },
    },
    async (req) => listIncoming(deps, requireBusinessActor(req), req.query),
  );

  app.get(
    '/api/incoming/options',
    { preValidation, schema: { tags, summary: '登记与办理表单的可选项（局领导、处室、人员）', response: { 200: incomingOptionsSchema, ...errors } } },
    async (req) => {
      requireBusinessActor(req);
      return incomingOptions(deps);
    },
  );

  app.get(
    '/api/incoming/stats',
    {
      preValidation,
      schema: {
        tags,
        summary: '收文统计：办结率、超期数、办理用时中位数，按处室和月份',
        querystring: incomingStatsQuerySchema,
        response: { 200: incomingStatsSchema, ...errors },
      },
    },
    async (req) => incomingStats(deps, requireBusinessActor(req), req.query.year),
  );

  app.get(
    '/api/incoming/settings',
    { preValidation, schema: { tags, summary: '收文设置：指定催办人（未指定时为办公室文秘）', response: { 200: incomingSettingsSchema, ...errors } } },
    async (req) => getIncomingSettings(deps, requireBusinessActor(req)),
  );

  app.put(
    '/api/incoming/settings',
    {
      preValidation,
      schema: {
        tags,
        summary: '指定催办人（办公室主任）',
        body: incomingSettingsUpdateSchema,
        response: { 200: incomingSettingsSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => saveIncomingSettings(deps, requireBusinessActor(req), req.body),
  );

  app.get(
    '/api/incoming/checks/latest',
    { preValidation, schema: { tags, summary: '收文每日检查的最新结果（办公室、局领导）', response: { 200: checkReportSchema, ...errors } } },
    async (req) => latestCheck(deps, requireBusinessActor(req)),
  );

  app.get(
    '/api/incoming/export.xlsx',
    {
      preValidation,
      // No response schema: the body is the spreadsheet's bytes.
      schema: { tags, summary: '导出收文登记簿（.xlsx，按当前筛选条件；记入审计日志）', querystring: incomingFilterSchema },
    },
    async (req, reply) => {
      const buf = await exportLedger(deps, requireBusinessActor(req), req.query);
      const name = exportFileName(today(deps));
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="incoming-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buf);
    },
  );

  app.get(
    '/api/incoming/:id/form.docx',
    // No response schema: the body is the slip's bytes.
    { preValidation, schema: { tags, summary: '收文处理单（阅办单，.docx）：拟办意见、各位领导批示、承办与传阅记录', params: idParamsSchema } },
    async (req, reply) => {
      const { regNo, docx } = await formDocx(deps, requireBusinessActor(req), req.params.id);
      return sendDownload(reply, { type: DOCX_TYPE, name: `收文处理单-${regNo}.docx`, ascii: 'incoming-form.docx' }, docx);
    },
  );

  app.get(
    '/api/incoming/:id/form.pdf',
    { preValidation, schema: { tags, summary: '收文处理单的 PDF（LibreOffice 转换；未安装时 503）', params: idParamsSchema } },
    async (req, reply) => {
      const { regNo, pdf } = await formPdf(deps, requireBusinessActor(req), req.params.id);
      return sendDownload(reply, { type: PDF_TYPE, name: `收文处理单-${regNo}.pdf`, ascii: 'incoming-form.pdf' }, pdf);
    },
  );

  registerWorkflowRoutes(app, deps, incomingWorkflow, {
    fields: incomingFieldsSchema,
    present: (o, ctx) => presentIncoming(deps, o, ctx),
    authenticate: requireBusinessActor,
    tags,
  });
}

/** The paper 收文登记簿 as an .xlsx request body, in a scope of its own (core/ledger). */
export async function registerIncomingImport(scope: ZApp, deps: Deps): Promise<void> {
  registerLedgerImport(scope, {
    url: '/api/incoming/import',
    tags,
    summary: '导入收文登记簿',
    run: (actor, file, dryRun) => importLedger(deps, actor, file, { dryRun }),
  });
}
