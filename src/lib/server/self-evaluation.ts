import type { Db } from './db';
import { lockSchool } from './schools';
import type { SessionUser } from './auth/session';
import { audit } from './audit';
import { nowIso } from './clock';
import { advisersFor, headteachersOf, notify } from './notifications';
import {
	emptySections,
	nextStatus,
	parseSections,
	sectionProblems,
	SE_SECTIONS,
	MAX_TEXT,
	type SeAction,
	type SeSections
} from '../domain/self-evaluation/summary';
import { academicYearLabel } from '../domain/ks2/types';
import { can, requireAllowed } from '../domain/access';
import { Refusal } from '../domain/refusal';
import { existingSchool, toSchool } from './schools';

/**
 * What this person may do with a school's summary: the school writes it; advisers read and
 * comment on any school's; the link adviser and lead advisers move it on. Others: nothing.
 */
export function seAccess(user: SessionUser, row: { urn: number; name?: string; link_adviser_id: number | null; la_code: string | null }) {
	const school = toSchool(row);
	if (!can(user, 'selfEvaluation.view', school)) return null;
	if (can(user, 'selfEvaluation.write', school)) return { side: 'school' as const, canDecide: false, canComment: false };
	// A regional user reads summaries but neither comments nor decides: no form is offered that would be refused.
	return { side: 'adviser' as const, canDecide: can(user, 'selfEvaluation.decide', school), canComment: can(user, 'selfEvaluation.comment', school) };
}

export async function getSummary(db: Db, urn: number, year: number) {
	const row = await db.selectFrom('se_summaries').selectAll().where('urn', '=', urn).where('year', '=', year).executeTakeFirst();
	if (!row) return null;
	const comments = await db
		.selectFrom('se_comments')
		.leftJoin('users', 'users.id', 'se_comments.user_id')
		.select(['se_comments.id', 'se_comments.section_key', 'se_comments.body', 'se_comments.created_at', 'users.name as author'])
		.where('se_comments.summary_id', '=', row.id)
		.orderBy('se_comments.id')
		.execute();
	return {
		id: row.id,
		urn: row.urn,
		year: row.year,
		status: row.status,
		sections: parseSections(row.sections_json),
		updatedAt: row.updated_at,
		submittedAt: row.submitted_at,
		reviewedAt: row.reviewed_at,
		agreedAt: row.agreed_at,
		comments
	};
}

/**
 * A year's summary as `side` may see it. The school's draft is its own until it is submitted, as its
 * page tells the headteacher: staff get its status alone (`draftHidden`), not its sections or comments.
 */
export async function summaryFor(db: Db, side: 'school' | 'adviser', urn: number, year: number) {
	const saved = await getSummary(db, urn, year);
	const draftHidden = side === 'adviser' && saved?.status === 'draft';
	return { summary: saved && draftHidden ? { ...saved, sections: emptySections(), comments: [] } : saved, draftHidden };
}

/** The years a school has a summary for, newest first. */
export async function summaryYears(db: Db, urn: number): Promise<number[]> {
	const rows = await db.selectFrom('se_summaries').select('year').where('urn', '=', urn).orderBy('year', 'desc').execute();
	return rows.map((r) => r.year);
}

async function schoolName(db: Db, urn: number): Promise<string> {
	const row = await db.selectFrom('schools').select('name').where('urn', '=', urn).executeTakeFirst();
	return row?.name ?? `URN ${urn}`;
}

/**
 * Saves the school's summary as a draft or submits it. Creating and updating go through here so
 * the status rules and the audit log apply to both.
 */
export async function writeSummary(db: Db, user: SessionUser, urn: number, year: number, sections: SeSections, action: 'save' | 'submit'): Promise<void> {
	requireAllowed(user, 'selfEvaluation.write', { urn });
	const problems = sectionProblems(sections, action === 'submit');
	if (Object.keys(problems).length > 0) {
		throw new Refusal(action === 'submit' ? 'Complete every section before you submit' : 'Some of the text is too long', { errors: problems });
	}
	await db.transaction().execute(async (trx) => {
		await lockSchool(trx, urn);
		const existing = await trx.selectFrom('se_summaries').selectAll().where('urn', '=', urn).where('year', '=', year).executeTakeFirst();
		const move = nextStatus(existing?.status ?? 'draft', action, 'school');
		if (!move.ok) throw new Refusal(move.message);
		const now = nowIso();
		const values = {
			status: move.status,
			sections_json: JSON.stringify(sections),
			updated_at: now,
			updated_by: user.id,
			// Kept on saving: a summary sent back for changes still shows when it was submitted.
			submitted_at: action === 'submit' ? now : (existing?.submitted_at ?? null)
		};
		let id: number;
		if (existing) {
			await trx.updateTable('se_summaries').set(values).where('id', '=', existing.id).execute();
			id = existing.id;
		} else {
			({ id } = await trx
				.insertInto('se_summaries')
				.values({ ...values, urn, year, created_at: now, reviewed_at: null, agreed_at: null })
				.returning('id')
				.executeTakeFirstOrThrow());
		}
		await audit(trx, {
			userId: user.id,
			action: action === 'submit' ? 'se_summary.submit' : 'se_summary.save',
			entity: 'se_summary',
			entityId: id,
			before: existing && { status: existing.status, sections: JSON.parse(existing.sections_json) },
			after: { status: move.status, sections }
		});
		if (action === 'submit') {
			await notify(trx, await advisersFor(trx, urn), {
				kind: 'se_summary.submitted',
				message: `${await schoolName(trx, urn)} submitted its self-evaluation summary for ${academicYearLabel(year)}`,
				link: `/self-evaluation/${urn}?year=${year}`,
				urn
			});
		}
	});
}

