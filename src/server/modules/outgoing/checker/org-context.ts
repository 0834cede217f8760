/**
 * Who is above and below the bureau, for 行文规则 (条例第十五、十六条). The
 * bureau is a 财政部 派出机构: 财政部 and its 司局/厅 are superior, the other
 * 监管局 are peers, and the bureau's own 处室 are internal (a 上行文 copied to
 * them is copied to subordinates). Deployments extend the lists in config.
 */
export interface OrgContext {
  /** Exact names of superior bodies. */
  superiors: readonly string[];
  /** Name prefixes of superior systems (`财政部` covers 财政部办公厅, 财政部监督评价局 …). */
  superiorPrefixes: readonly string[];
  /** Names under a superior prefix that are peers, not superiors (财政部各地监管局). */
  peerPatterns: readonly RegExp[];
  /** Exact names of subordinate bodies (the bureau has none by default). */
  subordinates: readonly string[];
  /** The bureau's own divisions by name (办公室, 综合处 …). */
  internalDivisions: readonly string[];
}

export const DEFAULT_ORG_CONTEXT: OrgContext = {
  superiors: ['财政部', '中华人民共和国财政部', '国务院'],
  superiorPrefixes: ['财政部'],
  peerPatterns: [/监管局/],
  subordinates: [],
  internalDivisions: ['办公室', '综合处', '人事处', '机关党委'],
};

const norm = (s: string) => s.replace(/\s+/g, '');

export function isSuperior(org: OrgContext, name: string): boolean {
  const n = norm(name);
  if (org.superiors.includes(n)) return true;
  if (org.peerPatterns.some((p) => p.test(n))) return false;
  return org.superiorPrefixes.some((p) => n.startsWith(p));
}

/**
 * A 处室 of the bureau: a listed name, or a short name made of a 处/室 word
 * with no outside-body word in it (综合处, 监管一处, 局内各处室). “省政府办公室” is
 * an outside body and does not match (it contains 政府).
 */
const DIVISION_NAME = /^(局内|局机关|本局)?(各)?[\u4e00-\u9fff]{0,5}(处|室|处室)(（室）)?$/;
const OUTSIDE_WORDS = /政府|厅|部|委|院|局(?!内|机关)|省|市|县|区/;

export function isInternalDivision(org: OrgContext, name: string): boolean {
  const n = norm(name);
  if (org.internalDivisions.includes(n)) return true;
  const withoutPrefix = n.replace(/^(局内|局机关|本局)/, '');
  return DIVISION_NAME.test(n) && !OUTSIDE_WORDS.test(withoutPrefix);
}

export function isSubordinate(org: OrgContext, name: string): boolean {
  return org.subordinates.includes(norm(name)) || isInternalDivision(org, name);
}
