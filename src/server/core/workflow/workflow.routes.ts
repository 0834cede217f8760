import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_MAX, workflowViewSchema } from '../../../shared/workflow.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import { type Actor, requireActor } from '../http/actor.js';
import type { ZApp } from '../http/zod-app.js';
import { payloadFieldLabels, payloadTexts } from '../guard/guard.payload.js';
import { refuse, scanFields } from '../guard/guard.service.js';
import { idempotencyOf, sendOutcome } from '../idempotency/idempotency.request.js';
import { actionNames, getAction, type WorkflowDefinition, type WorkflowRow } from './workflow.definition.js';
import { buildWorkflowView, fireTransition, getWorkflowView, loadVisible } from './workflow.engine.js';

export interface WorkflowRouteOptions<O extends WorkflowRow, Shape extends z.ZodRawShape> {
  /** The module's own response fields (id, state, version, history and actions are added). */
  fields: z.ZodObject<Shape>;
  /** Maps the loaded object to those fields (explicitly: never a whole row). */
  present(object: O, ctx: { db: Transaction<Database>; actor: Actor }): z.input<z.ZodObject<Shape>> | Promise<z.input<z.ZodObject<Shape>>>;
  /** Who may call at all; default `requireActor` (401). Business modules pass `requireBusinessActor`. */
  authenticate?(req: FastifyRequest): Actor;
  tags?: string[];
}

export const idParamsSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, { error: '编号格式不正确' }),
});

/** `Idempotency-Key` for the OpenAPI document; other headers pass through untouched. */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z.string().max(IDEMPOTENCY_KEY_MAX).optional().describe('重试安全：24 小时内以同一键重复提交，返回首次的响应且不再执行'),
});

/**
 * The body of `POST /api/<kind>/<id>/transitions`: one strict object per
 * action, `{action, version, …payload}`, told apart by `action`.
 */
export function transitionBodySchema<O extends WorkflowRow, A extends string>(def: WorkflowDefinition<O, A>) {
  const variants = actionNames(def).map((name) =>
    z.strictObject({
      ...def.actions[name].payload.shape,
      action: z.literal(name).describe(def.actions[name].label),
      version: z.number().int().min(0).describe('读取时的版本号'),
    }),
  );
  const [first, ...rest] = variants;
  if (!first) throw new Error(`workflow ${def.kind} has no actions`);
  return rest.length === 0 ? first : z.discriminatedUnion('action', [first, ...rest]);
}

/**
 * Exposes a workflow in two lines of a module's `register`:
 *
 * ```ts
 * registerWorkflowRoutes(app, deps, incomingWorkflow, {
 *   fields: incomingFieldsSchema, present: presentIncoming, authenticate: requireBusinessActor, tags: ['incoming'],
 * });
 * ```
 * gives `GET /api/<kind>/:id` and `POST /api/<kind>/:id/transitions`
 * (Idempotency-Key honoured; 401 before 400).
 */
export function registerWorkflowRoutes<O extends WorkflowRow, A extends string, Shape extends z.ZodRawShape>(
  app: ZApp,
  deps: Deps,
  def: WorkflowDefinition<O, A>,
  opts: WorkflowRouteOptions<O, Shape>,
): void {
  const authenticate = opts.authenticate ?? requireActor;
  // Typed as a plain schema for Fastify: the handlers below build the view
  // from `present`, whose type already matches `fields`.
  const view: z.ZodType = workflowViewSchema(opts.fields);
  const tags = opts.tags ?? [def.kind];
  // Authentication runs before body validation so an anonymous caller learns nothing but 401.
  const preValidation = async (req: FastifyRequest) => {
    authenticate(req);
  };

  app.get(
    `/api/${def.kind}/:id`,
    { preValidation, schema: { tags, summary: `读取${def.label}（含流转记录与可执行操作）`, params: idParamsSchema, response: { 200: view } } },
    async (req) => {
      const actor = authenticate(req);
      return getWorkflowView(deps, def, actor, req.params.id, opts.present);
    },
  );

  app.post(
    `/api/${def.kind}/:id/transitions`,
    {
      preValidation,
      schema: {
        tags,
        summary: `${def.label}流转：${actionNames(def)
          .map((n) => `${n}（${def.actions[n].label}）`)
          .join('、')}`,
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: transitionBodySchema(def),
        response: { 200: view },
      },
    },
    async (req, reply) => {
      const actor = authenticate(req);
      const { action, version, ...payload } = req.body;
      await guardPayload(deps, def, actor, req.params.id, action, payload);
      const out = await idempotencyOf(req).transaction(deps, actor, async (trx, save) => {
        let body: unknown = null;
        await fireTransition(
          deps,
          def,
          { id: req.params.id, action, version, payload, actor },
          {
            trx,
            beforeAudit: async (t, r) => {
              const object = await r.after();
              body = await buildWorkflowView(t, deps, def, actor, object, await opts.present(object, { db: t, actor }));
              await save(200, body);
            },
          },
        );
        return { status: 200, body };
      });
      return sendOutcome(reply, out);
    },
  );
}

/**
 * 涉密信息不上网 for transitions: every text of the payload (opinions,
 * instructions, reasons, results, progress…) is scanned before the
 * transaction opens, because the refusal records its audit event and the
 * secrecy officers' notifications in a transaction of its own (on SQLite a
 * second one cannot start inside the first). Someone who may not see the
 * object gets the same 404 as for any other transition on it.
 */
async function guardPayload<O extends WorkflowRow, A extends string>(
  deps: Deps,
  def: WorkflowDefinition<O, A>,
  actor: Actor,
  id: string,
  action: string,
  payload: unknown,
): Promise<void> {
  const texts = payloadTexts(payload);
  const findings = scanFields(texts);
  if (findings.length === 0) return;
  await deps.db.transaction().execute((trx) => loadVisible(trx, def, actor, id));
  throw await refuse(deps, actor, findings, {
    targetType: def.kind,
    targetId: id,
    what: `${def.label}“${getAction(def, action)?.label ?? action}”`,
    fieldLabels: payloadFieldLabels(texts),
  });
}