/** Starts this year's draft from last year's summary, so the school edits rather than retypes. */
export async function copyForward(db: Db, user: SessionUser, urn: number, year: number): Promise<void> {
	requireAllowed(user, 'selfEvaluation.write', { urn });
	const previous = await db
		.selectFrom('se_summaries')
		.select(['sections_json', 'year'])
		.where('urn', '=', urn)
		.where('year', '<', year)
		.orderBy('year', 'desc')
		.executeTakeFirst();
	if (!previous) throw new Refusal('There is no earlier summary to copy');
	if (await getSummary(db, urn, year)) throw new Refusal(`There is already a summary for ${academicYearLabel(year)}`);
	await writeSummary(db, user, urn, year, parseSections(previous.sections_json), 'save');
}

/** An adviser's comment on one section. The school's headteachers are told. */
export async function addComment(db: Db, user: SessionUser, urn: number, year: number, sectionKey: string, body: string): Promise<void> {
	requireAllowed(user, 'selfEvaluation.comment', await existingSchool(db, urn));
	const section = SE_SECTIONS.find((s) => s.key === sectionKey);
	if (!section) throw new Refusal('Choose a section to comment on');
	const text = body.trim();
	if (!text) throw new Refusal('Enter a comment', { field: `comment-${sectionKey}` });
	if (text.length > MAX_TEXT) throw new Refusal(`Comments must be ${MAX_TEXT} characters or fewer`, { field: `comment-${sectionKey}` });
	await db.transaction().execute(async (trx) => {
		const summary = await trx.selectFrom('se_summaries').select(['id', 'status']).where('urn', '=', urn).where('year', '=', year).executeTakeFirst();
		if (!summary || summary.status === 'draft') throw new Refusal('You can comment once the school has submitted its summary');
		const { id } = await trx
			.insertInto('se_comments')
			.values({ summary_id: summary.id, section_key: sectionKey, user_id: user.id, body: text, created_at: nowIso() })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, {
			userId: user.id,
			action: 'se_summary.comment',
			entity: 'se_summary',
			entityId: summary.id,
			after: { commentId: id, section: sectionKey, body: text }
		});
		await notify(trx, await headteachersOf(trx, urn), {
			kind: 'se_summary.comment',
			message: `${user.name} commented on "${section.label}" in ${await schoolName(trx, urn)}’s self-evaluation summary`,
			link: `/self-evaluation/${urn}?year=${year}#section-${sectionKey}`,
			urn
		});
	});
}

const DONE: Record<'review' | 'agree' | 'return', { column: 'reviewed_at' | 'agreed_at' | null; message: string }> = {
	review: { column: 'reviewed_at', message: 'has been reviewed' },
	agree: { column: 'agreed_at', message: 'has been agreed' },
	return: { column: null, message: 'has been returned to you for changes' }
};

/** Review, agree or return a submitted summary (link adviser or lead adviser). */
export async function decideSummary(db: Db, user: SessionUser, urn: number, year: number, action: Exclude<SeAction, 'save' | 'submit'>): Promise<void> {
	requireAllowed(user, 'selfEvaluation.decide', await existingSchool(db, urn));
	await db.transaction().execute(async (trx) => {
		await lockSchool(trx, urn);
		const summary = await trx.selectFrom('se_summaries').select(['id', 'status']).where('urn', '=', urn).where('year', '=', year).executeTakeFirst();
		if (!summary) throw new Refusal('The school has not started a summary for this year');
		const move = nextStatus(summary.status, action, 'adviser');
		if (!move.ok) throw new Refusal(move.message);
		const column = DONE[action].column;
		await trx
			.updateTable('se_summaries')
			.set({ status: move.status, updated_at: nowIso(), ...(column ? { [column]: nowIso() } : {}) })
			.where('id', '=', summary.id)
			.execute();
		await audit(trx, {
			userId: user.id,
			action: `se_summary.${action}`,
			entity: 'se_summary',
			entityId: summary.id,
			before: { status: summary.status },
			after: { status: move.status }
		});
		await notify(trx, await headteachersOf(trx, urn), {
			kind: `se_summary.${action}`,
			message: `${await schoolName(trx, urn)}’s self-evaluation summary for ${academicYearLabel(year)} ${DONE[action].message}`,
			link: `/self-evaluation/${urn}?year=${year}`,
			urn
		});
	});
}

/** Every school with its summary status for a year, submitted ones first, for advisers. */
/** `las`: only these LAs' schools (access.ts `servedLas`); null for every LA. */
export async function summariesForYear(db: Db, year: number, las: readonly string[] | null = null) {
	const rows = await db
		.selectFrom('schools')
		.leftJoin('se_summaries', (j) => j.onRef('se_summaries.urn', '=', 'schools.urn').on('se_summaries.year', '=', year))
		.leftJoin('users as adviser', 'adviser.id', 'schools.link_adviser_id')
		.select([
			'schools.urn',
			'schools.name',
			'schools.link_adviser_id as linkAdviserId',
			'adviser.name as adviser',
			'se_summaries.status',
			'se_summaries.submitted_at'
		])
		.$if(las !== null, (qb) => qb.where('schools.la_code', 'in', las!))
		.orderBy('schools.name')
		.execute();
	const order = { submitted: 0, reviewed: 1, agreed: 2, draft: 3 } as const;
	return rows.sort((a, b) => (a.status ? order[a.status] : 4) - (b.status ? order[b.status] : 4));
}

export { emptySections };
