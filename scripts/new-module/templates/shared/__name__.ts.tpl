import { z } from 'zod';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';
import { urgencySchema } from './urgency.js';

/*
 * __label__ (kind `__name__`): the shapes the server validates and the client
 * sends and shows. Made by `npm run new-module`; grow it with the module.
 */

export const __NAME___STATES = ['draft', 'done'] as const;
export const __name__StateSchema = z.enum(__NAME___STATES, { error: '状态须为 draft 或 done' });
export type __Name__State = z.infer<typeof __name__StateSchema>;
export const __NAME___STATE_LABELS: Record<__Name__State, string> = { draft: '办理中', done: '已办结' };

/** The history's words for each workflow action (`create` is the engine's own). */
export const __NAME___ACTION_LABELS: Record<string, string> = { create: '新建', finish: '办结' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const __name__CreateSchema = z.strictObject({
  title: required(singleLine(200, '标题'), '标题'),
  content: multiLine(2000, '内容').optional(),
  urgency: urgencySchema,
});
export type __Name__Create = z.infer<typeof __name__CreateSchema>;

/** The payload of `finish` (办结): what was done. */
export const __name__FinishSchema = z.strictObject({ result: required(multiLine(1000, '办理结果'), '办理结果') });

export const __name__ListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: __name__StateSchema,
  urgency: urgencySchema,
  unitName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type __Name__ListItem = z.infer<typeof __name__ListItemSchema>;
export const __name__ListSchema = z.object({ items: z.array(__name__ListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type __Name__List = z.infer<typeof __name__ListSchema>;

export const __name__FilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: __name__StateSchema.optional(),
  urgency: urgencySchema.optional(),
});
export const __name__ListQuerySchema = __name__FilterSchema.extend(pagingShape(MODULE_PAGING));
export type __Name__Filter = z.infer<typeof __name__FilterSchema>;
export type __Name__ListQuery = z.infer<typeof __name__ListQuerySchema>;

/** The module's fields in `GET /api/__name__/:id` (id, state, version, history and actions are added). */
export const __name__FieldsSchema = z.object({
  title: z.string(),
  content: z.string(),
  urgency: urgencySchema,
  unitId: z.string(),
  unitName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  result: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** What the reader may do with it now (the module's policy): the page shows buttons from these. */
  rights: objectRightsSchema,
});
export type __Name__Fields = z.infer<typeof __name__FieldsSchema>;
