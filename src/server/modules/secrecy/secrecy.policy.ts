import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { ObjectRights } from '../../../shared/rights.js';
import type { Database } from '../../core/db/database.js';
import { type Actor, hasRole } from '../../core/http/actor.js';
import type { ObjectPolicy } from '../../core/policy.js';
import { visibility } from '../../core/search/search.service.js';
import type { SheetRow } from './secrecy.inspection.repo.js';
import type { CarrierRow } from './secrecy.repo.js';

/*
 * Who may see and do what in 保密 (contract "Visibility"), written once: the
 * workflows, the lists, the search index and the rights sent to the client
 * all ask here. The 保密员 (secrecy_officer, a business role) keeps the
 * register; the 安全保密管理员 (secadmin, one of the 三员) never reaches it:
 * every route refuses the administrators before any of this runs.
 */

/** 保密员. */
export const isOfficer = (actor: Actor): boolean => hasRole(actor, 'secrecy_officer');
/** 办公室主任: approves 清退 and 销毁. */
export const isDirector = (actor: Actor): boolean => hasRole(actor, 'office_director');
/** The readers of everything in 保密 except the refusal log: 保密员, 办公室主任, 局领导. */
export const readsAll = (actor: Actor): boolean => hasRole(actor, 'secrecy_officer', 'office_director', 'leader');
/** A unit's head: the 处长, or for 办公室 the 主任. */
export const isUnitHead = (actor: Actor, unitId: string): boolean => actor.unitId === unitId && hasRole(actor, 'division_head', 'office_director');

// --- 涉密载体 ---------------------------------------------------------------

function canSeeCarrier(actor: Actor, o: Pick<CarrierRow, 'custodian_id' | 'borrower_id'>): boolean {
  return readsAll(actor) || o.custodian_id === actor.id || o.borrower_id === actor.id;
}

/** The register is for its readers only (others get 403 on the list): the filter is all or nothing. */
function carrierListFilter(actor: Actor) {
  return (_eb: ExpressionBuilder<Database, 'secrecy_carriers'>): Expression<SqlBool> => (readsAll(actor) ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`);
}

function carrierSearchVisibility(o: Pick<CarrierRow, 'custodian_id' | 'borrower_id'>): string[] {
  const tokens = [visibility.role('secrecy_officer'), visibility.role('office_director'), visibility.role('leader'), visibility.user(o.custodian_id)];
  if (o.borrower_id) tokens.push(visibility.user(o.borrower_id));
  return tokens;
}

/** Metadata only: no carrier ever takes an attachment (no scans, no excerpts). */
const carrierRights = (): ObjectRights => ({ mayAttach: false });

function carrierCreateRefusal(actor: Actor): string | null {
  return isOfficer(actor) ? null : '只有保密员可以登记涉密载体';
}

export const carrierPolicy = {
  canSee: canSeeCarrier,
  listFilter: carrierListFilter,
  searchVisibility: carrierSearchVisibility,
  rightsOf: carrierRights,
  mayCreate: (actor: Actor) => carrierCreateRefusal(actor) === null,
  createRefusal: carrierCreateRefusal,
} satisfies ObjectPolicy<CarrierRow>;

/** 借阅, 归还: the 保密员 or the carrier's custodian. */
export const mayHandleCarrier = (actor: Actor, o: Pick<CarrierRow, 'custodian_id'>): boolean => isOfficer(actor) || o.custodian_id === actor.id;

// --- 自查表 -------------------------------------------------------------------

type SheetKey = Pick<SheetRow, 'template' | 'unit_id' | 'respondent_id'>;

function canSeeSheet(actor: Actor, o: SheetKey): boolean {
  if (readsAll(actor)) return true;
  if (o.template === 'personal') return o.respondent_id === actor.id || isUnitHead(actor, o.unit_id);
  return actor.unitId === o.unit_id;
}

/** `canSeeSheet` in SQL. */
function sheetListFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'secrecy_sheets'>): Expression<SqlBool> => {
    if (readsAll(actor)) return sql<SqlBool>`1 = 1`;
    const own: Expression<SqlBool>[] = [eb('secrecy_sheets.respondent_id', '=', actor.id)];
    if (actor.unitId) {
      own.push(eb.and([eb('secrecy_sheets.template', '=', 'division'), eb('secrecy_sheets.unit_id', '=', actor.unitId)]));
      if (hasRole(actor, 'division_head', 'office_director')) own.push(eb('secrecy_sheets.unit_id', '=', actor.unitId));
    }
    return eb.or(own);
  };
}

function sheetSearchVisibility(o: SheetKey): string[] {
  const tokens = [visibility.role('secrecy_officer'), visibility.role('office_director'), visibility.role('leader')];
  if (o.template === 'personal') {
    if (o.respondent_id) tokens.push(visibility.user(o.respondent_id));
    tokens.push(visibility.unitRole(o.unit_id, 'division_head'), visibility.unitRole(o.unit_id, 'office_director'));
  } else tokens.push(visibility.unit(o.unit_id));
  return tokens;
}

/** 填写: the unit's head or staff (a personal sheet: its respondent). */
export function mayAnswer(actor: Actor, o: SheetKey): boolean {
  if (o.template === 'personal') return o.respondent_id === actor.id;
  return actor.unitId === o.unit_id && hasRole(actor, 'division_head', 'office_director', 'staff', 'office_clerk', 'secrecy_officer');
}

/** 提交 and 报告整改: the unit's head (a personal sheet: its respondent). */
export function maySubmit(actor: Actor, o: SheetKey): boolean {
  if (o.template === 'personal') return o.respondent_id === actor.id;
  return isUnitHead(actor, o.unit_id);
}

function sheetCreateRefusal(actor: Actor): string | null {
  return isOfficer(actor) ? null : '只有保密员可以发起保密自查';
}

export const sheetPolicy = {
  canSee: canSeeSheet,
  listFilter: sheetListFilter,
  searchVisibility: sheetSearchVisibility,
  rightsOf: (): ObjectRights => ({ mayAttach: false }),
  mayCreate: (actor: Actor) => sheetCreateRefusal(actor) === null,
  createRefusal: sheetCreateRefusal,
} satisfies ObjectPolicy<SheetRow>;
