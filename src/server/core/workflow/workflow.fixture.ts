/**
 * Test-only: a small approval workflow ("widget") on its own table, and a
 * minimal server exposing it, used by the engine's tests. Not part of the app.
 */
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { createTestDb, type TestDb } from '../../../../test/support/databases.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { DialectName } from '../db/connect.js';
import type { Deps } from '../deps.js';
import { type Actor, hasRole, requireActor } from '../http/actor.js';
import { installErrorHandler } from '../http/error-handler.js';
import type { ZApp } from '../http/zod-app.js';
import { idempotencyHeadersSchema, registerWorkflowRoutes } from './workflow.routes.js';
import { idempotencyOf, sendOutcome } from '../idempotency/idempotency.request.js';
import type { TodoSource } from '../todos/todos.service.js';
import { registerTodoRoutes } from '../todos/todos.routes.js';
import { workflowFor, type WorkflowRow } from './workflow.definition.js';
import { createWithWorkflow } from './workflow.engine.js';

z.config(z.locales.zhCN());

export type WidgetState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'archived' | 'voided';

export interface WidgetRow extends WorkflowRow {
  state: WidgetState;
  title: string;
  owner_id: string;
  unit_id: string;
  approved_by: string | null;
  notes: number;
  retention: string | null;
}

function actorOf(id: string, name: string, unitId: string, roles: Actor['roles'], onBehalfOf?: Actor['onBehalfOf']): Actor {
  return { id, username: id, name, unitId, roles, sessionId: `s-${id}`, ip: '10.0.0.1', onBehalfOf: onBehalfOf ?? null };
}

export const USERS = {
  staffA: actorOf('u-staff-a', '周科员', 'unit-a', ['staff']),
  staffA2: actorOf('u-staff-a2', '陈科员', 'unit-a', ['staff']),
  staffB: actorOf('u-staff-b', '郑科员', 'unit-b', ['staff']),
  headA: actorOf('u-head-a', '孙处长', 'unit-a', ['division_head']),
  headB: actorOf('u-head-b', '吴处长', 'unit-b', ['division_head']),
  clerk: actorOf('u-clerk', '钱文秘', 'office', ['office_clerk']),
  director: actorOf('u-director', '赵主任', 'office', ['office_director']),
  leader: actorOf('u-leader', '王局长', 'leaders', ['leader']),
  /** The clerk acting for the leader (委托). */
  delegate: actorOf('u-clerk', '钱文秘', 'office', ['leader'], { id: 'u-leader', name: '王局长' }),
} satisfies Record<string, Actor>;
export type UserKey = keyof typeof USERS;

const canSeeWidget = (actor: Actor, o: WidgetRow) =>
  actor.id === o.owner_id || actor.unitId === o.unit_id || hasRole(actor, 'office_clerk', 'office_director', 'leader');
const isHeadOf = (actor: Actor, o: WidgetRow) => hasRole(actor, 'division_head') && actor.unitId === o.unit_id;

const wf = workflowFor<WidgetRow>();
const reason = z.string().trim().min(1).max(500);

export const widgetWorkflow = wf.define({
  kind: 'widgets',
  label: '测试事项',
  table: 'widgets',
  initial: 'draft',
  states: { draft: '草稿', submitted: '已提交', approved: '已批准', rejected: '已否决', archived: '已归档', voided: '已作废' },
  canSee: canSeeWidget,
  actions: {
    submit: wf.action({
      label: '提交',
      from: ['draft'],
      to: 'submitted',
      payload: z.strictObject({}),
      who: (actor, o) => actor.id === o.owner_id,
    }),
    approve: wf.action({
      label: '批准',
      from: ['submitted'],
      to: 'approved',
      payload: z.strictObject({ comment: z.string().trim().max(500).optional() }),
      who: isHeadOf,
      async effect({ trx, actor, object }) {
        await sql`update widgets set approved_by = ${actor.id} where id = ${object.id}`.execute(trx);
        return [{ userId: object.owner_id, title: `“${object.title}”已批准`, link: `/widgets/${object.id}`, kind: 'widgets.approved' }];
      },
    }),
    reject: wf.action({
      label: '否决',
      from: ['submitted'],
      to: { among: ['draft', 'rejected'], choose: ({ payload }) => (payload.final ? 'rejected' : 'draft') },
      payload: z.strictObject({ reason, final: z.boolean().optional() }),
      who: isHeadOf,
    }),
    note: wf.action({
      label: '补充说明',
      from: ['submitted'],
      to: 'submitted',
      payload: z.strictObject({ content: reason }),
      who: canSeeWidget,
      async effect({ trx, object }) {
        await sql`update widgets set notes = notes + 1 where id = ${object.id}`.execute(trx);
      },
    }),
    archive: wf.action({
      label: '归档',
      from: ['approved', 'rejected'],
      to: 'archived',
      payload: z.strictObject({ retention: z.enum(['permanent', '30y', '10y']) }),
      who: (actor) => hasRole(actor, 'office_clerk'),
      async effect({ trx, object, payload }) {
        await sql`update widgets set retention = ${payload.retention} where id = ${object.id}`.execute(trx);
      },
    }),
    void: wf.action({
      label: '作废',
      from: ['draft', 'submitted', 'approved'],
      to: 'voided',
      payload: z.strictObject({ reason }),
      who: (actor) => hasRole(actor, 'office_director', 'leader'),
    }),
  },
});

