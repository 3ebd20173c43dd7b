import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { BEFORE_YEAR, scheduleWorld } from './schedule-fixtures';
import {
	addClosure,
	addDaysOff,
	cancelEngagement,
	confirmEngagement,
	latestPlanRun,
	planInputsChangedSince,
	engagementsForSchool,
	listEngagements,
	moveEngagement,
	noteFromForm,
	openAfis,
	planYear,
	publishDraft,
	saveNote
} from '../../src/lib/server/schedule';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

function noteForm(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries({ 'action-rows': '0', ...fields })) form.set(k, v);
	return form;
}

const FULL = { purpose: 'Review progress on writing.', evidence: 'Books from Years 5 and 6.', strengths: 'Strong leadership of English.' };

async function refusal(run: () => Promise<unknown>): Promise<Refusal> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(Refusal);
	return error as Refusal;
}

async function planned(db: Db) {
	const w = await scheduleWorld(db);
	await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
	const focus = await listEngagements(db, { year: w.year, urn: w.urns.focus });
	return { w, focus, initial: focus.find((e) => e.templateId === 'focus.initial_visit')! };
}

describe('who may change an engagement', () => {
	it('an adviser changes only their own engagements; a lead adviser any; admins and analysts none', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		expect(initial.adviserId).toBe(w.adviserA.id);

		for (const other of [w.adviserB, w.admin, w.analyst]) {
			const confirm = await refusal(() => confirmEngagement(db, other, initial.id));
			expect(confirm.status).toBe(403);
			expect(confirm.message).toBe(`Only ${w.adviserA.name} or a lead adviser can change this engagement.`);
			expect((await refusal(() => moveEngagement(db, other, initial.id, '2026-09-10', BEFORE_YEAR))).status).toBe(403);
			expect((await refusal(() => cancelEngagement(db, other, initial.id, 'Not needed'))).status).toBe(403);
			expect((await refusal(() => saveNote(db, other, initial.id, noteFromForm(noteForm(FULL), []), 'save', BEFORE_YEAR))).status).toBe(403);
		}
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)).toMatchObject({ status: 'planned', date: initial.date });

		await confirmEngagement(db, w.adviserA, initial.id);
		await cancelEngagement(db, w.lead, initial.id, 'The school asked to meet in the new year instead.');
		const after = (await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!;
		expect([after.status, after.cancelReason]).toEqual(['cancelled', 'The school asked to meet in the new year instead.']);
		const log = await db.selectFrom('audit_log').select(['action', 'user_id']).where('entity', '=', 'engagement').orderBy('id').execute();
		expect(log).toEqual([
			{ action: 'engagement.confirm', user_id: w.adviserA.id },
			{ action: 'engagement.cancel', user_id: w.lead.id }
		]);
	});

	it('cancelling needs a reason, and a cancelled or completed engagement cannot change', async () => {
		const db = await freshDb();
		const { w, focus, initial } = await planned(db);
		expect((await refusal(() => cancelEngagement(db, w.adviserA, initial.id, '  '))).errors).toEqual({ reason: 'Say why it is cancelled.' });
		await cancelEngagement(db, w.adviserA, initial.id, 'Headteacher on leave');
		expect((await refusal(() => confirmEngagement(db, w.adviserA, initial.id))).message).toBe('It was cancelled, so you cannot confirm it.');
		const desk = focus.find((e) => e.templateId === 'focus.desktop_analysis')!;
		await saveNote(db, w.adviserA, desk.id, noteFromForm(noteForm({ ...FULL, 'visit-date': desk.date }), []), 'publish', '2026-12-01');
		expect((await refusal(() => moveEngagement(db, w.adviserA, desk.id, '2026-12-02', '2026-12-01'))).message).toBe(
			'It has already been completed, so you cannot move it.'
		);
		expect((await refusal(() => saveNote(db, w.adviserA, desk.id, noteFromForm(noteForm(FULL), []), 'save', '2026-12-01'))).message).toBe(
			'The note of visit has been published, so it can no longer be changed.'
		);
	});
});

