import type { Insertable, Selectable, Transaction } from 'kysely';
import type { Database } from '../../core/db/database.js';
import type { Executor } from '../../core/db/executor.js';
import type { AttendeeTable, TrainingTable } from './secrecy.tables.js';

/* 保密教育培训's queries. */

export type TrainingRow = Selectable<TrainingTable>;

export async function insertTraining(
  trx: Transaction<Database>,
  row: Insertable<TrainingTable>,
  attendees: readonly Insertable<AttendeeTable>[],
): Promise<void> {
  await trx.insertInto('secrecy_trainings').values(row).execute();
  for (let i = 0; i < attendees.length; i += 200)
    await trx
      .insertInto('secrecy_attendees')
      .values(attendees.slice(i, i + 200))
      .execute();
}

export async function trainingsBetween(db: Executor, from: string, to: string): Promise<TrainingRow[]> {
  return db
    .selectFrom('secrecy_trainings')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function attendeesOf(db: Executor, trainingIds: readonly string[]): Promise<Selectable<AttendeeTable>[]> {
  const out: Selectable<AttendeeTable>[] = [];
  for (let i = 0; i < trainingIds.length; i += 500) {
    const chunk = trainingIds.slice(i, i + 500);
    if (chunk.length > 0) out.push(...(await db.selectFrom('secrecy_attendees').selectAll().where('training_id', 'in', chunk).orderBy('name').execute()));
  }
  return out;
}

export async function trainingsOfUser(db: Executor, userId: string, from: string, to: string) {
  return db
    .selectFrom('secrecy_attendees as a')
    .innerJoin('secrecy_trainings as t', 't.id', 'a.training_id')
    .select(['t.id', 't.title', 't.kind', 't.date', 't.half_hours', 't.pass_score', 'a.score'])
    .where('a.user_id', '=', userId)
    .where('t.date', '>=', from)
    .where('t.date', '<=', to)
    .orderBy('t.date', 'desc')
    .execute();
}
