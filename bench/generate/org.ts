import type { Kysely } from 'kysely';
import type { Role } from '../../src/shared/roles.js';
import type { UnitKind } from '../../src/shared/org.js';
import { hashPassword } from '../../src/server/core/auth/password.js';
import type { Database } from '../../src/server/core/db/database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/server/core/org/org.seed.js';
import { type Cell, insertRows } from '../lib/db.js';
import type { Rng } from '../lib/prng.js';

/**
 * The bureau: 局领导, 办公室 and eleven business divisions (12 处室 with the
 * office), 300 accounts. Written with batched inserts into org's tables (units,
 * users, user_roles) because seedDemoOrg makes 12 accounts and hashes one
 * password per account; this file follows org.tables.ts and must be kept next
 * to it. The demo accounts (leader1, office_clerk, div1_head …) exist with
 * their demo password, so a benchmark signs in as a known person.
 */
export interface OrgUser {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
}
export interface OrgUnit {
  id: string;
  name: string;
  kind: UnitKind;
}
export interface Org {
  units: OrgUnit[];
  divisions: OrgUnit[];
  office: OrgUnit;
  leadership: OrgUnit;
  users: OrgUser[];
  byUnit: Map<string, OrgUser[]>;
  heads: Map<string, OrgUser>;
  leaders: OrgUser[];
  clerks: OrgUser[];
}

const DIVISIONS = [
  '综合处',
  '监管一处',
  '监管二处',
  '监管三处',
  '监管四处',
  '预算监管处',
  '政府债务监管处',
  '会计监督处',
  '资产监管处',
  '社保资金监管处',
  '人事教育处',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志新春燕立明亮晨晓东海波宁晶岩松峰';

export const USER_COUNT = 300;

export async function generateOrg(db: Kysely<Database>, r: Rng, at: string): Promise<Org> {
  const t0 = Date.parse('2016-01-04T01:00:00Z');
  const units: OrgUnit[] = [
    { id: r.uuid(t0), name: '局领导', kind: 'leadership' },
    { id: r.uuid(t0), name: '办公室', kind: 'office' },
    ...DIVISIONS.map((name) => ({ id: r.uuid(t0), name, kind: 'division' as const })),
  ];
  const unitByName = new Map(units.map((u) => [u.name, u]));
  const users: OrgUser[] = [];
  const taken = new Set<string>();
  const personName = () => {
    for (;;) {
      const n = r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
      if (!taken.has(n)) {
        taken.add(n);
        return n;
      }
    }
  };
  const add = (username: string, name: string, unit: string, roles: Role[]) => {
    const u = unitByName.get(unit);
    if (!u) throw new Error(`unit ${unit}`);
    taken.add(name);
    users.push({ id: r.uuid(t0), username, name, unitId: u.id, roles });
  };
  // The demo accounts first (the benchmarks sign in as them), except the three admins (三员), added too.
  for (const a of DEMO_ACCOUNTS) add(a.username, a.name, a.unit, [a.role]);
  for (let i = 3; i <= 6; i++) add(`leader${i}`, `${personName()}`, '局领导', ['leader']);
  for (let i = 1; users.filter((u) => u.unitId === unitByName.get('办公室')?.id).length < 22; i++)
    add(`office${i}`, personName(), '办公室', [i % 4 === 0 ? 'office_clerk' : 'staff']);
  // Divisions get the rest, evenly; the first account of a division without a demo head is its head.
  let d = 0;
  const counters = new Map<string, number>();
  while (users.length < USER_COUNT) {
    const unit = DIVISIONS[d % DIVISIONS.length] ?? '综合处';
    d++;
    const k = (counters.get(unit) ?? 0) + 1;
    counters.set(unit, k);
    const idx = DIVISIONS.indexOf(unit) + 1;
    const hasHead = users.some((u) => u.unitId === unitByName.get(unit)?.id && u.roles.includes('division_head'));
    add(`d${idx}u${k}`, personName(), unit, [hasHead ? 'staff' : 'division_head']);
  }

  const hash = await hashPassword(DEMO_PASSWORD);
  await insertRows(
    db,
    'units',
    units.map((u, i): Record<string, Cell> => ({ id: u.id, name: u.name, kind: u.kind, parent_id: null, sort: i, version: 1, created_at: at, updated_at: at })),
  );
  await insertRows(
    db,
    'users',
    users.map((u): Record<string, Cell> => ({
      id: u.id,
      username: u.username,
      name: u.name,
      unit_id: u.unitId,
      password_hash: hash,
      password_changed_at: at,
      must_change_password: 0,
      password_never_expires: 1,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })),
  );
  await insertRows(
    db,
    'user_roles',
    users.flatMap((u) => u.roles.map((role): Record<string, Cell> => ({ user_id: u.id, role, granted_at: at, granted_by: null }))),
  );

  const byUnit = new Map<string, OrgUser[]>();
  for (const u of users) byUnit.set(u.unitId, [...(byUnit.get(u.unitId) ?? []), u]);
  const divisions = units.filter((u) => u.kind === 'division');
  const heads = new Map<string, OrgUser>();
  for (const dv of divisions) {
    const h = byUnit.get(dv.id)?.find((u) => u.roles.includes('division_head'));
    if (h) heads.set(dv.id, h);
  }
  const office = unitByName.get('办公室');
  const leadership = unitByName.get('局领导');
  if (!office || !leadership) throw new Error('org');
  return {
    units,
    divisions,
    office,
    leadership,
    users,
    byUnit,
    heads,
    leaders: users.filter((u) => u.roles.includes('leader')),
    clerks: users.filter((u) => u.roles.includes('office_clerk')),
  };
}
