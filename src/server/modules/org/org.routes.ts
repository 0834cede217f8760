import {
  adminUserListQuerySchema,
  adminUserListSchema,
  adminUserSchema,
  createUnitBodySchema,
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
import type { Deps } from '../../core/deps.js';
import { requireActor } from '../../core/http/actor.js';
import type { ZApp } from '../../core/http/zod-app.js';
import * as org from './org.service.js';

export function registerOrgRoutes(app: ZApp, deps: Deps): void {
  app.get(
    '/api/org/units',
    { schema: { tags: ['org'], summary: '组织机构树（任何已登录用户）', response: { 200: unitTreeSchema } } },
    async (req) => {
      requireActor(req);
      return org.getUnitTree(deps);
    },
  );

  app.get(
    '/api/admin/users',
    { schema: { tags: ['admin'], summary: '账号列表（系统管理员、安全保密管理员）', querystring: adminUserListQuerySchema, response: { 200: adminUserListSchema } } },
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
      schema: { tags: ['admin'], summary: '修改账号：姓名、单位、停用/启用（系统管理员）', params: idParamsSchema, body: updateUserBodySchema, response: { 200: adminUserSchema } },
    },
    async (req) => org.updateUser(deps, requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    {
      schema: { tags: ['admin'], summary: '重置密码，下次登录须修改（系统管理员）', params: idParamsSchema, body: resetPasswordBodySchema, response: { 200: adminUserSchema } },
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
    { schema: { tags: ['admin'], summary: '设置账号角色（安全保密管理员）', params: idParamsSchema, body: setRolesBodySchema, response: { 200: adminUserSchema } } },
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

