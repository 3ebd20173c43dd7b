import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { headteachersOf, notify } from '../notifications';
import { field } from '../forms';
import { Refusal } from '../../domain/refusal';
import { engagementToChange } from './tracking';
import { requireUpdated } from './engagement-writes';
import { schoolCalendar } from './plan-input';
import { academicYearBounds } from '../../domain/calendar/half-terms';
import { isIsoDate, type IsoDate } from '../../domain/calendar/iso-date';
import { halfTermOf, whyNotWorkingDay } from '../../domain/calendar/working-days';
import type { RagRating, VisitNoteStatus } from '../db/schema/schedule';
import { dayAndDate } from '../../domain/format';

export const RAG_RATINGS: readonly RagRating[] = ['red', 'amber', 'green'];

/** A Quality Mark assessment visit is written up in the assessor's review, which the school sees once decided. */
export const QUALITY_MARK_VISIT_NOTE =
	"A Quality Mark assessment visit has no note of visit. Record what the visit found in the assessor's review on the school's Quality Mark page: recording the award decision completes the visit.";
const MAX_TEXT = 5000;
const MAX_AFI = 500;
const MAX_NEW_AFIS = 10;
const MAX_ACTIONS = 20;

export interface NoteInput {
	visitDate: string;
	purpose: string;
	evidence: string;
	strengths: string;
	/** Progress on each open AfI of the school; rating '' when not given yet. */
	ratings: { afiId: number; rating: RagRating | ''; comment: string; met: boolean }[];
	/** New AfIs agreed at this visit, one per line in the form. */
	newAfis: string[];
	actions: { action: string; owner: string; dueDate: string }[];
}

/** Reads the note form. `openAfiIds` are the AfIs the form asked about. */
export function noteFromForm(form: FormData, openAfiIds: readonly number[]): NoteInput {
	const rows = Math.min(Number(field(form, 'action-rows')) || 0, MAX_ACTIONS);
	const actions = Array.from({ length: rows }, (_, i) => ({
		action: field(form, `action-${i}-text`),
		owner: field(form, `action-${i}-owner`),
		dueDate: field(form, `action-${i}-due`)
	})).filter((a) => a.action || a.owner || a.dueDate);
	return {
		visitDate: field(form, 'visit-date'),
		purpose: field(form, 'purpose'),
		evidence: field(form, 'evidence'),
		strengths: field(form, 'strengths'),
		ratings: openAfiIds.map((afiId) => {
			const rating = field(form, `afi-${afiId}-rating`);
			return {
				afiId,
				rating: (RAG_RATINGS as readonly string[]).includes(rating) ? (rating as RagRating) : '',
				comment: field(form, `afi-${afiId}-comment`),
				met: field(form, `afi-${afiId}-met`) === 'yes'
			};
		}),
		newAfis: field(form, 'new-afis')
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter(Boolean),
		actions
	};
}

/**
 * What is wrong with a note, keyed by field id. A draft may be incomplete; a note to publish must
 * have every section, a rating for every open AfI, and a whole owner and date for each action.
 */
