import { sm3Hex } from '../sm3.js';
import type { AuditEventTable } from './audit.tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  onBehalfOfId: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  /** Already canonical JSON text, exactly as stored. */
  details: string;
}

/** JSON with object keys sorted at every depth: the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes an event contributes to the chain: a fixed-order array, so no field can be moved unnoticed. */
export function canonicalEvent(e: ChainedFields): string {
  return JSON.stringify([e.seq, e.at, e.actorId, e.actorName, e.onBehalfOfId, e.ip, e.action, e.targetType, e.targetId, e.outcome, e.details]);
}

/** hash = SM3(previous hash ‖ canonical event) */
export function chainHash(prevHash: string, e: ChainedFields): string {
  return sm3Hex(prevHash + canonicalEvent(e));
}

/**
 * chainHash for a stored row given as its chained columns in canonicalEvent's
 * order (seq, at, actor_id, actor_name, on_behalf_of_id, ip, action,
 * target_type, target_id, outcome, details): the same bytes, without building
 * the object (audit verify does this a million times).
 */
export function chainHashOfColumns(prevHash: string, columns: readonly unknown[]): string {
  return sm3Hex(prevHash + JSON.stringify(columns));
}

/** A stored row in the chain's field names (details stay the stored canonical text). */
export function chainedFieldsOf(r: Omit<AuditEventTable, 'prev_hash' | 'hash'>): ChainedFields {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    onBehalfOfId: r.on_behalf_of_id,
    ip: r.ip,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    details: r.details,
  };
}
