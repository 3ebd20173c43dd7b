import { sql } from 'kysely';
import type { Db } from './db';
import { audit } from './audit';
import { nowIso, today } from './clock';
import { advisersFor, notify } from './notifications';
import { requireAllowed, type Actor } from '../domain/access';
import { Refusal } from '../domain/refusal';

const MAX_REASON = 5000;

/** The predicate of the unique index soft_intelligence_one_open_request, written as literally as the index (a bound parameter would not match it). */
const OPEN_REQUEST = sql<boolean>`type = 'self_referral' and source = 'headteacher' and end_date is null`;

export interface SupportAsked {
	id: number;
	/** False when the school already had an open request: that one stands, and nothing new is stored. */
	created: boolean;
	date: string;
	details: string;
}

/**
 * A headteacher asks the LA for support. It becomes a self-referral in the school's
 * soft-intelligence register, so the next analysis counts it (rule L5), and the school's
 * advisers are told at once. A school has one open request at a time (a unique index says so):
 * asking again while one is open, or submitting the form twice, gives back the open one.
 */
export async function askForSupport(db: Db, user: Actor, urn: number, reason: string): Promise<SupportAsked> {
	requireAllowed(user, 'support.ask', { urn });
	const details = reason.trim();
	if (!details) throw new Refusal('Tell us what support you would like, and why');
	if (details.length > MAX_REASON) throw new Refusal(`This must be ${MAX_REASON} characters or fewer`);
	const now = nowIso();
	const day = today();
	const existing = await openRequest(db, urn);
	if (existing) return { ...existing, created: false };
	return db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('soft_intelligence')
			.values({
				urn,
				type: 'self_referral',
				date: day,
				end_date: null,
				details,
				source: 'headteacher',
				grade: null,
				areas_json: null,
				safeguarding_met: null,
				created_by: user.id,
				created_at: now,
				ended_by: null,
				ended_at: null
			})
			.onConflict((oc) => oc.column('urn').where(OPEN_REQUEST).doNothing())
			.returning('id')
			.executeTakeFirst();
		// Another submit of the same form got there first: show that one.
		if (!inserted) return { ...(await openRequest(trx, urn))!, created: false };
		const { id } = inserted;
		await audit(trx, { userId: user.id, action: 'soft_intelligence.self_referral', entity: 'school', entityId: urn, after: { id, details } });
		const school = await trx.selectFrom('schools').select('name').where('urn', '=', urn).executeTakeFirstOrThrow();
		await notify(trx, await advisersFor(trx, urn), {
			kind: 'support.requested',
			message: `${school.name} has asked for support`,
			link: `/schools/${urn}`,
			urn
		});
		return { id, created: true, date: day, details };
	});
}

async function openRequest(db: Db, urn: number): Promise<{ id: number; date: string; details: string } | null> {
	const row = await db
		.selectFrom('soft_intelligence')
		.select(['id', 'date', 'details'])
		.where('urn', '=', urn)
		.where('type', '=', 'self_referral')
		.where('source', '=', 'headteacher')
		.where('end_date', 'is', null)
		.executeTakeFirst();
	return row ?? null;
}

/**
 * The school's requests for support, newest first; `endDate` is set once an adviser closes one.
 * Only the headteachers' own: a self-referral an adviser records in the register is staff working.
 */
export async function supportRequests(db: Db, urn: number) {
	return db
		.selectFrom('soft_intelligence')
		.select(['id', 'date', 'end_date as endDate', 'details'])
		.where('urn', '=', urn)
		.where('type', '=', 'self_referral')
		.where('source', '=', 'headteacher')
		.orderBy('id', 'desc')
		.execute();
}
