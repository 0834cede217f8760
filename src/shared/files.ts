import { z } from 'zod';

/** The formats an attachment may have; decided by content on upload. */
export const ATTACHMENT_FORMATS = ['pdf', 'ofd', 'docx', 'doc', 'xlsx', 'xls', 'wps', 'jpeg', 'png', 'txt'] as const;
export const attachmentFormatSchema = z.enum(ATTACHMENT_FORMATS);
export type AttachmentFormat = z.infer<typeof attachmentFormatSchema>;

/** `POST /api/<kind>/<id>/attachments` → 201 */
export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** `GET /api/<kind>/<id>/attachments` */
export const attachmentListItemSchema = attachmentSchema.extend({
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type AttachmentListItem = z.infer<typeof attachmentListItemSchema>;
export const attachmentListSchema = z.object({ items: z.array(attachmentListItemSchema), total: z.number().int() });

/** Owner kinds are module names such as `incoming`, `outgoing`, `supervision`. */
export const ownerKindSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/u, '对象类型不正确');
export const ownerIdSchema = z.string().trim().min(1).max(100);
