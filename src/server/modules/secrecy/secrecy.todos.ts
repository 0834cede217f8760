import type { Deps } from '../../core/deps.js';
import type { Actor } from '../../core/http/actor.js';
import type { TodoInput } from '../../core/todos/todos.service.js';
import { horizon } from './secrecy.carrier.service.js';
import { approvalsOf } from './secrecy.carrier.workflow.js';
import { rectificationsOf, sheetsIn, sheetsWithReported, type SheetRow } from './secrecy.inspection.repo.js';
import { isDirector, isOfficer, maySubmit } from './secrecy.policy.js';
import { carriersIn, carriersNeedingOfficer, type CarrierRow, loansOf } from './secrecy.repo.js';

/* What waits for whom in 保密 (contract "To-dos"). */

const carrierTodo = (r: CarrierRow, title: string, deadline: string | null, urgent = false): TodoInput => ({
  kind: 'carrier',
  id: r.id,
  title: `${title}：${r.number} ${r.title}`.slice(0, 200),
  urgency: urgent ? 'urgent' : 'normal',
  deadline,
  state: r.state,
});
const sheetTitle = (s: SheetRow) => s.respondent_name ?? s.unit_name;
const sheetTodo = (s: SheetRow, title: string, deadline: string | null, urgent = false): TodoInput => ({
  kind: 'inspection',
  id: s.id,
  title: title.slice(0, 200),
  urgency: urgent ? 'urgent' : 'normal',
  deadline,
  state: s.state,
});

export async function secrecyTodos(deps: Deps, actor: Actor): Promise<TodoInput[]> {
  const out: TodoInput[] = [];
  const seen = new Set<string>();
  const add = (t: TodoInput) => {
    if (seen.has(`${t.kind}:${t.id}`)) return;
    seen.add(`${t.kind}:${t.id}`);
    out.push(t);
  };
  const { today, reviewBy } = await horizon(deps);
  for (const r of await loansOf(deps.db, actor.id)) add(carrierTodo(r, '归还借阅的涉密载体', r.due_date, (r.due_date ?? today) < today));
  if (isOfficer(actor)) {
    for (const r of await carriersNeedingOfficer(deps.db, today, reviewBy)) {
      add(r.state === 'lent' ? carrierTodo(r, '催还逾期载体', r.due_date, true) : carrierTodo(r, '保密期限届满审核', r.period_end));
    }
    for (const r of await carriersIn(deps.db, ['withdrawal_approved'])) add(carrierTodo(r, '办理清退移交', null));
    for (const r of await carriersIn(deps.db, ['destruction_approved'])) add(carrierTodo(r, '组织销毁', null));
    for (const s of await sheetsIn(deps.db, ['submitted'])) add(sheetTodo(s, `确认保密自查表（${sheetTitle(s)}）`, null));
    for (const s of await sheetsWithReported(deps.db)) add(sheetTodo(s, `验收整改（${sheetTitle(s)}）`, null));
  }
  if (isOfficer(actor) || isDirector(actor)) {
    for (const r of await carriersIn(deps.db, ['destruction_pending'])) {
      const done = new Set(approvalsOf(r).map((a) => a.role));
      const mine = (isOfficer(actor) && !done.has('secrecy_officer')) || (isDirector(actor) && !done.has('office_director'));
      if (mine) add(carrierTodo(r, '审批销毁', null));
    }
  }
  if (isDirector(actor)) for (const r of await carriersIn(deps.db, ['withdrawal_pending'])) add(carrierTodo(r, '审批清退', null));
  const mine = (await sheetsIn(deps.db, ['pending', 'rectifying'])).filter((s) => maySubmit(actor, s));
  const rects = await rectificationsOf(
    deps.db,
    mine.filter((s) => s.state === 'rectifying').map((s) => s.id),
  );
  for (const s of mine) {
    if (s.state === 'pending') add(sheetTodo(s, `填报保密自查表（${sheetTitle(s)}）`, s.due_date, s.due_date < today));
    else {
      const open = rects.filter((r) => r.sheet_id === s.id && r.state === 'open');
      if (open.length === 0) continue;
      const first = open.map((r) => r.deadline).sort()[0] ?? null;
      add(sheetTodo(s, `保密自查整改 ${open.length} 项（${sheetTitle(s)}）`, first, first !== null && first < today));
    }
  }
  return out;
}
