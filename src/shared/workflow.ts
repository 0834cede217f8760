import { z } from 'zod';

/** One step in an object's life, as every workflow GET returns it (oldest first). */
export const workflowHistoryEntrySchema = z.object({
  seq: z.number().int(),
  action: z.string(),
  /** Display name of whoever fired the action. */
  actor: z.string(),
  actorId: z.string().nullable(),
  /** The leader in whose name a delegate acted (委托/代理), when one did. */
  onBehalfOf: z.object({ id: z.string(), name: z.string() }).nullable(),
  fromState: z.string().nullable(),
  toState: z.string(),
  at: z.string(),
  comment: z.string().optional(),
});
export type WorkflowHistoryEntry = z.infer<typeof workflowHistoryEntrySchema>;

/** The fields every workflow object carries on top of its own. */
export const workflowViewBaseShape = {
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  history: z.array(workflowHistoryEntrySchema),
  /** Action names the current user may fire now. */
  actions: z.array(z.string()),
};

/**
 * The response schema of `GET /api/<kind>/<id>` and of a transition: the
 * module's own fields plus id, state, version, history and actions.
 */
export function workflowViewSchema<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  return fields.extend(workflowViewBaseShape);
}

export type WorkflowView<Fields> = Fields & {
  id: string;
  state: string;
  version: number;
  history: WorkflowHistoryEntry[];
  actions: string[];
};

/** The HTTP header that makes a create or transition safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX = 200;
