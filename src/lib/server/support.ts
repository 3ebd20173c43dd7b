import type { Db } from './db';
import type { SessionUser } from './auth/session';
import { audit } from './audit';
import { nowIso } from './clock';
import { advisersFor, notify } from './notifications';

const MAX_REASON = 5000;

export class SupportError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 = 400
	) {
		super(message);
	}
}

/**
 * A headteacher asks the LA for support. It becomes a self-referral in the school's
 * soft-intelligence register, so the next analysis counts it (rule L5), and the school's
 * advisers are told at once.
 */
export async function askForSupport(db: Db, user: SessionUser, urn: number, reason: string): Promise<number> {
	if (user.role !== 'headteacher' || !user.schoolUrns.includes(urn)) throw new SupportError('Only the school’s headteacher can ask for support for it', 403);
	const details = reason.trim();
	if (!details) throw new SupportError('Tell us what support you would like, and why');
	if (details.length > MAX_REASON) throw new SupportError(`This must be ${MAX_REASON} characters or fewer`);
	const now = nowIso();
	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('soft_intelligence')
			.values({
				urn, type: 'self_referral', date: now.slice(0, 10), end_date: null, details, source: 'headteacher',
				grade: null, areas_json: null, safeguarding_met: null, created_by: user.id, created_at: now, ended_by: null, ended_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, { userId: user.id, action: 'soft_intelligence.self_referral', entity: 'school', entityId: urn, after: { id, details } });
		const school = await trx.selectFrom('schools').select('name').where('urn', '=', urn).executeTakeFirstOrThrow();
		await notify(trx, await advisersFor(trx, urn), {
			kind: 'support.requested',
			message: `${school.name} has asked for support`,
			link: `/schools/${urn}`,
			urn
		});
		return id;
	});
}

/** The school's requests for support, newest first; `endDate` is set once an adviser closes one. */
export async function supportRequests(db: Db, urn: number) {
	return db
		.selectFrom('soft_intelligence')
		.select(['id', 'date', 'end_date as endDate', 'details'])
		.where('urn', '=', urn)
		.where('type', '=', 'self_referral')
		.orderBy('id', 'desc')
		.execute();
}
