import type { Db } from './db';
import type { SessionUser } from './auth/session';
import { audit } from './audit';
import { nowIso } from './clock';
import { advisersFor, headteachersOf, notify } from './notifications';
import { CATEGORY_LABELS, isCategory, type Category } from '../domain/analysis/categories';
import { academicYearLabel } from '../domain/ks2/types';
import type { CategoryAction } from './db/schema/analysis';
import { existingSchool, lockSchool } from './schools';
import { requireAllowed } from '../domain/access';
import { Refusal } from '../domain/refusal';

const MAX_TEXT = 5000;

function text(value: string, field: string, missing: string): string {
	const t = value.trim();
	if (!t) throw new Refusal(missing, { field });
	if (t.length > MAX_TEXT) throw new Refusal(`This must be ${MAX_TEXT} characters or fewer`, { field });
	return t;
}

/** The school's most recent category (agreed or still proposed): what a school can disagree with. */
/**
 * The school's latest category. A headteacher sees (and can disagree with) only an agreed one, as on
 * My school: a proposal still waiting for agreement is the LA's working, not yet the school's category.
 */
export async function latestCategory(db: Db, urn: number, options: { agreedOnly: boolean }) {
	let q = db.selectFrom('school_categories').select(['year', 'category', 'proposed_category', 'agreed_at']).where('urn', '=', urn);
	if (options.agreedOnly) q = q.where('agreed_at', 'is not', null);
	return q.orderBy('year', 'desc').executeTakeFirst();
}

export async function listDisagreements(db: Db, urn: number) {
	return db
		.selectFrom('category_disagreements as d')
		.leftJoin('users as r', 'r.id', 'd.raised_by')
		.leftJoin('users as v', 'v.id', 'd.reviewed_by')
		.leftJoin('users as l', 'l.id', 'd.decided_by')
		.selectAll('d')
		.select(['r.name as raised_by_name', 'v.name as reviewed_by_name', 'l.name as decided_by_name'])
		.where('d.urn', '=', urn)
		.orderBy('d.id', 'desc')
		.execute();
}

/** Disagreements not yet decided, for the overview's "needs attention" list. */
export async function openDisagreements(db: Db) {
	return db
		.selectFrom('category_disagreements as d')
		.innerJoin('schools as s', 's.urn', 'd.urn')
		.select(['d.id', 'd.urn', 'd.year', 'd.status', 'd.raised_at', 's.name'])
		.where('d.status', '!=', 'decided')
		.orderBy('d.raised_at')
		.execute();
}

async function history(
	trx: Db,
	userId: number,
	h: { urn: number; year: number; action: CategoryAction; from: Category; to: Category; reason: string; at: string }
) {
	await trx
		.insertInto('category_history')
		.values({ urn: h.urn, year: h.year, action: h.action, from_category: h.from, to_category: h.to, reason: h.reason, run_id: null, user_id: userId, at: h.at })
		.execute();
}

async function schoolName(db: Db, urn: number): Promise<string> {
	return (await db.selectFrom('schools').select('name').where('urn', '=', urn).executeTakeFirst())?.name ?? `URN ${urn}`;
}

