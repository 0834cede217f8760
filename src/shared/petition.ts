import { z } from 'zod';
import { MODULE_PAGING, pagingShape } from './paging.js';
import { listRightsSchema, objectRightsSchema } from './rights.js';
import { multiLine, singleLine } from './text.js';
import { urgencySchema } from './urgency.js';

/*
 * 信访件 (kind `petition`): the shapes the server validates and the client
 * sends and shows. Made by `npm run new-module`; grow it with the module.
 */

export const PETITION_STATES = ['draft', 'done'] as const;
export const petitionStateSchema = z.enum(PETITION_STATES, { error: '状态须为 draft 或 done' });
export type PetitionState = z.infer<typeof petitionStateSchema>;
export const PETITION_STATE_LABELS: Record<PetitionState, string> = { draft: '办理中', done: '已办结' };

/** The history's words for each workflow action (`create` is the engine's own). */
export const PETITION_ACTION_LABELS: Record<string, string> = { create: '新建', finish: '办结' };

const required = (s: z.ZodString, label: string) => s.min(1, { error: `请填写${label}` });

export const petitionCreateSchema = z.strictObject({
  title: required(singleLine(200, '标题'), '标题'),
  content: multiLine(2000, '内容').optional(),
  urgency: urgencySchema,
});
export type PetitionCreate = z.infer<typeof petitionCreateSchema>;

/** The payload of `finish` (办结): what was done. */
export const petitionFinishSchema = z.strictObject({ result: required(multiLine(1000, '办理结果'), '办理结果') });

export const petitionListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: petitionStateSchema,
  urgency: urgencySchema,
  unitName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type PetitionListItem = z.infer<typeof petitionListItemSchema>;
export const petitionListSchema = z.object({ items: z.array(petitionListItemSchema), total: z.number().int(), rights: listRightsSchema });
export type PetitionList = z.infer<typeof petitionListSchema>;

export const petitionFilterSchema = z.strictObject({
  q: singleLine(100, '搜索内容').optional(),
  state: petitionStateSchema.optional(),
  urgency: urgencySchema.optional(),
});
export const petitionListQuerySchema = petitionFilterSchema.extend(pagingShape(MODULE_PAGING));
export type PetitionFilter = z.infer<typeof petitionFilterSchema>;
export type PetitionListQuery = z.infer<typeof petitionListQuerySchema>;

/** The module's fields in `GET /api/petition/:id` (id, state, version, history and actions are added). */
export const petitionFieldsSchema = z.object({
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
export type PetitionFields = z.infer<typeof petitionFieldsSchema>;
