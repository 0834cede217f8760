import { todoListSchema } from '../../../shared/todos.js';
import type { Deps } from '../deps.js';
import { requireActor } from '../http/actor.js';
import type { ZApp } from '../http/zod-app.js';
import { collectTodos, type TodoSource } from './todos.service.js';

/** `GET /api/todos`: the signed-in user's to-dos from every module, most urgent first. */
export function registerTodoRoutes(app: ZApp, deps: Deps, sources: () => readonly TodoSource[]): void {
  app.get(
    '/api/todos',
    { schema: { tags: ['todos'], summary: '我的待办（各模块汇总，紧急优先、期限近者优先）', response: { 200: todoListSchema } } },
    async (req) => {
      const actor = requireActor(req);
      return collectTodos(deps, actor, sources());
    },
  );
}
