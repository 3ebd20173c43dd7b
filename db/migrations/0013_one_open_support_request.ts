import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

/**
 * A school has at most one open request for support (docs/roles.md; a double-submitted form stored the
 * same request ten times). An open request is a headteacher's self-referral not yet ended; once an
 * adviser closes it, the school may ask again. Requests already stored twice are closed, oldest
 * kept open, before the index is made.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		update soft_intelligence set end_date = date, ended_at = created_at
		where type = 'self_referral' and source = 'headteacher' and end_date is null
		and id not in (
			select min(id) from soft_intelligence
			where type = 'self_referral' and source = 'headteacher' and end_date is null
			group by urn
		)`.execute(db);
	await sql`create unique index soft_intelligence_one_open_request on soft_intelligence (urn) where type = 'self_referral' and source = 'headteacher' and end_date is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('soft_intelligence_one_open_request').execute();
}
