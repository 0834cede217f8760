import { z } from 'zod';
import { carrierCreateSchema, carrierFieldsSchema, carrierFilterSchema, carrierListQuerySchema, carrierListSchema } from '../../../shared/secrecy.js';
import {
  campaignCreateSchema,
  campaignListQuerySchema,
  campaignListSchema,
  campaignSchema,
  sheetFieldsSchema,
  sheetListQuerySchema,
  sheetListSchema,
  templateListSchema,
} from '../../../shared/secrecy.inspection.js';
import {
  dashboardSchema,
  myTrainingSchema,
  personnelCreateSchema,
  personnelLeaveSchema,
  personnelListQuerySchema,
  personnelListSchema,
  personnelSchema,
  personnelUpdateSchema,
  refusalListSchema,
  refusalQuerySchema,
  settingsSchema,
  settingsUpdateSchema,
  trainingCreateSchema,
  trainingListSchema,
  trainingPeopleSchema,
  yearQuerySchema,
} from '../../../shared/secrecy.people.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { DOCX_TYPE, sendDownload } from '../../core/http/download.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { XLSX_TYPE } from '../../core/ledger/export.js';
import { idempotencyHeadersSchema, idParamsSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { createCarrier, listCarriers, presentCarrier } from './secrecy.carrier.service.js';
import { carrierWorkflow } from './secrecy.carrier.workflow.js';
import { createCampaign, getCampaign, listCampaigns, listSheets, presentSheet, templates } from './secrecy.inspection.service.js';
import { inspectionWorkflow } from './secrecy.inspection.workflow.js';
import { optionsSchema, secrecyOptions } from './secrecy.options.js';
import { campaignReport, exportRectifications, exportRegister, exportTrainings } from './secrecy.outputs.js';
import { createTraining, dashboard, listRefusals, listTrainings, myTrainings, trainingPeople } from './secrecy.people.service.js';
import { createPersonnel, editPersonnel, leavePersonnel, listPersonnel, todayOf } from './secrecy.personnel.js';
import { getSettings, updateSettings } from './secrecy.settings.js';

const { tags, errors, preValidation } = routeKit('secrecy');
const e404 = errorSchemas(404);
const e409 = errorSchemas(409);
const e422 = errorSchemas(422);

/** Thin routes: schema, sign-in (the 三员 get 403 first), one service call. Every route has its row in test/sanyuan-matrix.test.ts. */
export function registerSecrecyRoutes(app: ZApp, deps: Deps): void {
  registerCarrierRoutes(app, deps);
  registerInspectionRoutes(app, deps);
  registerPeopleRoutes(app, deps);
}

function registerCarrierRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/carrier',
    {
      preValidation,
      schema: {
        tags,
        summary: '涉密载体接收登记（保密员）',
        description: '返回 201 与载体（编号 载〔年〕N号、state "in_custody"、届满日期）。只登记元数据；文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: carrierCreateSchema,
        response: { 201: workflowViewSchema(carrierFieldsSchema), ...errors, ...e409, ...e422 },
      },
    },
    async (req, reply) => sendOutcome(reply, await createCarrier(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );
  app.get(
    '/api/carrier',
    {
      preValidation,
      schema: {
        tags,
        summary: '涉密载体登记簿（筛选、搜索；新接收的在前）',
        querystring: carrierListQuerySchema,
        response: { 200: carrierListSchema, ...errors },
      },
    },
    async (req) => listCarriers(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/carrier/export.xlsx',
    { preValidation, schema: { tags, summary: '导出涉密载体登记簿（.xlsx：登记簿、流转记录；按当前筛选；记入审计日志）', querystring: carrierFilterSchema } },
    async (req, reply) => {
      const buf = await exportRegister(deps, requireBusinessActor(req), req.query);
      return sendDownload(reply, { type: XLSX_TYPE, name: `涉密载体登记簿-${todayOf(deps)}.xlsx`, ascii: 'carrier-register.xlsx' }, buf);
    },
  );
  registerWorkflowRoutes(app, deps, carrierWorkflow, {
    fields: carrierFieldsSchema,
    present: (o, ctx) => presentCarrier(deps, o, ctx),
    authenticate: requireBusinessActor,
    tags,
  });
}

function registerInspectionRoutes(app: ZApp, deps: Deps): void {
  app.get(
    '/api/secrecy/templates',
    { preValidation, schema: { tags, summary: '保密自查表模板（处室 11方面34项、个人 7方面19项）', response: { 200: templateListSchema, ...errors } } },
    async (req) => {
      requireBusinessActor(req);
      return templates();
    },
  );
  app.post(
    '/api/secrecy/campaigns',
    {
      preValidation,
      schema: {
        tags,
        summary: '发起保密自查（保密员）：按处室或按涉密人员下发自查表',
        headers: idempotencyHeadersSchema,
        body: campaignCreateSchema,
        response: { 201: campaignSchema, ...errors, ...e422 },
      },
    },
    async (req, reply) => sendOutcome(reply, await createCampaign(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );
  app.get(
    '/api/secrecy/campaigns',
    {
      preValidation,
      schema: { tags, summary: '保密自查活动（含进度与统计）', querystring: campaignListQuerySchema, response: { 200: campaignListSchema, ...errors } },
    },
    async (req) => listCampaigns(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/campaigns/:id',
    {
      preValidation,
      schema: { tags, summary: '保密自查活动：各处室（人员）状态与统计', params: idParamsSchema, response: { 200: campaignSchema, ...errors, ...e404 } },
    },
    async (req) => getCampaign(deps, requireBusinessActor(req), req.params.id),
  );
  app.get(
    '/api/secrecy/campaigns/:id/report.docx',
    { preValidation, schema: { tags, summary: '自查情况报告（.docx）', params: idParamsSchema } },
    async (req, reply) => {
      const { buffer, title } = await campaignReport(deps, requireBusinessActor(req), req.params.id);
      return sendDownload(reply, { type: DOCX_TYPE, name: `${title}.docx`, ascii: 'inspection-report.docx' }, buffer);
    },
  );
  app.get(
    '/api/inspection',
    { preValidation, schema: { tags, summary: '保密自查表（本人可见的）', querystring: sheetListQuerySchema, response: { 200: sheetListSchema, ...errors } } },
    async (req) => listSheets(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/inspection/export.xlsx',
    { preValidation, schema: { tags, summary: '导出整改台账（.xlsx；本人可见的自查表）', querystring: sheetListQuerySchema } },
    async (req, reply) => {
      const buf = await exportRectifications(deps, requireBusinessActor(req), req.query);
      return sendDownload(reply, { type: XLSX_TYPE, name: `保密自查整改台账-${todayOf(deps)}.xlsx`, ascii: 'rectifications.xlsx' }, buf);
    },
  );
  registerWorkflowRoutes(app, deps, inspectionWorkflow, {
    fields: sheetFieldsSchema,
    present: (o, ctx) => presentSheet(deps, o, ctx),
    authenticate: requireBusinessActor,
    tags,
  });
}

function registerPeopleRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/secrecy/personnel',
    {
      preValidation,
      schema: { tags, summary: '登记涉密人员（保密员）', body: personnelCreateSchema, response: { 201: personnelSchema, ...errors, ...e409, ...e422 } },
    },
    async (req, reply) => reply.code(201).send(await createPersonnel(deps, requireBusinessActor(req), req.body)),
  );
  app.get(
    '/api/secrecy/personnel',
    {
      preValidation,
      schema: { tags, summary: '涉密人员（在岗、脱密期、已解除）', querystring: personnelListQuerySchema, response: { 200: personnelListSchema, ...errors } },
    },
    async (req) => listPersonnel(deps, requireBusinessActor(req), req.query),
  );
  app.put(
    '/api/secrecy/personnel/:id',
    {
      preValidation,
      schema: {
        tags,
        summary: '修改涉密人员（保密员；带版本号）',
        params: idParamsSchema,
        body: personnelUpdateSchema,
        response: { 200: personnelSchema, ...errors, ...e404, ...e409, ...e422 },
      },
    },
    async (req) => editPersonnel(deps, requireBusinessActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/secrecy/personnel/:id/leave',
    {
      preValidation,
      schema: {
        tags,
        summary: '涉密人员离岗（保密员）：计算脱密期',
        params: idParamsSchema,
        body: personnelLeaveSchema,
        response: { 200: personnelSchema, ...errors, ...e404, ...e409 },
      },
    },
    async (req) => leavePersonnel(deps, requireBusinessActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/secrecy/trainings',
    {
      preValidation,
      schema: {
        tags,
        summary: '登记保密教育培训或考试（保密员）',
        headers: idempotencyHeadersSchema,
        body: trainingCreateSchema,
        response: { 201: z.unknown(), ...errors, ...e422 },
      },
    },
    async (req, reply) => sendOutcome(reply, await createTraining(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );
  app.get(
    '/api/secrecy/trainings',
    { preValidation, schema: { tags, summary: '保密培训场次（按年）', querystring: yearQuerySchema, response: { 200: trainingListSchema, ...errors } } },
    async (req) => listTrainings(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/trainings/people',
    { preValidation, schema: { tags, summary: '个人培训台账（按年）', querystring: yearQuerySchema, response: { 200: trainingPeopleSchema, ...errors } } },
    async (req) => trainingPeople(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/trainings/export.xlsx',
    { preValidation, schema: { tags, summary: '导出培训台账（.xlsx：培训场次、个人台账；按年；记入审计日志）', querystring: yearQuerySchema } },
    async (req, reply) => {
      const buf = await exportTrainings(deps, requireBusinessActor(req), req.query);
      return sendDownload(reply, { type: XLSX_TYPE, name: `保密培训台账-${req.query.year ?? todayOf(deps).slice(0, 4)}.xlsx`, ascii: 'trainings.xlsx' }, buf);
    },
  );
  app.get(
    '/api/secrecy/trainings/mine',
    { preValidation, schema: { tags, summary: '我的保密培训（按年）', querystring: yearQuerySchema, response: { 200: myTrainingSchema, ...errors } } },
    async (req) => myTrainings(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/refusals',
    {
      preValidation,
      schema: {
        tags,
        summary: '密级标志拦截记录（保密员）：谁、何时、何处、哪个标志，不含上下文',
        querystring: refusalQuerySchema,
        response: { 200: refusalListSchema, ...errors },
      },
    },
    async (req) => listRefusals(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/dashboard',
    { preValidation, schema: { tags, summary: '保密工作概况（按年）', querystring: yearQuerySchema, response: { 200: dashboardSchema, ...errors } } },
    async (req) => dashboard(deps, requireBusinessActor(req), req.query),
  );
  app.get(
    '/api/secrecy/options',
    { preValidation, schema: { tags, summary: '保密表单的可选处室与人员', response: { 200: optionsSchema, ...errors } } },
    async (req) => secrecyOptions(deps, requireBusinessActor(req)),
  );
  app.get(
    '/api/secrecy/settings',
    { preValidation, schema: { tags, summary: '保密设置（保密员）', response: { 200: settingsSchema, ...errors } } },
    async (req) => getSettings(deps, requireBusinessActor(req)),
  );
  app.put(
    '/api/secrecy/settings',
    {
      preValidation,
      schema: { tags, summary: '修改保密设置（保密员；带版本号）', body: settingsUpdateSchema, response: { 200: settingsSchema, ...errors, ...e409 } },
    },
    async (req) => updateSettings(deps, requireBusinessActor(req), req.body),
  );
}
