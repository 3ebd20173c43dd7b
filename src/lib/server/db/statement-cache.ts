import type SQLite from 'better-sqlite3';
import type { StatementSource } from './data-version';

/**
 * better-sqlite3 as kysely's SqliteDialect sees it, with prepared statements kept and reused.
 * Kysely prepares every query afresh, and for the small queries a page makes, preparing costs
 * as much as running. A statement in use by a streamed query is never handed out twice: a fresh
 * one is prepared for the second caller. The least recently used are let go beyond `max`.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500): StatementSource {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			const kept = statements.get(sql);
			if (kept && !kept.busy) {
				statements.delete(sql);
				statements.set(sql, kept);
				return kept;
			}
			const statement = sqlite.prepare(sql);
			if (!kept) {
				statements.set(sql, statement);
				if (statements.size > max) statements.delete(statements.keys().next().value as string);
			}
			return statement;
		}
	};
}
