import { z } from 'zod';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';
import { urgencySchema } from './urgency.js';

/*
 * 政务信息 (kind `info`): the shapes the server validates and the client
 * sends and shows. Made by `npm run new-module`; grow it with the module.
 */

export const INFO_STATES = ['draft', 'done'] as const;
export const infoStateSchema = z.enum(INFO_STATES, { error: '状态须为 draft 或 done' });
export type InfoState = z.infer<typeof infoStateSchema>;
export const INFO_STATE_LABELS: Record<InfoState, string> = { draft: '办理中', done: '已办结' };

/** The history's words for each workflow action (`create` is the engine's own). */
export const INFO_ACTION_LABELS: Record<string, string> = { create: '新建', finish: '办结' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const infoCreateSchema = z.strictObject({
  title: required(singleLine(200, '标题'), '标题'),
  content: multiLine(2000, '内容').optional(),
  urgency: urgencySchema,
});
export type InfoCreate = z.infer<typeof infoCreateSchema>;

/** The payload of `finish` (办结): what was done. */
export const infoFinishSchema = z.strictObject({ result: required(multiLine(1000, '办理结果'), '办理结果') });

export const infoListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: infoStateSchema,
  urgency: urgencySchema,
  unitName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type InfoListItem = z.infer<typeof infoListItemSchema>;
export const infoListSchema = z.object({ items: z.array(infoListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type InfoList = z.infer<typeof infoListSchema>;

export const infoFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: infoStateSchema.optional(),
  urgency: urgencySchema.optional(),
});
export const infoListQuerySchema = infoFilterSchema.extend(pagingShape(MODULE_PAGING));
export type InfoFilter = z.infer<typeof infoFilterSchema>;
export type InfoListQuery = z.infer<typeof infoListQuerySchema>;

/** The module's fields in `GET /api/info/:id` (id, state, version, history and actions are added). */
export const infoFieldsSchema = z.object({
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
export type InfoFields = z.infer<typeof infoFieldsSchema>;
