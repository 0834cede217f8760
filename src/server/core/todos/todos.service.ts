import { type TodoItem, type TodoList, type Urgency, URGENCIES } from '../../../shared/todos.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../http/actor.js';

/** What a provider returns: a to-do item, deadline optional. */
export interface TodoInput {
  kind: string;
  id: string;
  title: string;
  urgency: Urgency;
  /** `YYYY-MM-DD` */
  deadline?: string | null;
  state: string;
}

/**
 * A module's contribution to the to-do centre: everything waiting for this
 * actor (objects where an action is theirs to fire). Filter in SQL; the
 * centre only merges and sorts.
 */
export type TodoProvider = (deps: Deps, actor: Actor) => Promise<readonly TodoInput[]>;

/** Anything that may contribute to-dos: a `ServerModule` is one. */
export interface TodoSource {
  name: string;
  todos?: TodoProvider;
}

const URGENCY_RANK: Record<Urgency, number> = Object.fromEntries(URGENCIES.map((u, i) => [u, i])) as Record<Urgency, number>;

/** Urgent first (特急, 加急, 平件), then earliest deadline, items without one last; ties by kind and id. */
export function compareTodos(a: TodoItem, b: TodoItem): number {
  const u = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
  if (u !== 0) return u;
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortTodos(items: readonly TodoInput[]): TodoItem[] {
  return items.map((i) => ({ kind: i.kind, id: i.id, title: i.title, urgency: i.urgency, deadline: i.deadline ?? null, state: i.state })).sort(compareTodos);
}

/**
 * Asks every source for the actor's to-dos and merges them. A source that
 * fails is logged and named in `unavailable`; the others are still shown,
 * so one broken module does not blank everybody's desk.
 */
export async function collectTodos(deps: Deps, actor: Actor, sources: readonly TodoSource[]): Promise<TodoList> {
  const withTodos = sources.filter((s): s is TodoSource & { todos: TodoProvider } => typeof s.todos === 'function');
  const results = await Promise.allSettled(withTodos.map((s) => s.todos(deps, actor)));
  const items: TodoInput[] = [];
  const unavailable: string[] = [];
  results.forEach((r, i) => {
    const name = withTodos[i]?.name ?? '?';
    if (r.status === 'fulfilled') items.push(...r.value);
    else {
      unavailable.push(name);
      deps.log.error({ err: r.reason, module: name }, 'todo provider failed');
    }
  });
  const sorted = sortTodos(items);
  return { items: sorted, total: sorted.length, unavailable };
}
