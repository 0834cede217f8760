import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';
import type { NotificationInput } from '../notify/notify.service.js';

/** The columns every workflow table has; a module's row type extends this. */
export interface WorkflowRow {
  id: string;
  state: string;
  version: number;
  updated_at: string;
}

/**
 * An action's payload: a strict zod object (`z.strictObject({...})`), so an
 * unknown field is a 400, not silently dropped. `action` and `version` are
 * reserved for the transition envelope.
 */
export type PayloadSchema = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

export type StateOf<O extends WorkflowRow> = O['state'];

/** Passed to `who`: enough to decide, nothing to query (it runs for every listed action). */
export interface WhoContext {
  action: string;
  now: Date;
}

/** What `to.choose` and `effect` see while the transition runs. */
export interface TransitionContext<O extends WorkflowRow, P> {
  deps: Deps;
  trx: Transaction<Database>;
  actor: Actor;
  /** The object as loaded before the transition. */
  object: O;
  payload: P;
  action: string;
  from: StateOf<O>;
  /** ISO-8601 instant of this transition (also the history row's `at`). */
  at: string;
}

export interface EffectContext<O extends WorkflowRow, P> extends TransitionContext<O, P> {
  to: StateOf<O>;
  /** The object's version after this transition. */
  version: number;
  /** This transition's number in the object's history. */
  seq: number;
}

/** A target state computed from payload or object, among the states declared here. */
export interface ComputedTarget<O extends WorkflowRow, P> {
  among: readonly StateOf<O>[];
  choose(ctx: TransitionContext<O, P>): StateOf<O> | Promise<StateOf<O>>;
}

export interface ActionDefinition<O extends WorkflowRow, P extends PayloadSchema = PayloadSchema> {
  /** Chinese name shown in buttons and messages, e.g. 拟办. */
  label: string;
  from: readonly StateOf<O>[];
  to: StateOf<O> | ComputedTarget<O, z.output<P>>;
  payload: P;
  /** May this actor fire the action on this object (ignoring its state)? False → 403. */
  who(actor: Actor, object: O, ctx: WhoContext): boolean;
  /**
   * Runs in the transition's transaction after the state moved and the history
   * row was written: updates the module's own columns and tables, and returns
   * the notifications to queue (outbox, same transaction).
   */
  effect?(ctx: EffectContext<O, z.output<P>>): Promise<readonly NotificationInput[] | void>;
  /** The history comment; by default the first of comment, reason, opinion, instruction, content, result, message. */
  comment?(payload: z.output<P>): string | null | undefined;
  /** Also e-mail the notifications (where SMTP is configured). */
  email?: boolean;
}

export interface WorkflowDefinition<O extends WorkflowRow, A extends string = string> {
  /** URL segment and audit prefix: `/api/<kind>/<id>`, `<kind>.<action>`. */
  kind: string;
  /** Chinese name of one object, for messages: 收文, 发文, 督办事项. */
  label: string;
  /** The module's table: at least id, state, version, updated_at. */
  table: string;
  /** Every state with its Chinese label. */
  states: Record<StateOf<O>, string>;
  initial: StateOf<O>;
  /** Visibility: false → 404, as if the object did not exist. */
  canSee(actor: Actor, object: O): boolean;
  /**
   * Loads the object (row plus whatever `who` and `canSee` need, e.g. the
   * assisting divisions). By default the table's row. What it adds to the
   * row must not follow from state, version or updated_at: after an action
   * without an effect the engine sets those three on the object it loaded
   * rather than loading it again.
   */
  load?(db: Transaction<Database>, id: string): Promise<O | undefined>;
  actions: Record<A, ActionDefinition<O>>;
}

const RESERVED_PAYLOAD_KEYS = ['action', 'version'];

/**
 * Declares a workflow for row type `O`:
 *
 * ```ts
 * const wf = workflowFor<IncomingObject>();
 * export const incomingWorkflow = wf.define({
 *   kind: 'incoming', label: '收文', table: 'incoming', initial: 'registered',
 *   states: { registered: '已登记', returned: '已退回', … },
 *   canSee: (actor, o) => …,
 *   actions: {
 *     return: wf.action({
 *       label: '退回', from: ['registered'], to: 'returned',
 *       payload: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
 *       who: (actor) => hasRole(actor, 'office_clerk'),
 *     }),
 *   },
 * });
 * ```
 * `define` checks the declaration once at start-up and throws on a mistake
 * (unknown state, reserved payload key).
 */
export function workflowFor<O extends WorkflowRow>() {
  return {
    action<P extends PayloadSchema>(a: ActionDefinition<O, P>): ActionDefinition<O, P> {
      return a;
    },
    define<A extends string>(def: WorkflowDefinition<O, A>): WorkflowDefinition<O, A> {
      checkDefinition(def);
      return def;
    },
  };
}

export function targetsOf<O extends WorkflowRow>(a: ActionDefinition<O>): readonly StateOf<O>[] {
  return typeof a.to === 'object' ? a.to.among : [a.to];
}

export function actionNames<O extends WorkflowRow, A extends string>(def: WorkflowDefinition<O, A>): A[] {
  return Object.keys(def.actions) as A[];
}

export function getAction<O extends WorkflowRow, A extends string>(def: WorkflowDefinition<O, A>, name: string): ActionDefinition<O> | undefined {
  return Object.hasOwn(def.actions, name) ? def.actions[name as A] : undefined;
}

function checkDefinition<O extends WorkflowRow, A extends string>(def: WorkflowDefinition<O, A>): void {
  const states = new Set<string>(Object.keys(def.states));
  const fail = (msg: string) => {
    throw new Error(`workflow ${def.kind}: ${msg}`);
  };
  if (!/^[a-z][a-z0-9_-]*$/.test(def.kind)) fail('kind must be lower-case letters, digits, - or _');
  if (!states.has(def.initial)) fail(`initial state ${def.initial} is not declared`);
  for (const name of actionNames(def)) {
    const a = def.actions[name];
    if (!/^[a-z][a-z0-9_]*$/.test(name)) fail(`action name ${name} must be snake_case`);
    if (a.from.length === 0) fail(`action ${name} has no from-states`);
    for (const s of [...a.from, ...targetsOf(a)]) if (!states.has(s)) fail(`action ${name} names undeclared state ${s}`);
    for (const k of RESERVED_PAYLOAD_KEYS) if (k in a.payload.shape) fail(`action ${name}: payload may not have a field named ${k}`);
  }
}
