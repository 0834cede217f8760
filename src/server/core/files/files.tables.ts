import type { AttachmentFormat } from '../../../shared/files.js';

/**
 * One row per attachment of one object. The bytes live once per content
 * under `<dataDir>/files/ab/cd/<sm3>`; two rows with the same sm3 share them.
 */
export interface AttachmentTable {
  id: string;
  /** The owning module's kind (`incoming`, `outgoing`, …) and its object's id. */
  owner_kind: string;
  owner_id: string;
  /** The name the uploader's file had, cleaned of any path; for display and download only. */
  name: string;
  size: number;
  /** Decided from the content, never from the name or the browser. */
  content_type: string;
  format: AttachmentFormat;
  sm3: string;
  /** 1 when the text was scanned by the classification guard; 0 for formats we cannot read (DOC, images). */
  text_scanned: number;
  uploaded_by: string;
  created_at: string;
  /** 1 once removed from its object; the row stays for the record. */
  voided: number;
  voided_at: string | null;
  voided_by: string | null;
}

export interface FilesTables {
  attachments: AttachmentTable;
}
