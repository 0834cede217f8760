import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { WorkflowHistoryEntry, WorkflowView } from '../../../shared/workflow.js';
import { canonicalJson } from '../audit/audit.chain.js';
import { appendAudit } from '../audit/audit.service.js';
import { auditSummary } from '../audit/audit.summary.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import type { Deps } from '../deps.js';
import { forbidden, invalidTransition, notFound, validation, versionConflict } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { uuidv7 } from '../ids.js';
import { type NotificationInput, queueNotifications } from '../notify/notify.service.js';
import {
  type ActionDefinition,
  actionNames,
  type EffectContext,
  getAction,
  type StateOf,
  targetsOf,
  type TransitionContext,
  type WorkflowDefinition,
  type WorkflowRow,
} from './workflow.definition.js';

/**
 * Workflow tables belong to the modules and are chosen at run time, which
 * Kysely's table typing cannot follow. This is the one place that steps
 * outside it: it only touches the four columns every workflow table has
 * (`WorkflowRow`), and hands the row back as the module's declared type.
 */
function workflowTable<O extends WorkflowRow>(db: Executor, table: string) {
  const k = db as unknown as Kysely<Record<string, WorkflowRow>>;
  return {
    async load(id: string): Promise<O | undefined> {
      const row = await k.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row as O | undefined;
    },
    /** Moves the state only if nobody else moved it first: false means a concurrent writer won. */
    async move(id: string, version: number, state: string, at: string): Promise<boolean> {
      // Raw SQL: every transition runs it, and the builder cost more than the statement.
      const r = await sql`update ${sql.table(table)} set state = ${state}, version = ${version + 1}, updated_at = ${at}
        where id = ${id} and version = ${version}`.execute(db);
      return Number(r.numAffectedRows) === 1;
    },
  };
}

async function inTransaction<T>(deps: Deps, trx: Transaction<Database> | undefined, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return trx ? fn(trx) : deps.db.transaction().execute(fn);
}

/** Loads a workflow object through the definition's loader (or its table row). */
export async function loadWorkflowObject<O extends WorkflowRow, A extends string>(
  trx: Transaction<Database>,
  def: WorkflowDefinition<O, A>,
  id: string,
): Promise<O | undefined> {
  return def.load ? def.load(trx, id) : workflowTable<O>(trx, def.table).load(id);
}

/** Loads the object and refuses with 404 when it is missing or the actor may not see it. */
export async function loadVisible<O extends WorkflowRow, A extends string>(
  trx: Transaction<Database>,
  def: WorkflowDefinition<O, A>,
  actor: Actor,
  id: string,
): Promise<O> {
  const object = await loadWorkflowObject(trx, def, id);
  if (!object || !def.canSee(actor, object)) throw notFound(`该${def.label}不存在或您无权查看`);
  return object;
}

/** The actions this actor may fire on the object now (state allows it and `who` says yes). */
export function availableActions<O extends WorkflowRow, A extends string>(def: WorkflowDefinition<O, A>, actor: Actor, object: O, now: Date): A[] {
  return actionNames(def).filter((name) => {
    const a = def.actions[name];
    return a.from.includes(object.state) && a.who(actor, object, { action: name, now });
  });
}

/** History of one object, oldest first. */
export async function loadHistory(db: Executor, kind: string, objectId: string): Promise<WorkflowHistoryEntry[]> {
  const rows = await db.selectFrom('workflow_history').selectAll().where('kind', '=', kind).where('object_id', '=', objectId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    actor: r.actor_name,
    actorId: r.actor_id,
    onBehalfOf: r.on_behalf_of_id ? { id: r.on_behalf_of_id, name: r.on_behalf_of_name ?? '' } : null,
    fromState: r.from_state,
    toState: r.to_state,
    at: r.at,
    ...(r.comment === null ? {} : { comment: r.comment }),
  }));
}

/** The standard GET shape: the module's fields plus id, state, version, history and actions. */
export async function buildWorkflowView<O extends WorkflowRow, A extends string, F extends object>(
  db: Executor,
  deps: Pick<Deps, 'clock'>,
  def: WorkflowDefinition<O, A>,
  actor: Actor,
  object: O,
  fields: F,
): Promise<WorkflowView<F>> {
  return {
    ...fields,
    id: object.id,
    state: object.state,
    version: object.version,
    history: await loadHistory(db, def.kind, object.id),
    actions: availableActions(def, actor, object, deps.clock.now()),
  };
}

const COMMENT_FIELDS = ['comment', 'reason', 'opinion', 'instruction', 'content', 'result', 'message'];

