import { z } from 'zod';
import { infoCreateSchema, infoFieldsSchema, infoListQuerySchema, infoListSchema, infoUpdateSchema, infoYearSchema } from '../../../shared/info.js';
import {
  bulletinQuerySchema,
  bulletinSchema,
  infoLedgerSchema,
  penaltyCreateSchema,
  penaltyListQuerySchema,
  penaltyListSchema,
  penaltyRevokeSchema,
  penaltySchema,
  portalLogSchema,
  requestCreateSchema,
  requestFieldsSchema,
  requestListQuerySchema,
  requestListSchema,
  scoringSchema,
  scoringUpdateSchema,
  targetsSchema,
  targetsUpdateSchema,
  yearQuerySchema,
} from '../../../shared/info.scoring.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { DOCX_TYPE, sendDownload } from '../../core/http/download.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { XLSX_TYPE } from '../../core/ledger/export.js';
import { idempotencyHeadersSchema, idParamsSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { getSettings } from '../outgoing/outgoing.service.js';
import { bulletinDocument, exportYear } from './info.outputs.js';
import { registerPortalRoutes } from './info.portal.routes.js';
import {
  createPenalty,
  getBulletin,
  getScoring,
  getTargets,
  infoLedger,
  listPenalties,
  portalLog,
  putScoring,
  putTargets,
  revokePenaltyById,
} from './info.reports.js';
import { createRequest, listRequests, presentRequest } from './info.requests.js';
import { requestWorkflow } from './info.request.workflow.js';
import { createInfo, listInfo, presentInfo, updateInfo } from './info.service.js';
import { infoWorkflow } from './info.workflow.js';

const { tags, errors, preValidation } = routeKit('info');
const yearParams = z.strictObject({ year: infoYearSchema });

/** Thin routes: schema, sign-in, one service call. Every new route needs its row in test/sanyuan-matrix.test.ts. */
export function registerInfoRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/info',
    {
      preValidation,
      schema: {
        tags,
        summary: '拟写政务信息',
        description: '处室工作人员或处室负责人拟写，返回 201（state "draft"，revision 1）。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: infoCreateSchema,
        response: { 201: workflowViewSchema(infoFieldsSchema), ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createInfo(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/info',
    {
      preValidation,
      schema: {
        tags,
        summary: '政务信息列表（按状态、类型、处室、报送年度、是否发布筛选，关键词搜索；新拟的在前）',
        querystring: infoListQuerySchema,
        response: { 200: infoListSchema, ...errors },
      },
    },
    async (req) => listInfo(deps, requireBusinessActor(req), req.query),
  );

  app.put(
    '/api/info/:id',
    {
      preValidation,
      schema: {
        tags,
        summary: '修改政务信息正文（拟稿人在拟稿、处室负责人在处室审核、信息编辑在办公室编审时；旧稿保留，revision + 1）',
        params: idParamsSchema,
        body: infoUpdateSchema,
        response: { 200: workflowViewSchema(infoFieldsSchema), ...errors, ...errorSchemas(404, 409, 422) },
      },
    },
    async (req) => updateInfo(deps, requireBusinessActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/info/export.xlsx',
    {
      preValidation,
      schema: { tags, summary: '导出信息报送台账（.xlsx：信息报送台账、处室进度两张表；办公室、局领导；记入审计日志）', querystring: yearQuerySchema },
    },
    async (req, reply) => {
      const buf = await exportYear(deps, requireBusinessActor(req), req.query.year);
      return sendDownload(reply, { type: XLSX_TYPE, name: `信息报送台账（${req.query.year}年）.xlsx`, ascii: `info-ledger-${req.query.year}.xlsx` }, buf);
    },
  );

  app.get(
    '/api/info/scoring/:year',
    {
      preValidation,
      schema: { tags, summary: '年度信息考核计分表（无则沿用上一年度，再无则为默认表）', params: yearParams, response: { 200: scoringSchema, ...errors } },
    },
    async (req) => getScoring(deps, requireBusinessActor(req), req.params.year),
  );
  app.put(
    '/api/info/scoring/:year',
    {
      preValidation,
      schema: {
        tags,
        summary: '修改年度计分表（办公室主任；版本过期 409）',
        params: yearParams,
        body: scoringUpdateSchema,
        response: { 200: scoringSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => putScoring(deps, requireBusinessActor(req), req.params.year, req.body),
  );

  app.get(
    '/api/info/targets/:year',
    { preValidation, schema: { tags, summary: '各处室年度信息目标（未设为 0）', params: yearParams, response: { 200: targetsSchema, ...errors } } },
    async (req) => getTargets(deps, requireBusinessActor(req), req.params.year),
  );
  app.put(
    '/api/info/targets/:year',
    {
      preValidation,
      schema: {
        tags,
        summary: '设定各处室年度信息目标（办公室主任；版本过期 409）',
        params: yearParams,
        body: targetsUpdateSchema,
        response: { 200: targetsSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => putTargets(deps, requireBusinessActor(req), req.params.year, req.body),
  );

  app.get(
    '/api/info/ledger',
    {
      preValidation,
      schema: {
        tags,
        summary: '信息工作进度台账：各处室对照年度目标的报送、采用、批示、扣分和得分',
        querystring: yearQuerySchema,
        response: { 200: infoLedgerSchema, ...errors },
      },
    },
    async (req) => infoLedger(deps, requireBusinessActor(req), req.query.year),
  );

  app.get(
    '/api/info/bulletin',
    {
      preValidation,
      schema: {
        tags,
        summary: '政务信息工作通报（月 YYYY-MM 或季 YYYY-Qn；已结束的期间印发后不再变化）',
        querystring: bulletinQuerySchema,
        response: { 200: bulletinSchema, ...errors },
      },
    },
    async (req) => getBulletin(deps, requireBusinessActor(req), req.query.period),
  );
  app.get(
    '/api/info/bulletin.docx',
    { preValidation, schema: { tags, summary: '政务信息工作通报（.docx）', querystring: bulletinQuerySchema } },
    async (req, reply) => {
      const b = await getBulletin(deps, requireBusinessActor(req), req.query.period);
      const bureau = (await getSettings(deps)).orgName;
      const buf = await bulletinDocument(b, bureau);
      return sendDownload(reply, { type: DOCX_TYPE, name: `${b.title}.docx`, ascii: `info-bulletin-${b.period}.docx` }, buf);
    },
  );

  app.post(
    '/api/info/penalties',
    {
      preValidation,
      schema: { tags, summary: '登记扣分（办公室；分值取扣分日期所在年度的计分表）', body: penaltyCreateSchema, response: { 201: penaltySchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createPenalty(deps, requireBusinessActor(req), req.body)),
  );
  app.get(
    '/api/info/penalties',
    {
      preValidation,
      schema: { tags, summary: '扣分记录（处室只见本处室）', querystring: penaltyListQuerySchema, response: { 200: penaltyListSchema, ...errors } },
    },
    async (req) => listPenalties(deps, requireBusinessActor(req), req.query),
  );
  app.post(
    '/api/info/penalties/:id/revoke',
    {
      preValidation,
      schema: {
        tags,
        summary: '撤销扣分（办公室主任）',
        params: idParamsSchema,
        body: penaltyRevokeSchema,
        response: { 200: penaltySchema, ...errors, ...errorSchemas(404, 409) },
      },
    },
    async (req) => revokePenaltyById(deps, requireBusinessActor(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/info/portal-log',
    { preValidation, schema: { tags, summary: '门户管理：发布与撤稿记录（谁、何时、为何）', response: { 200: portalLogSchema, ...errors } } },
    async (req) => portalLog(deps, requireBusinessActor(req)),
  );

  registerWorkflowRoutes(app, deps, infoWorkflow, { fields: infoFieldsSchema, present: presentInfo, authenticate: requireBusinessActor, tags });

  // ── 约稿 ──
  app.post(
    '/api/info_request',
    {
      preValidation,
      schema: {
        tags,
        summary: '发出约稿（办公室；截止日期或工作日数二选一）',
        headers: idempotencyHeadersSchema,
        body: requestCreateSchema,
        response: { 201: workflowViewSchema(requestFieldsSchema), ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createRequest(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );
  app.get(
    '/api/info_request',
    {
      preValidation,
      schema: { tags, summary: '约稿列表（按状态、处室、是否逾期筛选）', querystring: requestListQuerySchema, response: { 200: requestListSchema, ...errors } },
    },
    async (req) => listRequests(deps, requireBusinessActor(req), req.query),
  );
  registerWorkflowRoutes(app, deps, requestWorkflow, {
    fields: requestFieldsSchema,
    present: (r, ctx) => presentRequest(r, ctx, deps),
    authenticate: requireBusinessActor,
    tags,
  });

  registerPortalRoutes(app, deps);
}
