import { inject } from 'vitest';
import { openDatabase } from '../../src/server/core/db/connect.js';

/**
 * The one scene the API cannot set: a password changed long ago (the server
 * runs on the real clock). Written straight into the server's database; a
 * new login reads the account afresh.
 */
export async function agePassword(username: string, days: number): Promise<void> {
  const { dataDir, databaseUrl } = inject('serverDatabase');
  const db = openDatabase({ dataDir, databaseUrl: databaseUrl || undefined });
  try {
    const at = new Date(Date.now() - days * 86_400_000).toISOString();
    const r = await db.kysely
      .updateTable('users')
      .set({ password_changed_at: at, must_change_password: 0 })
      .where('username', '=', username)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Error(`no account ${username} to age`);
  } finally {
    await db.close();
  }
}
