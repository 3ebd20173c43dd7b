import type { Db } from '../db';
import type { CategoryAction } from '../db/schema/analysis';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { headteachersOf, notify } from '../notifications';
import { existingSchool, stillOpen } from '../schools';
import { can, requireAllowed, servedLas, type Actor } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import type { CategoryStatus } from './categories';
import { CATEGORY_LABELS, categoryRank, isCategory, type Category } from '../../domain/analysis/categories';
import type { Confidence } from '../../domain/analysis/engine';
import { sql } from 'kysely';
import { dialectOf, jsonValue } from '../db/dialect';
import { academicYearLabel } from '../../domain/ks2/types';
import { isRowId } from '../../domain/ids';

export interface ModerationItem {
	urn: number;
	name: string;
	linkAdviserId: number | null;
	linkAdviserName: string | null;
	category: Category;
	proposedCategory: Category;
	status: CategoryStatus;
	agreedBy: string | null;
	/** Last year's agreed category, if there is one. */
	lastYear: Category | null;
	confidence: Confidence;
	/** The engine's summary; empty when the list was read without summaries. */
	summary: string;
	/** Why the school should be looked at before the rest; empty when nothing stands out. */
	attention: string[];
	/** The analysis asks an adviser to confirm the category before it is agreed. */
	needsConfirmation: boolean;
	/** Can be agreed in bulk: untouched, no confirmation needed, and the same as last year's agreed category (or no category last year). */
	unchanged: boolean;
}

/**
 * Every school's category for a year, in the order a lead adviser works through them: schools not yet
 * agreed that need an adviser to confirm, whose proposal differs from last year's agreed category, or
 * that an adviser changed come first; then the rest waiting for agreement; then the agreed ones.
 * Within each group, most support first, then by name.
 */
/** `las`: only these LAs' schools (access.ts `servedLas`); null for every LA. */
/** `summaries: false` leaves each item's summary empty, for callers that show none (the overview): reading them is most of the query. */
export async function moderationList(
	db: Db,
	year: number,
	las: readonly string[] | null = null,
	{ summaries = true }: { summaries?: boolean } = {}
): Promise<ModerationItem[]> {
	const rows = await db
		.selectFrom('school_categories as c')
		.innerJoin('schools as s', 's.urn', 'c.urn')
		.innerJoin('analysis_results as r', (j) => j.onRef('r.run_id', '=', 'c.run_id').onRef('r.urn', '=', 'c.urn'))
		.leftJoin('users as a', 'a.id', 's.link_adviser_id')
		.leftJoin('users as g', 'g.id', 'c.agreed_by')
		.leftJoin('school_categories as p', (j) =>
			j
				.onRef('p.urn', '=', 'c.urn')
				.on('p.year', '=', year - 1)
				.on('p.agreed_at', 'is not', null)
		)
		.select([
			'c.urn',
			's.name',
			's.link_adviser_id',
			'a.name as adviser_name',
			'c.category',
			'c.proposed_category',
			'c.changed_by_adviser',
			'c.agreed_at',
			'g.name as agreed_by_name',
			'p.category as last_year',
			'r.confidence',
			'r.needs_confirmation',
			// Two strings from the engine's stored result, read by the database: parsing every
			// school's whole result here was most of the overview's and the analysis page's work.
			(eb) => (summaries ? jsonValue(dialectOf(db), eb.ref('r.result_json'), ['summary']) : sql`null`).$castTo<string | null>().as('summary'),
			// The reason is shown only while a category waits for agreement, and there is one only when confirmation is needed.
			(eb) =>
				sql<
					string | null
				>`case when ${eb.ref('c.agreed_at')} is null and ${eb.ref('r.needs_confirmation')} = 1 then ${jsonValue(dialectOf(db), eb.ref('r.result_json'), ['confirmationReason'])} end`.as(
					'confirmation_reason'
				)
		])
		.where('c.year', '=', year)
		// A school closed since (an academy's predecessor) has nothing left to agree: its successor is analysed.
		.where(stillOpen('s.status'))
		.$if(las !== null, (qb) => qb.where('s.la_code', 'in', las!))
		.execute();
	const items = rows.map((r): ModerationItem => {
		const needsConfirmation = r.needs_confirmation === 1;
		const agreed = r.agreed_at !== null;
		const changed = r.changed_by_adviser === 1;
		const lastYear = r.last_year ?? null;
		const attention: string[] = [];
		if (!agreed) {
			if (r.confirmation_reason) attention.push(r.confirmation_reason);
			if (lastYear !== null && lastYear !== r.proposed_category)
				attention.push(`Proposed ${CATEGORY_LABELS[r.proposed_category]}; last year’s agreed category was ${CATEGORY_LABELS[lastYear]}`);
			if (changed) attention.push(`An adviser changed the proposal (${CATEGORY_LABELS[r.proposed_category]}) to ${CATEGORY_LABELS[r.category]}`);
		}
		return {
			urn: r.urn,
			name: r.name,
			linkAdviserId: r.link_adviser_id,
			linkAdviserName: r.adviser_name,
			category: r.category,
			proposedCategory: r.proposed_category,
			status: agreed ? 'agreed' : changed ? 'changed' : 'proposed',
			agreedBy: r.agreed_by_name,
			lastYear,
			confidence: r.confidence as Confidence,
			summary: r.summary ?? '',
			attention,
			needsConfirmation,
			unchanged: !agreed && !changed && !needsConfirmation && (lastYear === null || lastYear === r.proposed_category)
		};
	});
	const group = (i: ModerationItem) => (i.status === 'agreed' ? 2 : i.attention.length > 0 ? 0 : 1);
	return items.sort((a, b) => group(a) - group(b) || categoryRank(b.category) - categoryRank(a.category) || a.name.localeCompare(b.name) || a.urn - b.urn);
}

