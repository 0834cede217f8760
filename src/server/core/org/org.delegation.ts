import type { CreateDelegationBody, Delegation } from '../../../shared/org.js';
import { isAdminRole, type Role } from '../../../shared/roles.js';
import { appendAudit } from '../audit/audit.service.js';
import type { Deps } from '../deps.js';
import { forbidden, notFound, validation } from '../errors.js';
import { type Actor, auditActor } from '../http/actor.js';
import { uuidv7 } from '../ids.js';
import { type DbDeps, getUser, getUsersByIds, type OrgUser } from './org.service.js';

/** Who may hand their queue to someone else. */
export const DELEGATING_ROLES: readonly Role[] = ['leader', 'office_director', 'division_head'];
const MAX_DAYS = 90;

interface Row {
  id: string;
  principal_id: string;
  delegate_id: string;
  starts_at: string;
  ends_at: string;
  reason: string | null;
  revoked_at: string | null;
}

const isActive = (r: Row, at: string) => !r.revoked_at && r.starts_at <= at && at < r.ends_at;

async function present(deps: DbDeps, rows: Row[], at: string): Promise<Delegation[]> {
  const users = new Map(
    (
      await getUsersByIds(
        deps,
        rows.flatMap((r) => [r.principal_id, r.delegate_id]),
      )
    ).map((u) => [u.id, u]),
  );
  const person = (id: string) => ({ id, name: users.get(id)?.name ?? '（已删除）' });
  return rows.map((r) => ({
    id: r.id,
    principal: person(r.principal_id),
    delegate: person(r.delegate_id),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    reason: r.reason,
    active: isActive(r, at),
  }));
}

const hasBusinessRole = (u: { roles: Role[] }) => u.roles.some((r) => !isAdminRole(r));

export async function createDelegation(deps: Deps, actor: Actor, body: CreateDelegationBody): Promise<Delegation> {
  if (!actor.roles.some((r) => DELEGATING_ROLES.includes(r))) throw forbidden('只有局领导、办公室主任和处室负责人可以委托他人代理');
  if (body.delegateId === actor.id) throw validation('不能委托给自己', { fields: [{ field: 'delegateId', message: '不能委托给自己' }] });
  const delegate = await getUser(deps, body.delegateId);
  if (!delegate || delegate.disabled || !hasBusinessRole(delegate)) {
    throw validation('被委托人不存在、已停用或没有业务角色', { fields: [{ field: 'delegateId', message: '请选择一位在岗的业务人员' }] });
  }
  const startsAt = new Date(body.startsAt).toISOString();
  const endsAt = new Date(body.endsAt).toISOString();
  if (endsAt <= startsAt) throw validation('结束时间须晚于开始时间', { fields: [{ field: 'endsAt', message: '须晚于开始时间' }] });
  if (new Date(endsAt).getTime() - new Date(startsAt).getTime() > MAX_DAYS * 86_400_000) {
    throw validation(`一次委托最长 ${MAX_DAYS} 天`, { fields: [{ field: 'endsAt', message: `最长 ${MAX_DAYS} 天` }] });
  }
  const now = deps.clock.now();
  if (endsAt <= now.toISOString()) throw validation('结束时间已过', { fields: [{ field: 'endsAt', message: '结束时间已过' }] });
  const row: Row = {
    id: uuidv7(now.getTime()),
    principal_id: actor.id,
    delegate_id: delegate.id,
    starts_at: startsAt,
    ends_at: endsAt,
    reason: body.reason || null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('delegations')
      .values({ ...row, created_at: now.toISOString() })
      .execute();
    await appendAudit(trx, deps.clock, {
      action: 'org.delegation_create',
      actor: auditActor(actor),
      targetType: 'delegation',
      targetId: row.id,
      details: { delegateId: delegate.id, delegateName: delegate.name, startsAt, endsAt },
    });
  });
  const [out] = await present(deps, [row], now.toISOString());
  if (!out) throw notFound();
  return out;
}

/** Delegations the actor gave and received that have not ended or been revoked. */
export async function listMyDelegations(deps: Deps, actor: Actor): Promise<{ given: Delegation[]; received: Delegation[] }> {
  const at = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom('delegations')
    .select(['id', 'principal_id', 'delegate_id', 'starts_at', 'ends_at', 'reason', 'revoked_at'])
    .where((eb) => eb.or([eb('principal_id', '=', actor.id), eb('delegate_id', '=', actor.id)]))
    .where('revoked_at', 'is', null)
    .where('ends_at', '>', at)
    .orderBy('starts_at')
    .execute();
  const all = await present(deps, rows, at);
  return { given: all.filter((d) => d.principal.id === actor.id), received: all.filter((d) => d.delegate.id === actor.id) };
}

/** The principal ends a delegation early; 404 for anyone else. */
export async function revokeDelegation(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('delegations')
      .select(['id', 'delegate_id', 'revoked_at'])
      .where('id', '=', id)
      .where('principal_id', '=', actor.id)
      .executeTakeFirst();
    if (!row || row.revoked_at) throw notFound('委托不存在或已撤销');
    await trx.updateTable('delegations').set({ revoked_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, deps.clock, {
      action: 'org.delegation_revoke',
      actor: auditActor(actor),
      targetType: 'delegation',
      targetId: id,
      details: { delegateId: row.delegate_id },
    });
  });
}

/** The users whose queues `delegateId` may work right now. */
export async function activePrincipalsFor(deps: Deps, delegateId: string): Promise<OrgUser[]> {
  const at = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom('delegations')
    .select('principal_id')
    .where('delegate_id', '=', delegateId)
    .where('revoked_at', 'is', null)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return (
    await getUsersByIds(
      deps,
      rows.map((r) => r.principal_id),
    )
  ).filter((u) => !u.disabled);
}

/**
 * The actor working `principalId`'s queue under an active delegation: the
 * principal's roles and unit, the delegate's own id, name and session, and
 * `onBehalfOf` naming the principal (so the audit log records both). 403
 * when no delegation is active.
 */
export async function actingFor(deps: Deps, actor: Actor, principalId: string): Promise<Actor> {
  const principal = (await activePrincipalsFor(deps, actor.id)).find((p) => p.id === principalId);
  if (!principal) throw forbidden('您目前没有代理该用户的有效委托');
  return { ...actor, roles: principal.roles, unitId: principal.unitId, onBehalfOf: { id: principal.id, name: principal.name } };
}