export async function createWidgetTable(db: TestDb): Promise<void> {
  await db.kysely.schema
    .createTable('widgets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('notes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retention', 'text')
    .execute();
}

export const widgetFieldsSchema = z.object({
  title: z.string(),
  ownerId: z.string(),
  unitId: z.string(),
  approvedBy: z.string().nullable(),
  notes: z.number().int(),
  retention: z.string().nullable(),
});

export const presentWidget = (o: WidgetRow) => ({
  title: o.title,
  ownerId: o.owner_id,
  unitId: o.unit_id,
  approvedBy: o.approved_by,
  notes: Number(o.notes),
  retention: o.retention,
});

/** Creates a widget owned by `owner` through the engine's create helper. */
export async function createWidget(deps: Deps, owner: Actor, title = '测试事项'): Promise<WidgetRow> {
  return createWithWorkflow(deps, widgetWorkflow, {
    actor: owner,
    payload: { title },
    insert: async (trx, base) => {
      await sql`insert into widgets (id, state, version, updated_at, title, owner_id, unit_id, notes)
        values (${base.id}, ${base.state}, ${base.version}, ${base.updated_at}, ${title}, ${owner.id}, ${owner.unitId ?? ''}, 0)`.execute(trx);
    },
  });
}

export interface WidgetServer {
  app: ZApp;
  deps: Deps;
  db: TestDb;
  clock: ManualClock;
  close(): Promise<void>;
}

/**
 * A minimal server: error envelope, zod, OpenAPI, the widget workflow's
 * routes, a create route, and the to-do route over `todoSources`. The caller
 * is whoever the test names in `x-test-actor` (a key of USERS): a test-only
 * stand-in for the session hook.
 */
export async function createWidgetServer(dialect: DialectName, todoSources: readonly TodoSource[] = []): Promise<WidgetServer> {
  const db = await createTestDb(dialect);
  await createWidgetTable(db);
  const clock = new ManualClock();
  const config = loadConfig({ ZHONGSHU_DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' });
  const app = Fastify({ logger: false }).withTypeProvider() as unknown as ZApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'test', version: '0' } }, transform: jsonSchemaTransform });
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const key = req.headers['x-test-actor'];
    req.actor = typeof key === 'string' && Object.hasOwn(USERS, key) ? USERS[key as UserKey] : null;
  });
  const deps: Deps = { db: db.kysely, dialect: db.dialect, clock, config, log: app.log };

  registerWorkflowRoutes(app, deps, widgetWorkflow, { fields: widgetFieldsSchema, present: presentWidget, tags: ['widgets'] });
  app.post(
    '/api/widgets',
    {
      schema: {
        headers: idempotencyHeadersSchema,
        body: z.strictObject({ title: z.string().trim().min(1).max(100) }),
        response: { 201: widgetFieldsSchema.extend({ id: z.string(), state: z.string(), version: z.number() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const out = await idempotencyOf(req).transaction(deps, actor, async (trx) => {
        const o = await createWithWorkflow(
          deps,
          widgetWorkflow,
          {
            actor,
            payload: req.body,
            insert: async (t, base) => {
              await sql`insert into widgets (id, state, version, updated_at, title, owner_id, unit_id, notes)
                values (${base.id}, ${base.state}, ${base.version}, ${base.updated_at}, ${req.body.title}, ${actor.id}, ${actor.unitId ?? ''}, 0)`.execute(t);
            },
          },
          { trx },
        );
        return { status: 201, body: { ...presentWidget(o), id: o.id, state: o.state, version: o.version } };
      });
      return sendOutcome(reply, out);
    },
  );
  registerTodoRoutes(app, deps, () => todoSources);
  app.get('/api/docs', async () => app.swagger());
  await app.ready();
  return {
    app,
    deps,
    db,
    clock,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
