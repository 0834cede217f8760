import type { TodoItem } from '../../../shared/todos.js';
import { URGENCY_RANK } from '../format.js';

/** Urgent first (特急, 加急, 平件), then the nearest deadline, items without one last. */
export function sortTodos(items: readonly TodoItem[]): TodoItem[] {
  return [...items].sort((a, b) => {
    const u = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
    if (u !== 0) return u;
    if (a.deadline && b.deadline) return a.deadline.localeCompare(b.deadline);
    if (a.deadline) return -1;
    if (b.deadline) return 1;
    return a.title.localeCompare(b.title, 'zh-CN');
  });
}
