import { infoCreateSchema, infoFieldsSchema, infoListQuerySchema, infoListSchema } from '../../../shared/info.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { createInfo, listInfo, presentInfo } from './info.service.js';
import { infoWorkflow } from './info.workflow.js';

const { tags, errors, preValidation } = routeKit('info');

/** Thin routes: schema, sign-in, one service call. Every new route needs its row in test/sanyuan-matrix.test.ts. */
export function registerInfoRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/info',
    {
      preValidation,
      schema: {
        tags,
        summary: '新建政务信息',
        description: '返回 201 与新建的政务信息（state "draft"）。文字含密级标志返回 422 classified_refused。',
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
      schema: { tags, summary: '政务信息台账（筛选、搜索；新建的在前）', querystring: infoListQuerySchema, response: { 200: infoListSchema, ...errors } },
    },
    async (req) => listInfo(deps, requireBusinessActor(req), req.query),
  );

  registerWorkflowRoutes(app, deps, infoWorkflow, { fields: infoFieldsSchema, present: presentInfo, authenticate: requireBusinessActor, tags });
}