/** A headteacher records that they disagree with their school's category, with reasons and evidence. */
export async function raiseDisagreement(
	db: Db,
	user: SessionUser,
	urn: number,
	input: { reasons: string; evidence: string; suggested: string }
): Promise<number> {
	requireAllowed(user, 'disagreement.raise', { urn });
	const current = await latestCategory(db, urn, { agreedOnly: true });
	if (!current) throw new Refusal('Your school does not have an agreed category yet, so there is nothing to disagree with');
	const reasons = text(input.reasons, 'reasons', 'Explain why you disagree with the category');
	const evidence = text(input.evidence, 'evidence', 'Give the evidence the adviser should look at');
	const suggested = input.suggested === '' ? null : input.suggested;
	if (suggested !== null && !isCategory(suggested)) throw new Refusal('Choose a category from the list', { field: 'suggested' });
	if (suggested === current.category)
		throw new Refusal(`${CATEGORY_LABELS[current.category]} is the category you are disagreeing with. Choose a different one, or none.`, {
			field: 'suggested'
		});
	const now = nowIso();
	return db.transaction().execute(async (trx) => {
		// The school's row first: a form sent twice, or by two heads, records one disagreement on any app server.
		await lockSchool(trx, urn);
		const open = await trx
			.selectFrom('category_disagreements')
			.select('id')
			.where('urn', '=', urn)
			.where('year', '=', current.year)
			.where('status', '!=', 'decided')
			.executeTakeFirst();
		if (open) throw new Refusal('You have already recorded a disagreement with this category. You will be told the outcome.');
		const { id } = await trx
			.insertInto('category_disagreements')
			.values({
				urn,
				year: current.year,
				category: current.category,
				suggested_category: suggested,
				reasons,
				evidence,
				status: 'open',
				raised_by: user.id,
				raised_at: now,
				review: null,
				reviewed_by: null,
				reviewed_at: null,
				decision: null,
				decision_reason: null,
				decided_category: null,
				decided_by: null,
				decided_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await history(trx, user.id, {
			urn,
			year: current.year,
			action: 'disagreed',
			from: current.category,
			to: suggested ?? current.category,
			reason: reasons,
			at: now
		});
		await audit(trx, {
			userId: user.id,
			action: 'disagreement.raise',
			entity: 'school',
			entityId: urn,
			after: { id, year: current.year, category: current.category, suggested, reasons, evidence }
		});
		await notify(trx, await advisersFor(trx, urn), {
			kind: 'disagreement.raised',
			message: `${await schoolName(trx, urn)} disagrees with its category (${CATEGORY_LABELS[current.category]})`,
			link: `/schools/${urn}/disagreement`,
			urn
		});
		return id;
	});
}

async function find(db: Db, urn: number, id: number) {
	const d = await db.selectFrom('category_disagreements').selectAll().where('id', '=', id).where('urn', '=', urn).executeTakeFirst();
	if (!d) throw new Refusal('That disagreement does not exist', { status: 404 });
	return d;
}

/** The link adviser (or a lead adviser) reviews the school's case before a lead adviser decides. */
export async function reviewDisagreement(db: Db, user: SessionUser, urn: number, id: number, input: { review: string }): Promise<void> {
	requireAllowed(user, 'disagreement.review', await existingSchool(db, urn));
	const review = text(input.review, 'review', 'Enter your review of the school’s case');
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		const d = await find(trx, urn, id);
		if (d.status !== 'open') throw new Refusal(d.status === 'reviewed' ? 'This disagreement has already been reviewed' : 'This disagreement has been decided');
		await trx.updateTable('category_disagreements').set({ status: 'reviewed', review, reviewed_by: user.id, reviewed_at: now }).where('id', '=', id).execute();
		await history(trx, user.id, { urn, year: d.year, action: 'disagreement_reviewed', from: d.category, to: d.category, reason: review, at: now });
		await audit(trx, { userId: user.id, action: 'disagreement.review', entity: 'school', entityId: urn, after: { id, review } });
		const leads = await trx.selectFrom('users').select('id').where('role', '=', 'lead_adviser').where('disabled_at', 'is', null).execute();
		await notify(
			trx,
			leads.map((l) => l.id),
			{
				kind: 'disagreement.reviewed',
				message: `A disagreement from ${await schoolName(trx, urn)} has been reviewed and needs your decision`,
				link: `/schools/${urn}/disagreement`,
				urn
			}
		);
	});
}

/**
 * A lead adviser decides: the category is upheld, or changed to another; either way it is then
 * agreed, so the school, its page and the plan all see the same settled category. The school's
 * headteachers are told the outcome, and the exchange stays in the category history.
 */
