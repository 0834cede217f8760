import {
  adminUserListQuerySchema,
  adminUserListSchema,
  adminUserSchema,
  createDelegationBodySchema,
  createUnitBodySchema,
  delegationListSchema,
  delegationSchema,
  createUserBodySchema,
  idParamsSchema,
  resetPasswordBodySchema,
  setRolesBodySchema,
  unitListSchema,
  unitSchema,
  unitTreeSchema,
  updateUnitBodySchema,
  updateUserBodySchema,
} from '../../../shared/org.js';
import { okSchema } from '../../../shared/auth.js';
import { requireBusinessActor } from '../auth/guards.js';
import type { Deps } from '../deps.js';
import { requireActor } from '../http/actor.js';
import type { ZApp } from '../http/zod-app.js';
import { createDelegation, listMyDelegations, revokeDelegation } from './org.delegation.js';
import * as org from './org.service.js';

const delegationIdParams = idParamsSchema;

export function registerOrgRoutes(app: ZApp, deps: Deps): void {
  app.get(
    '/api/me/delegations',
    { schema: { tags: ['org'], summary: '我的委托（委托出去的和收到的）', response: { 200: delegationListSchema } } },
    async (req) => listMyDelegations(deps, requireBusinessActor(req)),
  );

  app.post(
    '/api/me/delegations',
    {
      schema: {
        tags: ['org'],
        summary: '委托他人代理我的待办（局领导、办公室主任、处室负责人）',
        body: createDelegationBodySchema,
        response: { 201: delegationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createDelegation(deps, requireBusinessActor(req), req.body)),
  );

  app.delete(
    '/api/me/delegations/:id',
    { schema: { tags: ['org'], summary: '撤销委托', params: delegationIdParams, response: { 200: okSchema } } },
    async (req) => {
      await revokeDelegation(deps, requireBusinessActor(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get('/api/org/units', { schema: { tags: ['org'], summary: '组织机构树（任何已登录用户）', response: { 200: unitTreeSchema } } }, async (req) => {
    requireActor(req);
    return org.getUnitTree(deps);
  });

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: '账号列表（系统管理员、安全保密管理员）',
        querystring: adminUserListQuerySchema,
        response: { 200: adminUserListSchema },
      },
    },
    async (req) => org.listAdminUsers(deps, requireActor(req), req.query),
  );

  app.post(
    '/api/admin/users',
    { schema: { tags: ['admin'], summary: '新建账号（系统管理员）', body: createUserBodySchema, response: { 201: adminUserSchema } } },
    async (req, reply) => {
      const user = await org.createUser(deps, requireActor(req), req.body);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: '修改账号：姓名、单位、电子邮箱、停用/启用（系统管理员）',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: adminUserSchema },
      },
    },
    async (req) => org.updateUser(deps, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    {
      schema: {
        tags: ['admin'],
        summary: '重置密码，下次登录须修改（系统管理员）',
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: adminUserSchema },
      },
    },
    async (req) => org.resetPassword(deps, requireActor(req), req.params.id, req.body.password),
  );

  app.post(
    '/api/admin/users/:id/unlock',
    { schema: { tags: ['admin'], summary: '解除登录锁定（安全保密管理员）', params: idParamsSchema, response: { 200: adminUserSchema } } },
    async (req) => org.unlockUser(deps, requireActor(req), req.params.id),
  );

  app.put(
    '/api/admin/users/:id/roles',
    {
      schema: {
        tags: ['admin'],
        summary: '设置账号角色（安全保密管理员）',
        params: idParamsSchema,
        body: setRolesBodySchema,
        response: { 200: adminUserSchema },
      },
    },
    async (req) => org.setUserRoles(deps, requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/admin/units',
    { schema: { tags: ['admin'], summary: '单位列表（含版本号，系统管理员、安全保密管理员）', response: { 200: unitListSchema } } },
    async (req) => ({ items: await org.listUnitsForAdmin(deps, requireActor(req)) }),
  );

  app.post(
    '/api/admin/units',
    { schema: { tags: ['admin'], summary: '新建单位（系统管理员）', body: createUnitBodySchema, response: { 201: unitSchema } } },
    async (req, reply) => {
      const unit = await org.createUnit(deps, requireActor(req), req.body);
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/api/admin/units/:id',
    { schema: { tags: ['admin'], summary: '修改单位（系统管理员）', params: idParamsSchema, body: updateUnitBodySchema, response: { 200: unitSchema } } },
    async (req) => org.updateUnit(deps, requireActor(req), req.params.id, req.body),
  );
}
