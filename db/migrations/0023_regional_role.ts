import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

const COLUMNS = ['id', 'email', 'name', 'role', 'password_hash', 'disabled_at', 'created_at', 'updated_at'];
const ROLES_0001 = ['admin', 'analyst', 'lead_adviser', 'adviser', 'headteacher'];
const ROLES_0021 = [...ROLES_0001, 'regional'];

/**
 * A new role, regional: it reads every school of the LAs it is given and changes nothing
 * (docs/roles.md). The users table's role check lets it in.
 *
 * SQLite cannot change a CHECK constraint, so `users` is rebuilt the way SQLite's documentation
 * says (https://www.sqlite.org/lang_altertable.html#otheralter), as migration 0010 did: foreign
 * keys off, build, copy, drop, rename, check the foreign keys, in one transaction. Every user keeps
 * their id, so sessions, links and the audit log still point at the same people. PostgreSQL
 * changes the constraint in place, inside the migration's own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, ROLES_0021);
	await alter(db, ROLES_0021);
}

/** Back to 0001's roles: regional accounts are removed, with what was theirs. */
export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from users where role = 'regional'`.execute(db);
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return rebuild(db, ROLES_0001);
	await alter(db, ROLES_0001);
}

const roleCheck = (roles: string[]) => sql`role in (${sql.join(roles.map((r) => sql.lit(r)))})`;

async function alter(db: Kysely<any>, roles: string[]): Promise<void> {
	await sql`alter table users drop constraint users_role_check`.execute(db);
	await sql`alter table users add constraint users_role_check check (${roleCheck(roles)})`.execute(db);
}

async function rebuild(db: Kysely<any>, roles: string[]): Promise<void> {
	await sql`PRAGMA foreign_keys = OFF`.execute(db);
	try {
		await sql`BEGIN`.execute(db);
		try {
			await db.schema
				.createTable('users_new')
				.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
				.addColumn('email', 'text', (c) => c.notNull().unique())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('role', 'text', (c) => c.notNull())
				.addColumn('password_hash', 'text', (c) => c.notNull())
				.addColumn('disabled_at', 'text')
				.addColumn('created_at', 'text', (c) => c.notNull())
				.addColumn('updated_at', 'text', (c) => c.notNull())
				.addCheckConstraint('users_role_check', roleCheck(roles))
				.execute();
			const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
			await sql`insert into users_new (${columns}) select ${columns} from users`.execute(db);
			await sql`drop table users`.execute(db);
			await sql`alter table users_new rename to users`.execute(db);
			const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
			if (broken.rows.length > 0) throw new Error(`Rebuilding users broke ${broken.rows.length} references, first in ${broken.rows[0].table}`);
			await sql`COMMIT`.execute(db);
		} catch (e) {
			await sql`ROLLBACK`.execute(db);
			throw e;
		}
	} finally {
		await sql`PRAGMA foreign_keys = ON`.execute(db);
	}
}