export async function decideDisagreement(
	db: Db,
	user: SessionUser,
	urn: number,
	id: number,
	input: { decision: string; category: string; reason: string }
): Promise<void> {
	requireAllowed(user, 'disagreement.decide', await existingSchool(db, urn));
	const decision = input.decision;
	if (decision !== 'upheld' && decision !== 'changed') throw new Refusal('Choose whether the category stands or changes', { field: 'decision' });
	const reason = text(input.reason, 'reason', 'Give the reason for the decision, in words the headteacher will read');
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		const d = await find(trx, urn, id);
		if (d.status === 'decided') throw new Refusal('This disagreement has already been decided');
		const state = await trx
			.selectFrom('school_categories')
			.select(['category', 'agreed_at'])
			.where('urn', '=', urn)
			.where('year', '=', d.year)
			.executeTakeFirstOrThrow();
		let outcome: Category = state.category;
		// A new run or a change since the school disagreed: "it stands" would tell the school a category it never disagreed with stays.
		const movedOn = isCategory(d.category) && d.category !== state.category;
		if (decision === 'upheld' && movedOn) {
			throw new Refusal(
				`The school disagreed with ${CATEGORY_LABELS[d.category as Category]}, but its category is now ${CATEGORY_LABELS[state.category]}. Choose that it changes, and the category it should have.`,
				{ field: 'decision' }
			);
		}
		if (decision === 'changed') {
			if (!isCategory(input.category)) throw new Refusal('Choose the new category', { field: 'category' });
			if (input.category === state.category && !movedOn)
				throw new Refusal(`${CATEGORY_LABELS[state.category]} is already its category. Choose another, or uphold it.`, { field: 'category' });
			outcome = input.category;
			const proposed = (
				await trx.selectFrom('school_categories').select('proposed_category').where('urn', '=', urn).where('year', '=', d.year).executeTakeFirstOrThrow()
			).proposed_category;
			await trx
				.updateTable('school_categories')
				.set({ category: outcome, changed_by_adviser: outcome === proposed ? 0 : 1, agreed_by: user.id, agreed_at: now, updated_at: now })
				.where('urn', '=', urn)
				.where('year', '=', d.year)
				.execute();
		} else if (state.agreed_at === null) {
			// The category stands: deciding so agrees it.
			await trx
				.updateTable('school_categories')
				.set({ agreed_by: user.id, agreed_at: now, updated_at: now })
				.where('urn', '=', urn)
				.where('year', '=', d.year)
				.execute();
			await history(trx, user.id, {
				urn,
				year: d.year,
				action: 'agreed',
				from: state.category,
				to: state.category,
				reason: 'Agreed when the disagreement was decided: the category stands',
				at: now
			});
		}
		// Only if still undecided: two decisions at once on PostgreSQL both read it undecided.
		const done = await trx
			.updateTable('category_disagreements')
			.set({ status: 'decided', decision, decision_reason: reason, decided_category: outcome, decided_by: user.id, decided_at: now })
			.where('id', '=', id)
			.where('status', '!=', 'decided')
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) throw new Refusal('This disagreement has already been decided');
		await history(trx, user.id, { urn, year: d.year, action: 'disagreement_decided', from: state.category, to: outcome, reason, at: now });
		await audit(trx, {
			userId: user.id,
			action: 'disagreement.decide',
			entity: 'school',
			entityId: urn,
			before: { category: state.category },
			after: { id, decision, category: outcome, reason }
		});
		const message =
			decision === 'upheld'
				? `Your disagreement about ${academicYearLabel(d.year)} was considered: the category stays ${CATEGORY_LABELS[outcome]}`
				: `Your disagreement about ${academicYearLabel(d.year)} was considered: the category is now ${CATEGORY_LABELS[outcome]}`;
		await notify(trx, await headteachersOf(trx, urn), { kind: 'disagreement.decided', message, link: `/schools/${urn}/disagreement`, urn });
	});
}
