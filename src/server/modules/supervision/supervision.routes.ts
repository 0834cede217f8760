import {
  divisionQuerySchema,
  divisionViewSchema,
  settingsSchema,
  settingsUpdateSchema,
  supervisionCreateSchema,
  supervisionFieldsSchema,
  supervisionFilterSchema,
  supervisionListQuerySchema,
  supervisionListSchema,
  supervisionOptionsSchema,
  weeklyReportSchema,
  weekQuerySchema,
} from '../../../shared/supervision.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { notFound } from '../../core/errors.js';
import { DOCX_TYPE, sendDownload } from '../../core/http/download.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, idParamsSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { loadVisible } from '../../core/workflow/workflow.engine.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import { renderReminderDocx, renderWeeklyReportDocx } from './supervision.docx.js';
import { registerLedgerImport } from '../../core/ledger/import.routes.js';
import { exportFileName, exportLedger, importLedger } from './supervision.ledger.js';
import { beijingDate } from './supervision.lights.js';
import { remindersOf } from './supervision.repo.js';
import { createItem, divisionView, getSettings, listItems, presentItem, supervisionOptions, updateSettings } from './supervision.service.js';
import { getWeeklyReport } from './supervision.weekly.js';
import { supervisionWorkflow, today } from './supervision.workflow.js';

const { tags, errors, preValidation } = routeKit('supervision');
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerSupervisionRoutes(app: ZApp, deps: Deps): void {
  const view = workflowViewSchema(supervisionFieldsSchema);

  app.post(
    '/api/supervision',
    {
      preValidation,
      schema: {
        tags,
        summary: '督办立项（办公室、局领导）',
        description: '返回 201 与事项（含编号 督〔年〕N号、state "open"、light）。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: supervisionCreateSchema,
        response: { 201: view, ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => {
      const actor = requireBusinessActor(req);
      return sendOutcome(reply, await createItem(deps, actor, req.body, idempotencyOf(req)));
    },
  );

  app.get(
    '/api/supervision',
    {
      preValidation,
      schema: {
        tags,
        summary: '督办台账（筛选、搜索、灯色；在办在前、按时限排序）',
        querystring: supervisionListQuerySchema,
        response: { 200: supervisionListSchema, ...errors },
      },
    },
    async (req) => listItems(deps, requireBusinessActor(req), req.query),
  );

  app.get(
    '/api/supervision/options',
    { preValidation, schema: { tags, summary: '立项与办理表单的可选项（局领导、处室、人员）', response: { 200: supervisionOptionsSchema, ...errors } } },
    async (req) => {
      requireBusinessActor(req);
      return supervisionOptions(deps);
    },
  );

  app.get(
    '/api/supervision/settings',
    { preValidation, schema: { tags, summary: '一周一督报送日与临期黄灯天数', response: { 200: settingsSchema, ...errors } } },
    async (req) => getSettings(deps, requireBusinessActor(req)),
  );

  app.put(
    '/api/supervision/settings',
    {
      preValidation,
      schema: {
        tags,
        summary: '修改一周一督报送日与临期黄灯天数（办公室主任）',
        body: settingsUpdateSchema,
        response: { 200: settingsSchema, ...errors, ...errorSchemas(409) },
      },
    },
    async (req) => updateSettings(deps, requireBusinessActor(req), req.body),
  );

  app.get(
    '/api/supervision/division',
    {
      preValidation,
      schema: {
        tags,
        summary: '本处室本周应办：签收、进展、节点、到期与逾期',
        querystring: divisionQuerySchema,
        response: { 200: divisionViewSchema, ...errors, ...errorSchemas(404) },
      },
    },
    async (req) => divisionView(deps, requireBusinessActor(req), req.query),
  );

  app.get(
    '/api/supervision/weekly-report',
    {
      preValidation,
      schema: {
        tags,
        summary: '督办周报（JSON）：已发布的周次按发布时的内容返回',
        querystring: weekQuerySchema,
        response: { 200: weeklyReportSchema, ...errors },
      },
    },
    async (req) => getWeeklyReport(deps, requireBusinessActor(req), req.query.week),
  );

  app.get(
    '/api/supervision/weekly-report.docx',
    { preValidation, schema: { tags, summary: '督办周报（.docx，通报版式）', querystring: weekQuerySchema } },
    async (req, reply) => {
      const report = await getWeeklyReport(deps, requireBusinessActor(req), req.query.week);
      const buf = await renderWeeklyReportDocx(report);
      return sendDownload(reply, { type: DOCX_TYPE, name: `督办周报-${report.week}.docx`, ascii: `supervision-weekly-${report.week}.docx` }, buf);
    },
  );

  app.get(
    '/api/supervision/export.xlsx',
    // No response schema: the body is the spreadsheet's bytes.
    { preValidation, schema: { tags, summary: '导出督办台账（.xlsx，按当前筛选条件；记入审计日志）', querystring: supervisionFilterSchema } },
    async (req, reply) => {
      const buf = await exportLedger(deps, requireBusinessActor(req), req.query);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', attachment(exportFileName(today(deps)), 'supervision-ledger.xlsx'))
        .send(buf);
    },
  );

  app.get(
    '/api/supervision/:id/reminders/:reminderId/notice.docx',
    { preValidation, schema: { tags, summary: '催办单（.docx）', params: idParamsSchema.extend({ reminderId: idParamsSchema.shape.id }) } },
    async (req, reply) => {
      const actor = requireBusinessActor(req);
      const { item, reminder, sequence, names } = await deps.db.transaction().execute(async (trx) => {
        const o = await loadVisible(trx, supervisionWorkflow, actor, req.params.id);
        const all = await remindersOf(trx, o.id);
        const idx = all.findIndex((r) => r.id === req.params.reminderId);
        const r = all[idx];
        if (!r) throw notFound('该催办记录不存在');
        const units = new Map(
          (
            await getUnitsByIds(
              { db: trx },
              o.units.map((u) => u.unit_id),
            )
          ).map((u) => [u.id, u.name]),
        );
        return { item: o, reminder: r, sequence: idx + 1, names: units };
      });
      const buf = await renderReminderDocx({
        number: item.number,
        title: item.title,
        leadDivision: names.get(item.lead_division_id) ?? '',
        assistDivisions: item.units.filter((u) => u.role === 'assist').map((u) => names.get(u.unit_id) ?? ''),
        owner: item.owner_name,
        assignedDate: item.assigned_date,
        deadline: item.deadline,
        originalDeadline: item.original_deadline,
        light: reminder.light,
        message: reminder.message,
        sentBy: reminder.sent_by_name,
        date: beijingDate(reminder.at),
        sequence,
      });
      return sendDownload(reply, { type: DOCX_TYPE, name: `督办催办单-${item.number}-${sequence}.docx`, ascii: `supervision-reminder-${sequence}.docx` }, buf);
    },
  );

  registerWorkflowRoutes(app, deps, supervisionWorkflow, {
    fields: supervisionFieldsSchema,
    present: (o, ctx) => presentItem(deps, o, ctx),
    authenticate: requireBusinessActor,
    tags,
  });
}

/** The paper 督办台账 as an .xlsx request body, in a scope of its own (core/ledger). */
export async function registerSupervisionImport(scope: ZApp, deps: Deps): Promise<void> {
  registerLedgerImport(scope, {
    url: '/api/supervision/import',
    tags,
    summary: '导入督办台账',
    run: (actor, file, dryRun) => importLedger(deps, actor, file, { dryRun }),
  });
}
