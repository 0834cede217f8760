import { z } from 'zod';
import { urgencySchema } from './urgency.js';

/** The one urgency list (./urgency.ts), re-exported for the importers that know it from here. */
export { URGENCIES, URGENCY_LABELS, type Urgency, urgencySchema } from './urgency.js';

/** One thing waiting for the current user, whatever module it comes from. */
export const todoItemSchema = z.object({
  /** The workflow kind (`incoming`, `outgoing`, …): the client opens `/<kind>/<id>`. */
  kind: z.string(),
  id: z.string(),
  title: z.string(),
  urgency: urgencySchema,
  /** `YYYY-MM-DD`, or null when there is none. */
  deadline: z.string().nullable(),
  state: z.string(),
});
export type TodoItem = z.infer<typeof todoItemSchema>;

export const todoListSchema = z.object({
  items: z.array(todoItemSchema),
  total: z.number().int(),
  /** Kinds whose items could not be loaded just now (the rest are still listed). */
  unavailable: z.array(z.string()),
});
export type TodoList = z.infer<typeof todoListSchema>;
