import {
	OperationNodeTransformer,
	PostgresAdapter,
	sql,
	type ColumnDefinitionNode,
	type DataTypeNode,
	type Expression,
	type Kysely,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RawBuilder,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL lives in src/lib/server/db: here, in
 * connection.ts (how each is opened) and in migrate.ts. App code asks these helpers rather than
 * writing either dialect's own SQL.
 */
export type Dialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see the tables as they were
export function dialectOf(db: Kysely<any>): Dialect {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Work that must not interleave with more of the same, whichever app server does it. */
const LOCKS = { imports: 7_285_001, plan: 7_285_002, analysis: 7_285_003, admins: 7_285_004, templates: 7_285_005, calendar: 7_285_006, policy: 7_285_007 } as const;

/**
 * Called first in a transaction: waits until no other transaction is doing the same work (`key`
 * narrows it, to a year for instance), and keeps others waiting until this one ends. On PostgreSQL
 * that is a transaction-level advisory lock, so it holds across app servers. SQLite needs nothing:
 * it has one writing transaction at a time anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export async function oneAtATime(trx: Kysely<any>, work: keyof typeof LOCKS, key = 0): Promise<void> {
	if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${LOCKS[work]}, ${key})`.execute(trx);
}

/** The app's own tables, in name order: not the migrations' bookkeeping, nor the database's own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export async function tableNames(db: Kysely<any>): Promise<string[]> {
	const { rows } =
		dialectOf(db) === 'postgres'
			? await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)
			: await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
	return rows.map((r) => r.name).filter((name) => !name.startsWith('kysely_'));
}

/**
 * A number given as a parameter where a column's value is selected (`insert ... select ?, a, b`):
 * PostgreSQL cannot tell the type of a bare parameter there and would take it for text.
 */
export function integerParameter(value: number): RawBuilder<number> {
	return sql<number>`cast(${value} as integer)`;
}

/**
 * The value at `path` inside a JSON document kept as text, or null when there is none: SQLite's
 * `->>` with a `$.a.b[1]` path, PostgreSQL's `#>>` with `{a,b,1}` on the text cast to jsonb.
 */
export function jsonValue(dialect: Dialect, document: Expression<string | null>, path: readonly (string | number)[]): RawBuilder<unknown> {
	if (dialect === 'postgres') return sql`(cast(${document} as jsonb) #>> ${`{${path.join(',')}}`})`;
	const steps = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
	return sql`(${document} ->> ${`$${steps}`})`;
}

/**
 * The schema as the migrations write it, in PostgreSQL's words: an `autoIncrement()` key becomes
 * an identity column (ids still come from the database, and a row may still be given its id), and
 * `real`, which is a 4-byte float on PostgreSQL but an 8-byte one on SQLite, becomes `double precision`
 * so a stored 41.3 reads back as 41.3; `blob` is `bytea`. SQLite's migrations run untouched.
 */
export class PostgresSchemaPlugin implements KyselyPlugin {
	private readonly transformer = new (class extends OperationNodeTransformer {
		protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
			const column = super.transformColumnDefinition(node);
			if (!column.autoIncrement) return column;
			return { ...column, autoIncrement: undefined, generated: { kind: 'GeneratedNode', byDefault: true, identity: true } };
		}
		protected override transformDataType(node: DataTypeNode): DataTypeNode {
			if (node.dataType === 'real') return { ...node, dataType: 'double precision' };
			return node.dataType === 'blob' ? { ...node, dataType: 'bytea' } : node;
		}
	})();

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.transformer.transformNode(args.node);
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

/**
 * A select that locks the rows it reads until the transaction ends, so that a read-then-write
 * sequence cannot interleave with another on the same rows: `FOR UPDATE` on PostgreSQL. SQLite has
 * one writer at a time and no such clause, so there the select is unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any select on any table
export function lockingRows<Q extends { forUpdate(): Q }>(db: Kysely<any>, query: Q): Q {
	return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}