describe('a plan that no longer matches its calendar', () => {
	it('refuses to confirm work on a day that became a closure day, as Move does', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		await addClosure(db, w.admin.id, initial.date, 'Staff training day');
		expect((await refusal(() => confirmEngagement(db, w.adviserA, initial.id))).message).toMatch(
			/^It cannot be confirmed for .*, because it is an LA closure day\. Move it to a working day, or plan the year again\.$/
		);
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!.status).toBe('planned');
	});

	it('refuses to confirm work on a day the adviser has since taken off, as Move does', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		expect(initial.adviserId).toBe(w.adviserA.id);
		await addDaysOff(db, w.admin.id, w.adviserA.id, { from: initial.date, to: '', reason: 'Training' });
		expect((await refusal(() => confirmEngagement(db, w.adviserA, initial.id))).message).toMatch(
			new RegExp(`^It cannot be confirmed for .*, because ${w.adviserA.name} is off that day\\. Move it to another day\\.$`)
		);
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!.status).toBe('planned');
	});

	it('says what has changed since the year was planned, until it is planned again', async () => {
		const db = await freshDb();
		const { w } = await planned(db);
		const run = async () => (await latestPlanRun(db, w.year))!;
		expect(await planInputsChangedSince(db, await run())).toEqual([]);
		await addClosure(db, w.admin.id, `${w.year - 1}-11-13`, 'Staff training day');
		await addClosure(db, w.admin.id, `${w.year + 3}-11-13`, 'Another year entirely');
		await addDaysOff(db, w.admin.id, w.adviserA.id, { from: `${w.year - 1}-11-16`, to: '', reason: 'Training' });
		expect(await planInputsChangedSince(db, await run())).toEqual(['the closure days', "advisers' days off"]);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		expect(await planInputsChangedSince(db, await run())).toEqual([]);
	});
});

