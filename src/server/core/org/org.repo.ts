import { type Insertable, type Selectable, sql } from 'kysely';
import { containsPattern } from '../db/like.js';
import type { Executor } from '../db/executor.js';
import type { Role } from '../../../shared/roles.js';
import type { UnitKind } from '../../../shared/org.js';
import type { UnitTable, UserTable } from './org.tables.js';

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;

// ---- units ----

export function selectUnits(db: Executor, kind?: UnitKind): Promise<UnitRow[]> {
  let q = db.selectFrom('units').selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('sort').orderBy('name').execute();
}

export function selectUnit(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectUnitsByIds(db: Executor, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function selectSiblingByName(db: Executor, parentId: string | null, name: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('name', '=', name)
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirst();
}

export async function nextSiblingSort(db: Executor, parentId: string | null): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max('sort').as('max'))
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirst();
  const max = row?.max;
  return max === null || max === undefined ? 0 : Number(max) + 1;
}

export async function insertUnit(db: Executor, row: UnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

/** Optimistic update: false when the version moved on. */
export async function updateUnitRow(
  db: Executor,
  id: string,
  version: number,
  patch: Partial<Pick<UnitRow, 'name' | 'parent_id' | 'sort'>> & { updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('units')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnits(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- users ----

export function selectUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One user with their unit's name: what a request's session needs, in one query. */
export function selectUserWithUnitName(db: Executor, by: { id: string } | { username: string }): Promise<UserListRow | undefined> {
  let q = db.selectFrom('users').leftJoin('units', 'units.id', 'users.unit_id').selectAll('users').select('units.name as unit_name');
  q = 'id' in by ? q.where('users.id', '=', by.id) : q.where('users.username', '=', by.username);
  return q.executeTakeFirst();
}

export function selectUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function selectUsersByIds(db: Executor, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function selectUsersInUnit(db: Executor, unitId: string, roles?: readonly Role[]): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll('users').where('users.unit_id', '=', unitId).where('users.disabled', '=', 0);
  if (roles && roles.length > 0) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', 'in', [...roles]),
      ),
    );
  }
  return q.orderBy('users.name').orderBy('users.id').execute();
}

export function selectUsersWithRole(db: Executor, role: Role, opts: { includeDisabled?: boolean } = {}): Promise<UserRow[]> {
  let q = db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').selectAll('users').where('user_roles.role', '=', role);
  if (!opts.includeDisabled) q = q.where('users.disabled', '=', 0);
  return q.orderBy('users.name').orderBy('users.id').execute();
}

export async function selectRoles(db: Executor, userIds: readonly string[]): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', [...userIds])
    .orderBy('role')
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push(r.role);
    out.set(r.user_id, list);
  }
  return out;
}

export async function countUsersWithAnyRole(db: Executor, roles: readonly Role[]): Promise<number> {
  const r = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
    .where('role', 'in', [...roles])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserListRow extends UserRow {
  unit_name: string | null;
}

export async function selectUserPage(
  db: Executor,
  opts: { q?: string | undefined; offset: number; limit: number },
): Promise<{ rows: UserListRow[]; total: number }> {
  let base = db.selectFrom('users').leftJoin('units', 'units.id', 'users.unit_id');
  if (opts.q) {
    const byName = containsPattern(opts.q);
    const byUsername = containsPattern(opts.q.toLowerCase());
    // LIKE … ESCAPE '\' behaves the same on SQLite and PostgreSQL.
    base = base.where((eb) =>
      eb.or([sql<boolean>`${eb.ref('users.username')} like ${byUsername} escape '\\'`, sql<boolean>`${eb.ref('users.name')} like ${byName} escape '\\'`]),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('users').select('units.name as unit_name').orderBy('users.username').offset(opts.offset).limit(opts.limit).execute();
  return { rows, total: Number(totalRow.n) };
}

/** Insertable rather than a full row: columns added later (email) may be left out, as the seed does. */
export async function insertUser(db: Executor, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

type UserPatch = Partial<
  Pick<UserRow, 'name' | 'unit_id' | 'email' | 'disabled' | 'password_hash' | 'password_changed_at' | 'must_change_password' | 'failed_logins' | 'locked_until'>
> & { updated_at: string };

/** Optimistic update of what an administrator edits; false when the version moved on. */
export async function updateUserVersioned(db: Executor, id: string, version: number, patch: UserPatch): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Bookkeeping the user's own actions cause (sign-in, own password): no version bump. */
export async function updateUserState(
  db: Executor,
  id: string,
  patch: Partial<Pick<UserRow, 'failed_logins' | 'locked_until' | 'last_login_at' | 'password_hash' | 'password_changed_at' | 'must_change_password'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Atomically counts one more failure and returns the new count. */
export async function incrementFailedLogins(db: Executor, id: string): Promise<number> {
  const r = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(r.failed_logins);
}

export async function replaceRoles(
  db: Executor,
  userId: string,
  add: readonly Role[],
  remove: readonly Role[],
  grantedBy: string | null,
  at: string,
): Promise<void> {
  if (remove.length > 0)
    await db
      .deleteFrom('user_roles')
      .where('user_id', '=', userId)
      .where('role', 'in', [...remove])
      .execute();
  if (add.length > 0) {
    await db
      .insertInto('user_roles')
      .values(add.map((role) => ({ user_id: userId, role, granted_at: at, granted_by: grantedBy })))
      .execute();
  }
}
