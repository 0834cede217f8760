import {
  clearPetitionerSchema,
  lookupResultSchema,
  lookupSchema,
  petitionCreateSchema,
  petitionFieldsSchema,
  petitionFilterSchema,
  petitionListQuerySchema,
  petitionListSchema,
  petitionStatsSchema,
  statsQuerySchema,
} from '../../../shared/petition.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { docxToPdfOrRefuse } from '../../core/docx/pdf.js';
import { DOCX_TYPE, PDF_TYPE, sendDownload } from '../../core/http/download.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { XLSX_TYPE } from '../../core/ledger/export.js';
import { idParamsSchema, idempotencyHeadersSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { noticeDocx, replyDocx } from './petition.docx.js';
import { exportLedger } from './petition.ledger.js';
import { getSettings, petitionSettingsSchema, saveSettings, settingsUpdateSchema } from './petition.settings.js';
import { createPetition, listPetition, lookupPetitions, petitionStats, presentPetition, readPetitioner } from './petition.service.js';
import { petitionWorkflow } from './petition.workflow.js';

const { tags, errors, preValidation } = routeKit('petition');

/** Thin routes: schema, sign-in, one service call. Every route has its row in test/sanyuan-matrix.test.ts. */
export function registerPetitionRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/petition',
    {
      preValidation,
      schema: {
        tags,
        summary: '登记信访件（信访工作人员）',
        description:
          '返回 201 与登记的信访件（state "registered"，编号 信〔YYYY〕N号）。信访人信息加密保存，响应中脱敏。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: petitionCreateSchema,
        response: { 201: workflowViewSchema(petitionFieldsSchema), ...errors, ...errorSchemas(404, 409, 422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createPetition(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/petition',
    {
      preValidation,
      schema: {
        tags,
        summary: '信访台账（筛选；在办的按期限在前，其余新收的在前）',
        querystring: petitionListQuerySchema,
        response: { 200: petitionListSchema, ...errors },
      },
    },
    async (req) => listPetition(deps, requireBusinessActor(req), req.query),
  );

  app.get(
    '/api/petition/export.xlsx',
    // No response schema: the body is the spreadsheet's bytes.
    { preValidation, schema: { tags, summary: '导出信访台账（.xlsx，信访人信息脱敏；记入审计日志）', querystring: petitionFilterSchema } },
    async (req, reply) => {
      const { name, body } = await exportLedger(deps, requireBusinessActor(req), req.query);
      return sendDownload(reply, { type: XLSX_TYPE, name, ascii: 'petition-ledger.xlsx' }, body);
    },
  );

  app.get(
    '/api/petition/stats',
    { preValidation, schema: { tags, summary: '信访统计（按年）', querystring: statsQuerySchema, response: { 200: petitionStatsSchema, ...errors } } },
    async (req) => petitionStats(deps, requireBusinessActor(req), req.query.year),
  );

  app.post(
    '/api/petition/lookup',
    {
      preValidation,
      schema: { tags, summary: '按身份证号或联系电话查询信访人的信访件（记入审计日志）', body: lookupSchema, response: { 200: lookupResultSchema, ...errors } },
    },
    async (req) => lookupPetitions(deps, requireBusinessActor(req), req.body),
  );

  app.get(
    '/api/petition/settings',
    { preValidation, schema: { tags, summary: '信访设置（上一级机关）', response: { 200: petitionSettingsSchema, ...errors } } },
    async (req) => getSettings(deps, requireBusinessActor(req)),
  );

  app.put(
    '/api/petition/settings',
    {
      preValidation,
      schema: {
        tags,
        summary: '保存信访设置（信访工作人员；版本过期返回 409）',
        body: settingsUpdateSchema,
        response: { 200: petitionSettingsSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => saveSettings(deps, requireBusinessActor(req), req.body),
  );

  app.get(
    '/api/petition/:id/petitioner',
    {
      preValidation,
      schema: {
        tags,
        summary: '信访人完整信息（信访工作人员、局领导；记入审计日志）',
        params: idParamsSchema,
        response: { 200: clearPetitionerSchema, ...errors, ...errorSchemas(404) },
      },
    },
    async (req) => readPetitioner(deps, requireBusinessActor(req), req.params.id),
  );

  app.get(
    '/api/petition/:id/reply.docx',
    { preValidation, schema: { tags, summary: '信访事项答复意见书 / 复查意见书 / 复核意见书（.docx）', params: idParamsSchema } },
    async (req, reply) => {
      const { name, body } = await replyDocx(deps, requireBusinessActor(req), req.params.id);
      return sendDownload(reply, { type: DOCX_TYPE, name, ascii: 'petition-reply.docx' }, body);
    },
  );

  app.get(
    '/api/petition/:id/reply.pdf',
    {
      preValidation,
      schema: { tags, summary: '答复意见书 PDF（需服务器安装 LibreOffice，否则 503）', params: idParamsSchema },
    },
    async (req, reply) => {
      const { name, body } = await replyDocx(deps, requireBusinessActor(req), req.params.id);
      const pdf = await docxToPdfOrRefuse(body);
      return sendDownload(reply, { type: PDF_TYPE, name: name.replace(/\.docx$/, '.pdf'), ascii: 'petition-reply.pdf' }, pdf);
    },
  );

  app.get(
    '/api/petition/:id/notice.docx',
    { preValidation, schema: { tags, summary: '受理 / 不予受理 / 转送告知书（.docx）', params: idParamsSchema } },
    async (req, reply) => {
      const { name, body } = await noticeDocx(deps, requireBusinessActor(req), req.params.id);
      return sendDownload(reply, { type: DOCX_TYPE, name, ascii: 'petition-notice.docx' }, body);
    },
  );

  registerWorkflowRoutes(app, deps, petitionWorkflow, {
    fields: petitionFieldsSchema,
    present: (o, ctx) => presentPetition(o, { ...ctx, deps }),
    authenticate: requireBusinessActor,
    tags,
  });
}
