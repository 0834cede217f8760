/**
 * One link between two objects of any modules: `source kind + id → target
 * kind + id`, with what the link means. 收文 → 督办 is `incoming → supervision`;
 * 会议决定事项, 信息 and 信访 reach 督办 the same way.
 */
export interface ObjectLinkTable {
  id: string;
  source_kind: string;
  source_id: string;
  target_kind: string;
  target_id: string;
  /** What the link means, e.g. `supervise` (the source is followed up as the target 督办 item). */
  relation: string;
  created_at: string;
  created_by: string;
}

export interface LinksTables {
  object_links: ObjectLinkTable;
}
