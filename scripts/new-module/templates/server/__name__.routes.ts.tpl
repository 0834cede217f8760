import { __name__CreateSchema, __name__FieldsSchema, __name__ListQuerySchema, __name__ListSchema } from '../../../shared/__name__.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { create__Name__, list__Name__, present__Name__ } from './__name__.service.js';
import { __name__Workflow } from './__name__.workflow.js';

const { tags, errors, preValidation } = routeKit('__name__');

/** Thin routes: schema, sign-in, one service call. Every new route needs its row in test/sanyuan-matrix.test.ts. */
export function register__Name__Routes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/__name__',
    {
      preValidation,
      schema: {
        tags,
        summary: '新建__label__',
        description: '返回 201 与新建的__label__（state "draft"）。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: __name__CreateSchema,
        response: { 201: workflowViewSchema(__name__FieldsSchema), ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await create__Name__(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/__name__',
    { preValidation, schema: { tags, summary: '__label__台账（筛选、搜索；新建的在前）', querystring: __name__ListQuerySchema, response: { 200: __name__ListSchema, ...errors } } },
    async (req) => list__Name__(deps, requireBusinessActor(req), req.query),
  );

  registerWorkflowRoutes(app, deps, __name__Workflow, { fields: __name__FieldsSchema, present: present__Name__, authenticate: requireBusinessActor, tags });
}