function defaultComment(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  for (const k of COMMENT_FIELDS) {
    const v: unknown = (payload as Record<string, unknown>)[k];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return null;
}

interface HistoryInput {
  kind: string;
  objectId: string;
  action: string;
  from: string | null;
  to: string;
  actor: Actor;
  comment: string | null;
  payload: unknown;
  at: string;
}

/**
 * Appends the next history row of an object, numbering it in the same
 * statement (seq contiguous per object). Taking max + 1 without a read of its
 * own is safe because every writer of an object's history first moved that
 * object under `version = ?` (or created it), which orders them; the primary
 * key (kind, object_id, seq) still refuses a duplicate should that ever fail.
 */
async function appendHistory(trx: Transaction<Database>, h: HistoryInput): Promise<number> {
  const payload = canonicalJson(h.payload ?? {});
  // Raw SQL: Kysely's builder for an INSERT … SELECT of thirteen values costs more than the statement itself.
  const inserted = await sql<{ seq: number }>`insert into workflow_history
      (kind, object_id, seq, action, from_state, to_state, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, comment, payload, at)
    select ${h.kind}, ${h.objectId}, coalesce(max(seq), 0) + 1, ${h.action}, ${h.from}, ${h.to}, ${h.actor.id}, ${h.actor.name},
      ${h.actor.onBehalfOf?.id ?? null}, ${h.actor.onBehalfOf?.name ?? null}, ${h.comment}, ${payload}, ${h.at}
    from workflow_history where kind = ${h.kind} and object_id = ${h.objectId}
    returning seq`.execute(trx);
  const seq = inserted.rows[0]?.seq;
  if (seq === undefined) throw new Error(`workflow ${h.kind}: no history row inserted for ${h.objectId}`);
  return Number(seq);
}

/** NUL and other C0 controls (except tab and line breaks): PostgreSQL refuses NUL in text, and none belongs in a document. */
function hasControlChars(value: unknown): boolean {
  if (typeof value === 'string') return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value);
  if (Array.isArray(value)) return value.some(hasControlChars);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasControlChars);
  return false;
}

function payloadError(label: string, error: z.ZodError): never {
  const fields = error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = fields[0];
  const summary = first ? `“${label}”的内容有误：${first.field ? `${first.field} ` : ''}${first.message}` : `“${label}”的内容有误`;
  throw validation(summary, { fields });
}

export interface TransitionInput {
  id: string;
  action: string;
  /** The version the client read: a different current version is a 409. */
  version: number;
  /** The action's fields (without action and version); validated against the action's schema. */
  payload: unknown;
  actor: Actor;
}

export interface TransitionResult<O extends WorkflowRow> {
  /**
   * The object as it is after the transition, for use inside the transaction
   * (e.g. in `beforeAudit`). Nobody pays for a reload they do not use: an
   * action without an effect changed only state, version and updated_at, which
   * are set on the object as loaded; after an effect (which may have changed
   * any column or table of the module) it is read again, once.
   */
  after(): Promise<O>;
  from: StateOf<O>;
  to: StateOf<O>;
  version: number;
  seq: number;
}

export interface EngineOptions<R> {
  /** Run inside this transaction (e.g. the idempotency runner's) instead of a new one. */
  trx?: Transaction<Database>;
  /** Runs just before the audit event, inside the transaction: build and store the response here. */
  beforeAudit?(trx: Transaction<Database>, result: R): Promise<void>;
}

/**
 * Fires one action on one object in a single transaction. Checks, in order:
 * missing or invisible → 404, unknown action or bad payload → 400, `who` → 403,
 * stale version → 409 version_conflict, state → 409 invalid_transition. Then
 * moves the state guarded by `version = ?` (a concurrent writer that got there
 * first makes this a 409, never an overwrite), appends the history row, runs
 * the effect, queues its notifications and appends the audit event last.
 */
export async function fireTransition<O extends WorkflowRow, A extends string>(
  deps: Deps,
  def: WorkflowDefinition<O, A>,
  input: TransitionInput,
  opts: EngineOptions<TransitionResult<O>> = {},
): Promise<TransitionResult<O>> {
  return inTransaction(deps, opts.trx, async (trx) => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const { actor } = input;
    const object = await loadVisible(trx, def, actor, input.id);
    const action: ActionDefinition<O> | undefined = getAction(def, input.action);
    if (!action) {
      throw validation(`未知的操作“${input.action}”`, { action: input.action, allowed: actionNames(def) });
    }
    const parsed = action.payload.safeParse(input.payload ?? {});
    if (!parsed.success) payloadError(action.label, parsed.error);
    const payload = parsed.data;
    if (hasControlChars(payload)) throw validation(`“${action.label}”的内容含有不可见的控制字符，请删除后重试`);
    if (!action.who(actor, object, { action: input.action, now })) {
      throw forbidden(`您不能对该${def.label}执行“${action.label}”`);
    }
    if (object.version !== input.version) throw versionConflict({ currentVersion: object.version });
    const from: StateOf<O> = object.state;
    if (!action.from.includes(from)) {
      const stateLabel = def.states[from] ?? from;
      throw invalidTransition(`该${def.label}当前为“${stateLabel}”，不能执行“${action.label}”`, { state: from, action: input.action });
    }
    const ctx: TransitionContext<O, typeof payload> = { deps, trx, actor, object, payload, action: input.action, from, at };
    const to = await resolveTarget(def, input.action, action, ctx);

    const table = workflowTable<O>(trx, def.table);
    if (!(await table.move(object.id, object.version, to, at))) throw versionConflict();
    const version = object.version + 1;
    const comment = action.comment ? (action.comment(payload) ?? null) : defaultComment(payload);
    const seq = await appendHistory(trx, { kind: def.kind, objectId: object.id, action: input.action, from, to, actor, comment, payload, at });

    const effectCtx: EffectContext<O, typeof payload> = { ...ctx, to, version, seq };
    const notes = action.effect ? await action.effect(effectCtx) : undefined;
    await queue(deps, trx, notes, action.email);

    let after: Promise<O> | undefined;
    const reload = async () => {
      const updated = await loadWorkflowObject(trx, def, object.id);
      if (!updated) throw new Error(`workflow ${def.kind}: object ${object.id} vanished during ${input.action}`);
      return updated;
    };
    const moved: O = { ...object, state: to, version, updated_at: at };
    const result: TransitionResult<O> = {
      after: () => (after ??= action.effect ? reload() : Promise.resolve(moved)),
      from,
      to,
      version,
      seq,
    };
    if (opts.beforeAudit) await opts.beforeAudit(trx, result);
    await appendAudit(trx, deps.clock, {
      action: `${def.kind}.${input.action}`,
      actor: auditActor(actor),
      targetType: def.kind,
      targetId: object.id,
      details: { from, to, version, seq, payload: auditSummary(payload), ...(actor.onBehalfOf ? { actorName: actor.name } : {}) },
    });
    return result;
  });
}

