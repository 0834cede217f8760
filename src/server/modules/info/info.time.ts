import type { Deps } from '../../core/deps.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing date of an instant: office days, not UTC days (China keeps no daylight-saving time). */
export function beijingDate(instant: Date | string): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Beijing, from the deps' clock. */
export const beijingToday = (deps: Pick<Deps, 'clock'>): string => beijingDate(deps.clock.now());
