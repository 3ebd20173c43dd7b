import { sql } from 'kysely';
import type { Db } from './index';
import { dialectOf } from './dialect';

export interface Reference {
	table: string;
	column: string;
	rows: number;
}

/** Every single-column foreign key that points at `table`: SQLite's pragma, or PostgreSQL's catalog. */
function foreignKeysTo(db: Db, table: string) {
	if (dialectOf(db) === 'postgres') {
		return sql<{ from_table: string; from_column: string }>`
			select c.conrelid::regclass::text as from_table, a.attname as from_column
			from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
			where c.contype = 'f' and c.confrelid = to_regclass(${table}) and cardinality(c.conkey) = 1`.execute(db);
	}
	return sql<{ from_table: string; from_column: string }>`
		select m.name as from_table, f."from" as from_column
		from sqlite_master m, pragma_foreign_key_list(m.name) f
		where m.type = 'table' and f."table" = ${table}`.execute(db);
}

/**
 * Rows in other tables that point at these keys through a foreign key, found from the schema
 * itself, so a table another area adds later is covered too. Each database says so its own way, hence here.
 */
export async function referencesTo(db: Db, table: string, keys: readonly (string | number)[]): Promise<Reference[]> {
	if (keys.length === 0) return [];
	const { rows: fks } = await foreignKeysTo(db, table);
	const found: Reference[] = [];
	for (const fk of fks) {
		let rows = 0;
		for (let i = 0; i < keys.length; i += 500) {
			const group = keys.slice(i, i + 500);
			const { rows: counted } = await sql<{ n: number }>`select count(*) as n from ${sql.table(fk.from_table)} where ${sql.ref(fk.from_column)} in (${sql.join(group)})`.execute(db);
			rows += Number(counted[0]?.n ?? 0);
		}
		if (rows > 0) found.push({ table: fk.from_table, column: fk.from_column, rows });
	}
	return found;
}
