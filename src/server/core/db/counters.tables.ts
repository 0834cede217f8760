/**
 * Gapless counters (发文字号, 收文编号): one row per key, e.g.
 * `outgoing:财监办:2026` or `incoming:2026`.
 */
export interface CounterTable {
  key: string;
  value: number;
}

export interface CounterTables {
  counters: CounterTable;
}
