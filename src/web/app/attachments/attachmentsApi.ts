import type { z } from 'zod';
import type { Attachment, attachmentListSchema } from '../../../shared/files.js';
import { request } from '../http.js';
import { enc, uploadWithProgress } from '../moduleApi.js';

/** Whose files: the object's kind and id (`/api/<kind>/<id>/attachments`). */
export interface AttachmentOwner {
  kind: string;
  id: string;
}

const filesOf = (o: AttachmentOwner) => `/api/${enc(o.kind)}/${enc(o.id)}/attachments`;

/** The attachment service, the same for every object kind a module registers with it. */
export const attachmentsApi = {
  list: (o: AttachmentOwner) => request<z.infer<typeof attachmentListSchema>>('GET', filesOf(o)),
  /** One file, through the classification guard and the type check. */
  upload: (o: AttachmentOwner, file: File, csrf: string, onProgress: (percent: number) => void) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return uploadWithProgress<Attachment>(filesOf(o), fd, csrf, onProgress);
  },
  /** Takes the file off its object; the record and the audit trail stay. */
  remove: (id: string) => request<{ id: string }>('DELETE', `/api/attachments/${enc(id)}`),
  downloadPath: (id: string) => `/api/attachments/${enc(id)}`,
};

export const attachmentsKey = (o: AttachmentOwner) => [o.kind, 'attachments', o.id] as const;