export function noteProblems(input: NoteInput, options: { publish: boolean; today: IsoDate; year: number }): Record<string, string> {
	const errors: Record<string, string> = {};
	const { start, end } = academicYearBounds(options.year);
	if (!isIsoDate(input.visitDate)) errors['visit-date'] = 'Enter the date of the visit as a real date, like 2026-11-13.';
	else if (options.publish && input.visitDate > options.today)
		errors['visit-date'] = `The date of the visit cannot be in the future (today is ${dayAndDate(options.today)}).`;
	else if (input.visitDate < start || input.visitDate > end)
		errors['visit-date'] = `The date of the visit must be in the school year it was planned for, ${dayAndDate(start)} to ${dayAndDate(end)}.`;

	const sections = { purpose: 'the purpose of the visit', evidence: 'the evidence you saw', strengths: 'the strengths you found' } as const;
	for (const [key, what] of Object.entries(sections) as [keyof typeof sections, string][]) {
		if (input[key].length > MAX_TEXT) errors[key] = `Keep ${what} to ${MAX_TEXT} characters or fewer.`;
		else if (options.publish && !input[key]) errors[key] = `Enter ${what}.`;
	}
	for (const r of input.ratings) {
		if (options.publish && !r.rating) errors[`afi-${r.afiId}-rating`] = 'Choose red, amber or green for the progress on this area for improvement.';
		if (r.comment.length > MAX_TEXT) errors[`afi-${r.afiId}-comment`] = `Keep the comment to ${MAX_TEXT} characters or fewer.`;
		if (r.met && r.rating && r.rating !== 'green') errors[`afi-${r.afiId}-met`] = 'An area for improvement can only be met when its progress is green.';
	}
	if (input.newAfis.length > MAX_NEW_AFIS) errors['new-afis'] = `Add at most ${MAX_NEW_AFIS} new areas for improvement at one visit.`;
	else if (input.newAfis.some((a) => a.length > MAX_AFI)) errors['new-afis'] = `Keep each area for improvement to ${MAX_AFI} characters or fewer.`;
	input.actions.forEach((a, i) => {
		if (!a.action) errors[`action-${i}-text`] = `Say what action ${i + 1} is.`;
		else if (a.action.length > MAX_AFI) errors[`action-${i}-text`] = `Keep action ${i + 1} to ${MAX_AFI} characters or fewer.`;
		if (!a.owner) errors[`action-${i}-owner`] = `Say who owns action ${i + 1}.`;
		else if (a.owner.length > 200) errors[`action-${i}-owner`] = `Keep the owner of action ${i + 1} to 200 characters or fewer.`;
		if (!isIsoDate(a.dueDate)) errors[`action-${i}-due`] = `Enter the date action ${i + 1} is due by as a real date, like 2026-12-18.`;
	});
	return errors;
}

/** AfIs of a school that a note for `engagementId` should rate: shared (raised in a published note), not yet met. */
export async function openAfis(db: Db, urn: number, engagementId: number): Promise<{ id: number; description: string; raisedOn: IsoDate }[]> {
	const rows = await db
		.selectFrom('afis')
		.innerJoin('visit_notes as n', 'n.engagement_id', 'afis.raised_engagement_id')
		.select(['afis.id', 'afis.description', 'n.visit_date'])
		.where('afis.urn', '=', urn)
		.where('n.status', '=', 'published')
		.where('afis.closed_engagement_id', 'is', null)
		.where('afis.raised_engagement_id', '!=', engagementId)
		.orderBy('n.visit_date')
		.orderBy('afis.position')
		.orderBy('afis.id')
		.execute();
	return rows.map((r) => ({ id: r.id, description: r.description, raisedOn: r.visit_date }));
}

export interface NoteView {
	engagementId: number;
	status: VisitNoteStatus;
	visitDate: IsoDate;
	purpose: string;
	evidence: string;
	strengths: string;
	writtenBy: string | null;
	publishedAt: string | null;
	actions: { action: string; owner: string; dueDate: IsoDate }[];
	/** AfIs raised at this visit. */
	newAfis: { id: number; description: string }[];
	/** Progress on earlier AfIs recorded at this visit. */
	ratings: { afiId: number; description: string; rating: RagRating; comment: string; met: boolean }[];
}

