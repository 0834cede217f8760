import type { InfoPoints, InfoType, InstructionLevel } from '../../../shared/info.js';
import { DEFAULT_SCORING, type ScoringBody, scoringBodySchema } from '../../../shared/info.scoring.js';
import type { Executor } from '../../core/db/executor.js';
import { allYearRows } from './info.repo.js';

/*
 * 信息考核's arithmetic (REFERENCE §8, ../shared/api/info.md "Scoring"),
 * pure and in integers: each event is scored by the table of its own year;
 * a year without a table uses the latest earlier one, else the default.
 */

export type TableFor = (year: number) => ScoringBody;

/** Every saved table, read once: the answer for any year. */
export async function scoringTables(db: Executor): Promise<TableFor> {
  const rows = (await allYearRows(db, 'info_scoring')).map((r) => ({ year: r.year, body: scoringBodySchema.parse(JSON.parse(r.body)) }));
  return (year: number) => {
    let found: ScoringBody = DEFAULT_SCORING;
    for (const r of rows) if (r.year <= year) found = r.body;
    return found;
  };
}

export const yearOfDate = (date: string) => Number(date.slice(0, 4));

export function submissionPoints(table: TableFor, reportedDate: string | null): number {
  return reportedDate ? table(yearOfDate(reportedDate)).submissionPoints : 0;
}

/** One adoption: the channel's points × the type's multiplier, both of the adoption's year (多刊采用累加: each channel once per item). */
export function adoptionPoints(table: TableFor, infoType: InfoType, a: { channel: string; adopted_date: string }): number {
  const t = table(yearOfDate(a.adopted_date));
  const channel = t.channels.find((c) => c.code === a.channel);
  return (channel?.points ?? 0) * t.typeMultiplier[infoType];
}

/**
 * An item's 批示, in order (instructedDate, then recording): `sum` counts each
 * bonus; `highest` gives max(0, bonus − what the earlier ones counted), so the
 * item totals its highest bonus. The rule is the one of each 批示's year.
 */
export function instructionPoints(table: TableFor, list: readonly { level: InstructionLevel; instructed_date: string }[]): number[] {
  let counted = 0;
  return list.map((n) => {
    const t = table(yearOfDate(n.instructed_date));
    const bonus = t.instructionBonus[n.level];
    const p = t.instructionRule === 'sum' ? bonus : Math.max(0, bonus - counted);
    counted += p;
    return p;
  });
}

export function channelInfo(table: TableFor, code: string, date: string) {
  return table(yearOfDate(date)).channels.find((c) => c.code === code);
}

/** An item's points on read (no penalties: those are the division's). */
export function itemPoints(
  table: TableFor,
  item: { info_type: InfoType; reported_date: string | null },
  adoptions: readonly { channel: string; adopted_date: string }[],
  instructions: readonly { level: InstructionLevel; instructed_date: string }[],
): InfoPoints & { perAdoption: number[]; perInstruction: number[] } {
  const perAdoption = adoptions.map((a) => adoptionPoints(table, item.info_type, a));
  const perInstruction = instructionPoints(table, instructions);
  const submission = submissionPoints(table, item.reported_date);
  const adoption = perAdoption.reduce((s, p) => s + p, 0);
  const instruction = perInstruction.reduce((s, p) => s + p, 0);
  return { submission, adoption, instruction, total: submission + adoption + instruction, perAdoption, perInstruction };
}

/** ⌊100 × actual ÷ target⌋, at least 0; null when there is no target. */
export function rate(actual: number, target: number): number | null {
  if (target <= 0) return null;
  return Math.max(0, Math.floor((100 * actual) / target));
}
