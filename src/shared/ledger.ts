import { z } from 'zod';

/*
 * A module's paper ledger (登记簿, 台账) imported from .xlsx: the same query
 * and answer for every module (core/ledger on the server).
 */

/** One problem of an imported file: its sheet row (the header is row 1) and column header, null when no one column is at fault. */
export const importRowErrorSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** What an import did; a dry run checks every row and imports nothing. */
export const importResultSchema = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(importRowErrorSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: '只能为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