/** The notes of these engagements, with their actions, new AfIs and ratings. */
export async function notesFor(db: Db, engagementIds: number[], options: { publishedOnly: boolean }): Promise<Map<number, NoteView>> {
	const result = new Map<number, NoteView>();
	if (engagementIds.length === 0) return result;
	let q = db
		.selectFrom('visit_notes as n')
		.leftJoin('users as u', 'u.id', 'n.written_by')
		.selectAll('n')
		.select('u.name as writer')
		.where('n.engagement_id', 'in', engagementIds);
	if (options.publishedOnly) q = q.where('n.status', '=', 'published');
	const notes = await q.execute();
	if (notes.length === 0) return result;
	const ids = notes.map((n) => n.engagement_id);
	const [actions, afis, ratings] = await Promise.all([
		db.selectFrom('visit_note_actions').selectAll().where('engagement_id', 'in', ids).orderBy('position').execute(),
		db.selectFrom('afis').select(['id', 'description', 'raised_engagement_id']).where('raised_engagement_id', 'in', ids).orderBy('position').execute(),
		db
			.selectFrom('afi_ratings as r')
			.innerJoin('afis', 'afis.id', 'r.afi_id')
			.select(['r.afi_id', 'r.engagement_id', 'r.rating', 'r.comment', 'r.met', 'afis.description'])
			.where('r.engagement_id', 'in', ids)
			.orderBy('afis.id')
			.execute()
	]);
	for (const n of notes) {
		result.set(n.engagement_id, {
			engagementId: n.engagement_id,
			status: n.status,
			visitDate: n.visit_date,
			purpose: n.purpose,
			evidence: n.evidence,
			strengths: n.strengths,
			writtenBy: n.writer,
			publishedAt: n.published_at,
			actions: actions.filter((a) => a.engagement_id === n.engagement_id).map((a) => ({ action: a.action, owner: a.owner, dueDate: a.due_date })),
			newAfis: afis.filter((a) => a.raised_engagement_id === n.engagement_id).map((a) => ({ id: a.id, description: a.description })),
			ratings: ratings
				.filter((r) => r.engagement_id === n.engagement_id)
				.map((r) => ({ afiId: r.afi_id, description: r.description, rating: r.rating, comment: r.comment, met: r.met === 1 }))
		});
	}
	return result;
}

/**
 * Saves the note of visit for an engagement as a draft, or publishes it. Publishing completes the
 * engagement on the date of the visit, closes the AfIs marked as met, shares the note with the
 * school's headteachers and tells them. A published note is the record and cannot be changed, so
 * the page first saves it as `ready`: checked as for publishing, kept as a draft, and then
 * published as it stands once the adviser confirms (publishDraft).
 */
