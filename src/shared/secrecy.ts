import { z } from 'zod';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';
import { urgencySchema } from './urgency.js';

/*
 * 涉密载体 (kind `secrecy`): the shapes the server validates and the client
 * sends and shows. Made by `npm run new-module`; grow it with the module.
 */

export const SECRECY_STATES = ['draft', 'done'] as const;
export const secrecyStateSchema = z.enum(SECRECY_STATES, { error: '状态须为 draft 或 done' });
export type SecrecyState = z.infer<typeof secrecyStateSchema>;
export const SECRECY_STATE_LABELS: Record<SecrecyState, string> = { draft: '办理中', done: '已办结' };

/** The history's words for each workflow action (`create` is the engine's own). */
export const SECRECY_ACTION_LABELS: Record<string, string> = { create: '新建', finish: '办结' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const secrecyCreateSchema = z.strictObject({
  title: required(singleLine(200, '标题'), '标题'),
  content: multiLine(2000, '内容').optional(),
  urgency: urgencySchema,
});
export type SecrecyCreate = z.infer<typeof secrecyCreateSchema>;

/** The payload of `finish` (办结): what was done. */
export const secrecyFinishSchema = z.strictObject({ result: required(multiLine(1000, '办理结果'), '办理结果') });

export const secrecyListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: secrecyStateSchema,
  urgency: urgencySchema,
  unitName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type SecrecyListItem = z.infer<typeof secrecyListItemSchema>;
export const secrecyListSchema = z.object({ items: z.array(secrecyListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type SecrecyList = z.infer<typeof secrecyListSchema>;

export const secrecyFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: secrecyStateSchema.optional(),
  urgency: urgencySchema.optional(),
});
export const secrecyListQuerySchema = secrecyFilterSchema.extend(pagingShape(MODULE_PAGING));
export type SecrecyFilter = z.infer<typeof secrecyFilterSchema>;
export type SecrecyListQuery = z.infer<typeof secrecyListQuerySchema>;

/** The module's fields in `GET /api/secrecy/:id` (id, state, version, history and actions are added). */
export const secrecyFieldsSchema = z.object({
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
export type SecrecyFields = z.infer<typeof secrecyFieldsSchema>;