async function resolveTarget<O extends WorkflowRow, A extends string>(
  def: WorkflowDefinition<O, A>,
  name: string,
  action: ActionDefinition<O>,
  ctx: TransitionContext<O, Record<string, unknown>>,
): Promise<StateOf<O>> {
  if (typeof action.to !== 'object') return action.to;
  const to = await action.to.choose(ctx);
  // A computed target outside its declared set is a bug in the module, not user input.
  if (!targetsOf(action).includes(to)) throw new Error(`workflow ${def.kind}: action ${name} chose undeclared target ${to}`);
  return to;
}

async function queue(deps: Deps, trx: Transaction<Database>, notes: readonly NotificationInput[] | void | undefined, email?: boolean) {
  if (notes && notes.length > 0) await queueNotifications(trx, deps.clock, notes, { email: email ?? false });
}

export interface CreateInput<O extends WorkflowRow> {
  actor: Actor;
  /** Defaults to a new UUIDv7. */
  id?: string;
  /** Defaults to the definition's initial state. */
  state?: StateOf<O>;
  /** Inserts the module's row with the given base columns (and any rows of its own tables). */
  insert(trx: Transaction<Database>, base: { id: string; state: StateOf<O>; version: number; updated_at: string }): Promise<void>;
  /** Recorded in the history row and the audit event. */
  payload?: Record<string, unknown>;
  comment?: string | null;
  /** Notifications to queue for the new object. */
  notify?(trx: Transaction<Database>, object: O): Promise<readonly NotificationInput[]>;
  email?: boolean;
}

/**
 * Creates a workflow object in one transaction: the module's insert, the
 * first history row (action `create`), notifications, and the audit event
 * `<kind>.create` last. Returns the object as loaded after the insert.
 */
export async function createWithWorkflow<O extends WorkflowRow, A extends string>(
  deps: Deps,
  def: WorkflowDefinition<O, A>,
  input: CreateInput<O>,
  opts: EngineOptions<O> = {},
): Promise<O> {
  return inTransaction(deps, opts.trx, async (trx) => {
    const at = deps.clock.now().toISOString();
    const id = input.id ?? uuidv7();
    const state = input.state ?? def.initial;
    await input.insert(trx, { id, state, version: 1, updated_at: at });
    const object = await loadWorkflowObject(trx, def, id);
    if (!object) throw new Error(`workflow ${def.kind}: insert did not create ${id}`);
    const payload = input.payload ?? {};
    await appendHistory(trx, {
      kind: def.kind,
      objectId: id,
      action: 'create',
      from: null,
      to: state,
      actor: input.actor,
      comment: input.comment ?? null,
      payload,
      at,
    });
    if (input.notify) await queue(deps, trx, await input.notify(trx, object), input.email);
    if (opts.beforeAudit) await opts.beforeAudit(trx, object);
    await appendAudit(trx, deps.clock, {
      action: `${def.kind}.create`,
      actor: auditActor(input.actor),
      targetType: def.kind,
      targetId: id,
      details: { to: state, version: 1, seq: 1, payload: auditSummary(payload), ...(input.actor.onBehalfOf ? { actorName: input.actor.name } : {}) },
    });
    return object;
  });
}

/** Reads one object for the actor (404 when missing or invisible) in the standard view. */
export async function getWorkflowView<O extends WorkflowRow, A extends string, F extends object>(
  deps: Deps,
  def: WorkflowDefinition<O, A>,
  actor: Actor,
  id: string,
  present: (object: O, ctx: { db: Transaction<Database>; actor: Actor }) => F | Promise<F>,
): Promise<WorkflowView<F>> {
  return deps.db.transaction().execute(async (trx) => {
    const object = await loadVisible(trx, def, actor, id);
    return buildWorkflowView(trx, deps, def, actor, object, await present(object, { db: trx, actor }));
  });
}