export async function saveNote(
	db: Db,
	user: SessionUser,
	engagementId: number,
	input: NoteInput,
	action: 'save' | 'ready' | 'publish',
	today: IsoDate
): Promise<void> {
	const engagement = await engagementToChange(db, user, engagementId);
	if (engagement.qualityMark) throw new Refusal(QUALITY_MARK_VISIT_NOTE);
	if (engagement.status === 'cancelled') throw new Refusal('This engagement was cancelled, so it has no note of visit.');
	if (engagement.status === 'completed' || engagement.noteStatus === 'published') {
		throw new Refusal('The note of visit has been published, so it can no longer be changed.');
	}
	const publish = action === 'publish';
	const stored = { ...input, visitDate: input.visitDate || engagement.date };
	const errors = noteProblems(stored, { publish: action !== 'save', today, year: engagement.year });
	const { calendar, closures } = await schoolCalendar(db, engagement.year, engagement.urn);
	// Publishing moves the engagement to the visit date, so that date must be a day it could be on, as for Move.
	if (!errors['visit-date'] && stored.visitDate !== engagement.date) {
		const notWorking = whyNotWorkingDay(calendar, closures, stored.visitDate);
		if (notWorking) errors['visit-date'] = `The visit cannot have been on ${dayAndDate(stored.visitDate)}, because ${notWorking}. Check the date.`;
	}
	const expected = (await openAfis(db, engagement.urn, engagementId)).map((a) => a.id).sort((a, b) => a - b);
	const given = stored.ratings.map((r) => r.afiId).sort((a, b) => a - b);
	if (expected.join() !== given.join()) throw new Refusal('The areas for improvement have changed since you opened this page. Reload it and try again.');
	if (Object.keys(errors).length > 0) {
		throw new Refusal(action !== 'save' ? 'Complete the note before you publish it.' : 'Some of the note needs changing before it can be saved.', { errors });
	}

	await db.transaction().execute(async (trx) => {
		const now = nowIso();
		const existing = await trx.selectFrom('visit_notes').select('engagement_id').where('engagement_id', '=', engagementId).executeTakeFirst();
		const values = {
			visit_date: stored.visitDate,
			purpose: stored.purpose,
			evidence: stored.evidence,
			strengths: stored.strengths,
			status: (publish ? 'published' : 'draft') as VisitNoteStatus,
			written_by: user.id,
			updated_at: now,
			published_at: publish ? now : null,
			published_by: publish ? user.id : null
		};
		if (existing) await trx.updateTable('visit_notes').set(values).where('engagement_id', '=', engagementId).execute();
		else
			await trx
				.insertInto('visit_notes')
				.values({ ...values, engagement_id: engagementId, created_at: now })
				.execute();

		await trx.deleteFrom('visit_note_actions').where('engagement_id', '=', engagementId).execute();
		if (stored.actions.length > 0) {
			await trx
				.insertInto('visit_note_actions')
				.values(stored.actions.map((a, position) => ({ engagement_id: engagementId, position, action: a.action, owner: a.owner, due_date: a.dueDate })))
				.execute();
		}
		await trx.deleteFrom('afis').where('raised_engagement_id', '=', engagementId).execute();
		if (stored.newAfis.length > 0) {
			await trx
				.insertInto('afis')
				.values(
					stored.newAfis.map((description, position) => ({
						urn: engagement.urn,
						description,
						raised_engagement_id: engagementId,
						position,
						closed_engagement_id: null,
						closed_at: null,
						created_by: user.id,
						created_at: now
					}))
				)
				.execute();
		}
		await trx.deleteFrom('afi_ratings').where('engagement_id', '=', engagementId).execute();
		const rated = stored.ratings.filter((r): r is typeof r & { rating: RagRating } => r.rating !== '');
		if (rated.length > 0) {
			await trx
				.insertInto('afi_ratings')
				.values(rated.map((r) => ({ afi_id: r.afiId, engagement_id: engagementId, rating: r.rating, comment: r.comment, met: r.met ? 1 : 0 })))
				.execute();
		}

		if (publish) {
			const met = rated.filter((r) => r.met).map((r) => r.afiId);
			if (met.length > 0) await trx.updateTable('afis').set({ closed_engagement_id: engagementId, closed_at: now }).where('id', 'in', met).execute();
			const done = await trx
				.updateTable('engagements')
				.set({
					status: 'completed',
					date: stored.visitDate,
					half_term: halfTermOf(calendar, stored.visitDate),
					completed_at: now,
					completed_by: user.id,
					updated_at: now
				})
				.where('id', '=', engagementId)
				// Only as read: cancelled, completed or moved by someone else since, it is refused, not overwritten.
				.where('status', 'in', ['planned', 'confirmed'])
				.where('date', '=', engagement.date)
				.executeTakeFirst();
			await requireUpdated(trx, done, engagementId, { date: engagement.date }, 'publish');
			await notify(trx, await headteachersOf(trx, engagement.urn), {
				kind: 'visit_note.published',
				message: `${user.name} published the note of visit for "${engagement.label}" on ${dayAndDate(stored.visitDate)}`,
				link: `/schedule/schools/${engagement.urn}#note-${engagementId}`,
				urn: engagement.urn
			});
		}
		await audit(trx, {
			userId: user.id,
			action: publish ? 'visit_note.publish' : 'visit_note.save',
			entity: 'engagement',
			entityId: engagementId,
			before: { status: engagement.status, date: engagement.date },
			after: { note: stored, status: publish ? 'completed' : engagement.status }
		});
	});
}

/**
 * Publishes the saved draft as it stands, once the adviser has confirmed it: the same checks and
 * the same effects as publishing from the form. Areas for improvement the draft has no rating for
 * yet come in unrated, so the checks say so.
 */
export async function publishDraft(db: Db, user: SessionUser, engagementId: number, today: IsoDate): Promise<void> {
	const engagement = await engagementToChange(db, user, engagementId);
	const note = (await notesFor(db, [engagementId], { publishedOnly: false })).get(engagementId);
	if (!note || note.status !== 'draft') throw new Refusal('There is no saved note of visit to publish. Write the note and save it first.');
	const open = await openAfis(db, engagement.urn, engagementId);
	const input: NoteInput = {
		visitDate: note.visitDate,
		purpose: note.purpose,
		evidence: note.evidence,
		strengths: note.strengths,
		ratings: open.map((a) => {
			const rated = note.ratings.find((r) => r.afiId === a.id);
			return rated
				? { afiId: a.id, rating: rated.rating, comment: rated.comment, met: rated.met }
				: { afiId: a.id, rating: '' as const, comment: '', met: false };
		}),
		newAfis: note.newAfis.map((a) => a.description),
		actions: note.actions
	};
	await saveNote(db, user, engagementId, input, 'publish', today);
}
