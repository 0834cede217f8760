import type { ServerModule } from '../index.js';
import { registerOutgoingRoutes } from './outgoing.routes.js';
import { outgoingTodos } from './outgoing.service.js';

/** 发文: drafting, reviews, co-sign, sign-off with the 发文字号, 核发, 归档, and the GB/T 9704 .docx and .pdf. */
export const outgoingModule: ServerModule = {
  name: 'outgoing',
  register(app, deps) {
    registerOutgoingRoutes(app, deps);
  },
  todos: outgoingTodos,
};
