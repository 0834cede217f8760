import { describe, expect, it } from 'vitest';
import type { TodoItem } from '../../../shared/todos.js';
import { sortTodos } from './todoSort.js';

const t = (id: string, urgency: TodoItem['urgency'], deadline: string | null): TodoItem => ({
  kind: 'incoming',
  id,
  title: id,
  urgency,
  deadline,
  state: 'handling',
});

describe('sortTodos', () => {
  it('puts 特急 before 加急 before 平件, then the nearest deadline, undated last', () => {
    const sorted = sortTodos([
      t('a', 'normal', '2026-01-01'),
      t('b', 'urgent', null),
      t('c', 'extra_urgent', '2026-03-01'),
      t('d', 'urgent', '2026-02-01'),
      t('e', 'extra_urgent', '2026-01-15'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
  });
});
