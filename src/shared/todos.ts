import { z } from 'zod';

export const URGENCIES = ['extra_urgent', 'urgent', 'normal'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

export const URGENCY_LABELS: Record<Urgency, string> = { extra_urgent: '特急', urgent: '加急', normal: '平件' };

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
