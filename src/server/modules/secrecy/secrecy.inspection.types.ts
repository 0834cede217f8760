import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../core/db/database.js';

/** A condition on the sheets table: the policy's list filter is one. */
export type SheetWhere = (eb: ExpressionBuilder<Database, 'secrecy_sheets'>) => Expression<SqlBool>;