async function stateOf(db: Db, urn: number, year: number) {
	if (!isRowId(year)) throw new Refusal('Choose the year of the category', { status: 400 });
	const row = await db.selectFrom('school_categories').selectAll().where('urn', '=', urn).where('year', '=', year).executeTakeFirst();
	if (!row) throw new Refusal(`There is no category for this school in ${academicYearLabel(year)} yet. Run the analysis first.`, { status: 404 });
	return row;
}

export const MAX_REASON = 2000;

/**
 * An adviser (for their own link schools) or a lead adviser (for any school) sets a different
 * category. The reason is required. An adviser's change waits for a lead adviser to agree it; a
 * lead adviser's own change is agreed as it is made, since they are the one who would agree it.
 * Resolves to whether the new category is agreed.
 */
export async function overrideCategory(
	db: Db,
	actor: Actor,
	input: { urn: number; year: number; category: string; reason: string }
): Promise<{ agreed: boolean }> {
	const school = await existingSchool(db, input.urn);
	requireAllowed(actor, 'category.change', school);
	const agreed = can(actor, 'category.agree', school);
	if (!isCategory(input.category)) throw new Refusal('Choose the category the school should have', { field: 'category' });
	const reason = input.reason.trim();
	if (reason === '') throw new Refusal('Give the reason for the change, in words you could read out to the headteacher', { field: 'reason' });
	if (reason.length > MAX_REASON) throw new Refusal(`The reason must be ${MAX_REASON} characters or fewer`, { field: 'reason' });
	const before = await stateOf(db, input.urn, input.year);
	if (before.category === input.category) throw new Refusal(`${CATEGORY_LABELS[input.category]} is already its category`, { field: 'category' });
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		const done = await trx
			.updateTable('school_categories')
			.set({
				category: input.category as Category,
				changed_by_adviser: input.category === before.proposed_category ? 0 : 1,
				agreed_by: agreed ? actor.id : null,
				agreed_at: agreed ? now : null,
				updated_at: now
			})
			.where('urn', '=', input.urn)
			.where('year', '=', input.year)
			// Only from the category read: a change or a new run in between is not overwritten unseen.
			.where('category', '=', before.category)
			.where('proposed_category', '=', before.proposed_category)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) {
			const after = await stateOf(trx, input.urn, input.year);
			throw changedSince(after.category, 'change');
		}
		await record(trx, actor.id, {
			urn: input.urn,
			year: input.year,
			action: 'changed',
			from: before.category,
			to: input.category as Category,
			reason,
			at: now
		});
		if (agreed)
			await record(trx, actor.id, {
				urn: input.urn,
				year: input.year,
				action: 'agreed',
				from: input.category as Category,
				to: input.category as Category,
				reason: null,
				at: now
			});
	});
	return { agreed };
}

/** Refused when a category was changed by someone else (or a new run) after the page that acts on it was opened. */
function changedSince(now: Category, doing: 'agree' | 'change'): Refusal {
	return new Refusal(`The category changed after you opened the page: it is now ${CATEGORY_LABELS[now]}. Look at it again before you ${doing} it.`);
}

/**
 * A lead adviser agrees a school's current category (the proposal, or an adviser's change).
 * `category` is the one the page showed them: if it has changed since (an adviser's change, a new
 * run), nothing is agreed and they are told, rather than agreeing a category they did not see.
 */
