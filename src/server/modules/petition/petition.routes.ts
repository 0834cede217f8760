import { petitionCreateSchema, petitionFieldsSchema, petitionListQuerySchema, petitionListSchema } from '../../../shared/petition.js';
import { workflowViewSchema } from '../../../shared/workflow.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import type { Deps } from '../../core/deps.js';
import { errorSchemas, routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { idempotencyOf, sendOutcome } from '../../core/idempotency/idempotency.request.js';
import { idempotencyHeadersSchema, registerWorkflowRoutes } from '../../core/workflow/workflow.routes.js';
import { createPetition, listPetition, presentPetition } from './petition.service.js';
import { petitionWorkflow } from './petition.workflow.js';

const { tags, errors, preValidation } = routeKit('petition');

/** Thin routes: schema, sign-in, one service call. Every new route needs its row in test/sanyuan-matrix.test.ts. */
export function registerPetitionRoutes(app: ZApp, deps: Deps): void {
  app.post(
    '/api/petition',
    {
      preValidation,
      schema: {
        tags,
        summary: '新建信访件',
        description: '返回 201 与新建的信访件（state "draft"）。文字含密级标志返回 422 classified_refused。',
        headers: idempotencyHeadersSchema,
        body: petitionCreateSchema,
        response: { 201: workflowViewSchema(petitionFieldsSchema), ...errors, ...errorSchemas(422) },
      },
    },
    async (req, reply) => sendOutcome(reply, await createPetition(deps, requireBusinessActor(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/petition',
    {
      preValidation,
      schema: { tags, summary: '信访件台账（筛选、搜索；新建的在前）', querystring: petitionListQuerySchema, response: { 200: petitionListSchema, ...errors } },
    },
    async (req) => listPetition(deps, requireBusinessActor(req), req.query),
  );

  registerWorkflowRoutes(app, deps, petitionWorkflow, { fields: petitionFieldsSchema, present: presentPetition, authenticate: requireBusinessActor, tags });
}
