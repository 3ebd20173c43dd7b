import type SQLite from 'better-sqlite3';
import type { StatementSource } from './data-version';

/*
 * Rows as objects, made in JavaScript rather than by better-sqlite3.
 *
 * better-sqlite3 makes each row object one property at a time through V8's API, which costs about
 * 0.2-0.4 µs a value: the school list, a profile and the overview read tens of thousands of values
 * a view, and this was most of their time in SQLite. Read as arrays (`raw`), the same rows cost a
 * third as much; each is then turned into an object by a function written for that statement's
 * columns, an object literal that V8 builds in one step with one shape for every row.
 *
 * Only reading changes: the values, their types and their order are better-sqlite3's own, and
 * statements that return no rows are handed on untouched.
 */

type Build = (row: unknown[]) => Record<string, unknown>;

/** One function per list of column names, shared by every statement with those columns. */
const builders = new Map<string, Build>();
/** Each statement's stand-in, so a statement kept and reused (statement-cache.ts) is set up once. */
const wrapped = new WeakMap<SQLite.Statement, SQLite.Statement>();

/** The most builders kept: a statement's columns are fixed by its SQL, so this only bounds a leak. */
const MAX_BUILDERS = 2000;

/** A function that makes `{ [names[0]]: row[0], ... }`; a later duplicate name wins, as with better-sqlite3. Not for a name "__proto__". */
export function rowBuilder(names: readonly string[]): Build {
	const key = names.join('\u0000');
	let build = builders.get(key);
	if (build === undefined) {
		// Plain keys: V8 then makes every row from one template. (Computed keys were up to 25 times slower.)
		const body = `return {${names.map((name, i) => `${JSON.stringify(name)}: row[${i}]`).join(', ')}};`;
		// The names come from SQLite's column list, each written as a JSON string literal.
		build = new Function('row', body) as Build;
		if (builders.size >= MAX_BUILDERS) builders.clear();
		builders.set(key, build);
	}
	return build;
}

/** The statement as kysely uses it, reading rows as arrays and making the objects itself. */
export function objectRows(statement: SQLite.Statement): SQLite.Statement {
	if (!statement.reader) return statement;
	const known = wrapped.get(statement);
	if (known) return known;
	const names = statement.columns().map((c) => c.name);
	// In an object literal "__proto__" would set the prototype, not make a property: left to better-sqlite3.
	if (names.includes('__proto__')) return statement;
	const build = rowBuilder(names);
	statement.raw(true);
	const objects = (rows: unknown[][]) => {
		const out = rows as unknown as Record<string, unknown>[];
		for (let i = 0; i < rows.length; i++) out[i] = build(rows[i]);
		return out;
	};
	const stand = {
		reader: true,
		get readonly() {
			return statement.readonly;
		},
		get busy() {
			return statement.busy;
		},
		source: statement.source,
		all: (...params: unknown[]) => objects(statement.all(...params) as unknown[][]),
		get: (...params: unknown[]) => {
			const row = statement.get(...params) as unknown[] | undefined;
			return row === undefined ? undefined : build(row);
		},
		*iterate(...params: unknown[]) {
			for (const row of statement.iterate(...params)) yield build(row as unknown[]);
		},
		run: (...params: unknown[]) => statement.run(...params),
		columns: () => statement.columns()
	};
	const result = stand as unknown as SQLite.Statement;
	wrapped.set(statement, result);
	return result;
}

/** `source`, its reading statements returning rows made by objectRows. */
export function withObjectRows(source: StatementSource): StatementSource {
	return {
		close: () => source.close(),
		prepare: (sql: string) => objectRows(source.prepare(sql))
	};
}