export async function agreeCategory(db: Db, actor: Actor, input: { urn: number; year: number; note?: string; category?: string }): Promise<void> {
	requireAllowed(actor, 'category.agree', await existingSchool(db, input.urn));
	const before = await stateOf(db, input.urn, input.year);
	if (before.agreed_at !== null) throw new Refusal('This category is already agreed');
	const seen = input.category === undefined ? before.category : input.category;
	if (seen !== before.category) throw changedSince(before.category, 'agree');
	const note = (input.note ?? '').trim();
	if (note.length > MAX_REASON) throw new Refusal(`The note must be ${MAX_REASON} characters or fewer`, { field: 'note' });
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		// Only as read: not agreed yet, and the same category (two agreements at once, or a change in between).
		const done = await trx
			.updateTable('school_categories')
			.set({ agreed_by: actor.id, agreed_at: now, updated_at: now })
			.where('urn', '=', input.urn)
			.where('year', '=', input.year)
			.where('agreed_at', 'is', null)
			.where('category', '=', before.category)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) {
			const after = await stateOf(trx, input.urn, input.year);
			throw after.agreed_at !== null && after.category === before.category
				? new Refusal('This category is already agreed')
				: changedSince(after.category, 'agree');
		}
		await record(trx, actor.id, {
			urn: input.urn,
			year: input.year,
			action: 'agreed',
			from: before.category,
			to: before.category,
			reason: note || null,
			at: now
		});
	});
}

/** A lead adviser agrees, in one go, every school that is `unchanged` (see ModerationItem). Returns how many. */
export async function agreeUnchanged(db: Db, actor: Actor, year: number): Promise<number> {
	requireAllowed(actor, 'categories.agree');
	// Only the schools this lead adviser serves: another LA's proposals are that LA's to agree.
	const items = (await moderationList(db, year, servedLas(actor))).filter((i) => i.unchanged);
	if (items.length === 0) return 0;
	const now = nowIso();
	const reason = 'Agreed with the other unchanged proposals';
	return db.transaction().execute(async (trx) => {
		let agreed = 0;
		for (const i of items) {
			// Only as listed: still waiting, and still the unchanged proposal (not agreed or changed by someone else meanwhile).
			const done = await trx
				.updateTable('school_categories')
				.set({ agreed_by: actor.id, agreed_at: now, updated_at: now })
				.where('urn', '=', i.urn)
				.where('year', '=', year)
				.where('agreed_at', 'is', null)
				.where('category', '=', i.category)
				.where('changed_by_adviser', '=', 0)
				.executeTakeFirst();
			if (Number(done.numUpdatedRows) !== 1) continue;
			await record(trx, actor.id, { urn: i.urn, year, action: 'agreed', from: i.category, to: i.category, reason, at: now });
			agreed++;
		}
		return agreed;
	});
}

interface Step {
	urn: number;
	year: number;
	action: CategoryAction;
	from: Category | null;
	to: Category;
	reason: string | null;
	at: string;
}

/**
 * One step in the category history, and the same in the audit log (in the caller's transaction).
 * An agreed category is the school's new category, so its headteachers are told.
 */
async function record(trx: Db, userId: number, s: Step): Promise<void> {
	await trx
		.insertInto('category_history')
		.values({ urn: s.urn, year: s.year, action: s.action, from_category: s.from, to_category: s.to, reason: s.reason, run_id: null, user_id: userId, at: s.at })
		.execute();
	await audit(trx, {
		userId,
		action: `category.${s.action === 'changed' ? 'change' : 'agree'}`,
		entity: 'school',
		entityId: s.urn,
		before: { year: s.year, category: s.from },
		after: { year: s.year, category: s.to, reason: s.reason }
	});
	if (s.action === 'agreed') {
		await notify(trx, await headteachersOf(trx, s.urn), {
			kind: 'category.agreed',
			message: `Your school’s support category for ${academicYearLabel(s.year)} has been agreed: ${CATEGORY_LABELS[s.to]}`,
			link: `/schools/${s.urn}`,
			urn: s.urn
		});
	}
}

export interface HistoryStep {
	id: number;
	year: number;
	action: CategoryAction;
	from: Category | null;
	to: Category;
	reason: string | null;
	by: string | null;
	at: string;
}

/** A school's category history, every year, newest first. */
export async function categoryHistory(db: Db, urn: number): Promise<HistoryStep[]> {
	const rows = await db
		.selectFrom('category_history as h')
		.leftJoin('users as u', 'u.id', 'h.user_id')
		.select(['h.id', 'h.year', 'h.action', 'h.from_category', 'h.to_category', 'h.reason', 'h.at', 'u.name as by'])
		.where('h.urn', '=', urn)
		.orderBy('h.id', 'desc')
		.execute();
	return rows.map((r) => ({ id: r.id, year: r.year, action: r.action, from: r.from_category, to: r.to_category, reason: r.reason, by: r.by, at: r.at }));
}
