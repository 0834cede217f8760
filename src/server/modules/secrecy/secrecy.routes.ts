import { secrecyCreateSchema, secrecyFieldsSchema, secrecyListQuerySchema, secrecyListSchema } from '../../../shared/secrecy.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { createSecrecy, listSecrecy, presentSecrecy } from './secrecy.service.js';
import { secrecyWorkflow } from './secrecy.workflow.js';

const { tags, errors, preValidation } = routeKit('secrecy');

/** Thin routes: schema, sign-in, one service call. Every new route needs its row in test/sanyuan-matrix.test.ts. */
export function registerSecrecyRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/secrecy',
    {
      preValidation,
      schema: {
        tags,
        summary: '新建涉密载体',
        description: '返回 201 与新建的涉密载体（state "draft"）。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: secrecyCreateSchema,
        response: { 201: workflowViewSchema(secrecyFieldsSchema), ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createSecrecy(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/secrecy',
    {
      preValidation,
      schema: { tags, summary: '涉密载体台账（筛选、搜索；新建的在前）', querystring: secrecyListQuerySchema, response: { 200: secrecyListSchema, ...errors } },
    },
    async (req) => listSecrecy(deps, requireBusinessActor(req), req.query),
  );

  registerWorkflowRoutes(app, deps, secrecyWorkflow, { fields: secrecyFieldsSchema, present: presentSecrecy, authenticate: requireBusinessActor, tags });
}
