import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * Which LAs the installation served when each import ran, so the same file imported again after
 * the served LAs change is imported (for the schools it now keeps) rather than called unchanged.
 * '' is every LA; otherwise the LA codes, sorted, comma separated. Imports made before this are
 * taken to have run with the LAs served now. A file is one live import per year and LA scope.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('imports')
		.addColumn('la_scope', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	const setting = await db.selectFrom('settings').select('value_json').where('key', '=', 'import.la_scope').executeTakeFirst();
	if (setting) {
		const value = JSON.parse(setting.value_json) as { laCodes?: string[]; laCode?: string | null };
		const codes = [...new Set((value.laCodes ?? (value.laCode ? [value.laCode] : [])).map((c) => c.trim()).filter(Boolean))].sort();
		if (codes.length > 0) await db.updateTable('imports').set({ la_scope: codes.join(',') }).execute();
	}
	await db.schema.dropIndex('imports_sha256_live').execute();
	await sql`create unique index imports_sha256_live on imports (sha256, coalesce(year, 0), la_scope) where rolled_back_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('imports_sha256_live').execute();
	await sql`create unique index imports_sha256_live on imports (sha256, coalesce(year, 0)) where rolled_back_at is null`.execute(db);
	await db.schema.alterTable('imports').dropColumn('la_scope').execute();
}