describe('notes of visit', () => {
	it('a draft is kept from the school; publishing completes the engagement, shares the note and tells the headteacher', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		const form = noteForm({
			...FULL,
			'visit-date': initial.date,
			'new-afis': 'Raise attainment in writing\nImprove attendance',
			'action-rows': '2',
			'action-0-text': 'Write a writing action plan',
			'action-0-owner': 'English lead',
			'action-0-due': '2026-12-18'
		});
		await saveNote(db, w.adviserA, initial.id, noteFromForm(form, []), 'save', '2026-11-01');

		const forHead = await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true });
		expect(forHead.engagements.every((e) => e.note === null && e.noteStatus === null)).toBe(true);
		expect(forHead.afis).toEqual([]);
		const forStaff = await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: false });
		expect(forStaff.engagements.find((e) => e.id === initial.id)!.note).toMatchObject({
			status: 'draft',
			purpose: FULL.purpose,
			actions: [{ action: 'Write a writing action plan', owner: 'English lead', dueDate: '2026-12-18' }]
		});
		expect(await db.selectFrom('notifications').selectAll().execute()).toEqual([]);

		await saveNote(db, w.adviserA, initial.id, noteFromForm(form, []), 'publish', '2026-11-01');
		const shared = await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true });
		const done = shared.engagements.find((e) => e.id === initial.id)!;
		expect(done.status).toBe('completed');
		expect(done.note).toMatchObject({
			status: 'published',
			strengths: FULL.strengths,
			newAfis: [{ description: 'Raise attainment in writing' }, { description: 'Improve attendance' }]
		});
		expect(shared.afis.map((a) => [a.description, a.raisedOn, a.metOn])).toEqual([
			['Raise attainment in writing', initial.date, null],
			['Improve attendance', initial.date, null]
		]);
		const notes = await db.selectFrom('notifications').select(['user_id', 'kind', 'message', 'link']).execute();
		expect(notes).toEqual([
			{
				user_id: w.head.id,
				kind: 'visit_note.published',
				message: expect.stringContaining(`${w.adviserA.name} published the note of visit for "${initial.label}"`),
				link: `/schedule/schools/${w.urns.focus}#note-${initial.id}`
			}
		]);
	});

	it('refuses to publish an incomplete note, saying what is missing', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		const error = await refusal(() =>
			saveNote(
				db,
				w.adviserA,
				initial.id,
				noteFromForm(noteForm({ 'visit-date': '2027-01-05', purpose: 'Visit', 'action-rows': '1', 'action-0-text': 'Plan' }), []),
				'publish',
				'2026-12-01'
			)
		);
		expect(error.message).toBe('Complete the note before you publish it.');
		expect(error.errors).toEqual({
			'visit-date': 'The date of the visit cannot be in the future (today is Tuesday 1 December 2026).',
			evidence: 'Enter the evidence you saw.',
			strengths: 'Enter the strengths you found.',
			'action-0-owner': 'Say who owns action 1.',
			'action-0-due': 'Enter the date action 1 is due by as a real date, like 2026-12-18.'
		});
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!.status).toBe('planned');
	});

	it('a note made ready is checked as for publishing but kept from the school until it is confirmed, then published as saved', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		const incomplete = noteFromForm(noteForm({ 'visit-date': initial.date, purpose: 'Visit' }), []);
		expect((await refusal(() => saveNote(db, w.adviserA, initial.id, incomplete, 'ready', '2027-03-01'))).message).toBe(
			'Complete the note before you publish it.'
		);
		expect((await refusal(() => publishDraft(db, w.adviserA, initial.id, '2027-03-01'))).message).toBe(
			'There is no saved note of visit to publish. Write the note and save it first.'
		);
		const form = noteForm({
			...FULL,
			'visit-date': initial.date,
			'action-rows': '1',
			'action-0-text': 'Plan',
			'action-0-owner': 'Head',
			'action-0-due': '2027-04-01'
		});
		await saveNote(db, w.adviserA, initial.id, noteFromForm(form, []), 'ready', '2027-03-01');
		expect((await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true })).engagements.find((e) => e.id === initial.id)?.note).toBeNull();
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!.status).toBe('planned');
		// Another adviser cannot publish it for them.
		expect((await refusal(() => publishDraft(db, w.adviserB, initial.id, '2027-03-01'))).status).toBe(403);
		await publishDraft(db, w.adviserA, initial.id, '2027-03-01');
		const published = (await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true })).engagements.find((e) => e.id === initial.id)!;
		expect(published.note).toMatchObject({ status: 'published', purpose: FULL.purpose, actions: [{ action: 'Plan', owner: 'Head', dueDate: '2027-04-01' }] });
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)!.status).toBe('completed');
		expect((await refusal(() => publishDraft(db, w.adviserA, initial.id, '2027-03-01'))).message).toBe(
			'There is no saved note of visit to publish. Write the note and save it first.'
		);
	});

	it('refuses a visit date on a weekend, a bank holiday or a closure day, so publishing never moves the engagement there', async () => {
		const db = await freshDb();
		const { w, initial } = await planned(db);
		await db
			.insertInto('closure_days')
			.values({ la_code: '', date: '2026-10-16', reason: 'Staff training day', created_by: w.admin.id, created_at: '2026-09-01T09:00:00Z' })
			.execute();
		for (const [date, why] of [
			['2026-10-17', 'it is a Saturday'],
			['2026-10-16', 'it is an LA closure day'],
			['2026-10-28', 'it is in the school holidays']
		]) {
			const error = await refusal(() =>
				saveNote(db, w.adviserA, initial.id, noteFromForm(noteForm({ ...FULL, 'visit-date': date }), []), 'publish', '2026-12-01')
			);
			expect(error.errors['visit-date']).toMatch(new RegExp(`^The visit cannot have been on .*, because ${why}\\. Check the date\\.$`));
		}
		expect((await listEngagements(db, { urn: w.urns.focus })).find((e) => e.id === initial.id)).toMatchObject({ status: 'planned', date: initial.date });
	});

	it('tracks AfIs across visits with a RAG rating until one is met', async () => {
		const db = await freshDb();
		const { w, focus, initial } = await planned(db);
		await saveNote(
			db,
			w.adviserA,
			initial.id,
			noteFromForm(noteForm({ ...FULL, 'visit-date': initial.date, 'new-afis': 'Raise attainment in writing' }), []),
			'publish',
			'2026-12-01'
		);
		const [afi] = await openAfis(db, w.urns.focus, -1);
		const [review1, review2] = focus.filter((e) => e.templateId === 'focus.review').sort((a, b) => a.sequence - b.sequence);

		// A rating is needed for every open AfI, and only a green one can be met.
		const missing = await refusal(() =>
			saveNote(db, w.adviserA, review1.id, noteFromForm(noteForm({ ...FULL, 'visit-date': review1.date }), [afi.id]), 'publish', '2027-07-01')
		);
		expect(missing.errors[`afi-${afi.id}-rating`]).toBe('Choose red, amber or green for the progress on this area for improvement.');
		const notGreen = await refusal(() =>
			saveNote(
				db,
				w.adviserA,
				review1.id,
				noteFromForm(noteForm({ ...FULL, 'visit-date': review1.date, [`afi-${afi.id}-rating`]: 'amber', [`afi-${afi.id}-met`]: 'yes' }), [afi.id]),
				'publish',
				'2027-07-01'
			)
		);
		expect(notGreen.errors[`afi-${afi.id}-met`]).toBe('An area for improvement can only be met when its progress is green.');

		await saveNote(
			db,
			w.adviserA,
			review1.id,
			noteFromForm(noteForm({ ...FULL, 'visit-date': review1.date, [`afi-${afi.id}-rating`]: 'red', [`afi-${afi.id}-comment`]: 'No plan yet.' }), [afi.id]),
			'publish',
			'2027-07-01'
		);
		await saveNote(
			db,
			w.adviserA,
			review2.id,
			noteFromForm(noteForm({ ...FULL, 'visit-date': review2.date, [`afi-${afi.id}-rating`]: 'green', [`afi-${afi.id}-met`]: 'yes' }), [afi.id]),
			'publish',
			'2027-07-01'
		);

		const { afis } = await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true });
		expect(afis).toEqual([
			{
				id: afi.id,
				description: 'Raise attainment in writing',
				raisedOn: initial.date,
				metOn: review2.date,
				ratings: [
					{ engagementId: review1.id, visitDate: review1.date, rating: 'red', comment: 'No plan yet.' },
					{ engagementId: review2.id, visitDate: review2.date, rating: 'green', comment: '' }
				]
			}
		]);
		expect(await openAfis(db, w.urns.focus, -1)).toEqual([]);
	});

	it('a headteacher sees only their own school’s published notes: another school’s are never in theirs', async () => {
		const db = await freshDb();
		const { w } = await planned(db);
		const other = (await listEngagements(db, { urn: w.urns.intensive }))[0];
		await saveNote(db, w.adviserB, other.id, noteFromForm(noteForm({ ...FULL, 'visit-date': other.date }), []), 'publish', '2026-12-01');
		const own = await engagementsForSchool(db, w.urns.focus, { publishedNotesOnly: true });
		expect(own.engagements.every((e) => e.urn === w.urns.focus && e.note === null)).toBe(true);
		const theirs = await engagementsForSchool(db, w.urns.intensive, { publishedNotesOnly: true });
		expect(theirs.engagements.filter((e) => e.note !== null).map((e) => e.id)).toEqual([other.id]);
	});
});
