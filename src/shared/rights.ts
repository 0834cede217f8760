import { z } from 'zod';

/**
 * What the reader may do with one object now, sent with the object by its
 * module's policy (`<m>.policy.ts`): the client shows buttons from these and
 * never re-derives the rule. A module extends it with its own rights.
 */
export const objectRightsSchema = z.object({
  /** Upload and 删除 of attachments; the attachment routes refuse the others (403). */
  mayAttach: z.boolean(),
});
export type ObjectRights = z.infer<typeof objectRightsSchema>;

/** What the reader may do with the module's list: sent with the list page. */
export const listRightsSchema = z.object({
  /** The module's create (登记, 立项, 拟稿); the create route refuses the others (403). */
  mayCreate: z.boolean(),
});
export type ListRights = z.infer<typeof listRightsSchema>;
