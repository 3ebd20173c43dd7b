import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, UNIQUE_VIOLATION, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { addSchool, addUser } from '../helpers/fixtures';
import { addKs2, ENGLAND_2017_2019, threeYears } from './analysis-fixtures';
import { agreeCategory, runAnalysis, categoryHistory, categoryStates } from '../../src/lib/server/analysis';
import { decideDisagreement, listDisagreements, openDisagreements, raiseDisagreement, reviewDisagreement } from '../../src/lib/server/disagreements';
import { askForSupport, supportRequests } from '../../src/lib/server/support';
import { endEntry, recordEntry } from '../../src/lib/server/soft-intelligence/repository';
import { listNotifications, notificationSchools, unreadCount } from '../../src/lib/server/notifications';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

async function setUp(db: Db) {
	const lead = await addUser(db, 'lead_adviser');
	const link = await addUser(db, 'adviser');
	const other = await addUser(db, 'adviser');
	await addSchool(db, 100001, { name: 'Alder Primary', link_adviser_id: link.id });
	await addSchool(db, 100002, { name: 'Birch Primary', link_adviser_id: other.id });
	// Alder: 25 points below England in 2019 and below in every year: Intensive by rule I2.
	await addKs2(db, [...threeYears(100001, -15, -12, -25), ...threeYears(100002, 2, 1, 3)], ENGLAND_2017_2019);
	await runAnalysis(db, { year: 2019, userId: null, today: '2019-10-01' });
	// A headteacher disagrees with an agreed category: a proposal is not yet the school's category.
	for (const urn of [100001, 100002]) await agreeCategory(db, lead, { urn, year: 2019 });
	const head = await addUser(db, 'headteacher', [100001]);
	const otherHead = await addUser(db, 'headteacher', [100002]);
	return { lead, link, other, head, otherHead };
}

const CASE = { reasons: 'Our 2019 cohort had 9 pupils with EHC plans.', evidence: 'Internal tracking shows 70% on track this year.', suggested: 'focus' };

describe('a headteacher disagrees with the category', () => {
	it('records one disagreement when the form is sent twice at the same moment (on PostgreSQL, two app servers); the second is told', async () => {
		const db = await freshDb();
		const { head } = await setUp(db);
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, sql`select urn from schools where urn = 100001 for update`, () =>
			Promise.allSettled([raiseDisagreement(db, head, 100001, CASE), raiseDisagreement(other, head, 100001, CASE)])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toBe(
			'You have already recorded a disagreement with this category. You will be told the outcome.'
		);
		expect(await db.selectFrom('category_disagreements').select('id').where('urn', '=', 100001).execute()).toHaveLength(1);
	});

	it('is carried through review and a decision to change it, all kept in the category history', async () => {
		const db = await freshDb();
		const { lead, link, head } = await setUp(db);
		expect((await categoryStates(db, 2019, 100001))[0].category).toBe('intensive');

		const id = await raiseDisagreement(db, head, 100001, CASE);
		expect((await listNotifications(db, link.id))[0].message).toBe('Alder Primary disagrees with its category (Intensive support)');
		expect(await openDisagreements(db)).toEqual([expect.objectContaining({ id, urn: 100001, status: 'open', name: 'Alder Primary' })]);
		await expect(raiseDisagreement(db, head, 100001, CASE)).rejects.toThrow('already recorded a disagreement');

		await reviewDisagreement(db, link, 100001, id, { review: 'The school’s tracking is credible; I saw it on my visit.' });
		expect((await listNotifications(db, lead.id))[0].message).toContain('needs your decision');
		await decideDisagreement(db, lead, 100001, id, {
			decision: 'changed',
			category: 'focus',
			reason: 'Progress evidence is strong; Focus support with termly reviews.'
		});

		const state = (await categoryStates(db, 2019, 100001))[0];
		expect(state.category).toBe('focus');
		expect(state.agreedAt).not.toBeNull();
		const [d] = await listDisagreements(db, 100001);
		expect(d).toMatchObject({ status: 'decided', decision: 'changed', decided_category: 'focus', reviewed_by_name: link.name, decided_by_name: lead.name });
		expect((await listNotifications(db, head.id))[0].message).toBe('Your disagreement about 2018/19 was considered: the category is now Focus support');
		expect(await openDisagreements(db)).toEqual([]);

		const steps = (await categoryHistory(db, 100001)).map((h) => [h.action, h.from, h.to]);
		expect(steps.slice(0, 3)).toEqual([
			['disagreement_decided', 'intensive', 'focus'],
			['disagreement_reviewed', 'intensive', 'intensive'],
			['disagreed', 'intensive', 'focus']
		]);
		const audit = await db.selectFrom('audit_log').select('action').where('action', 'like', 'disagreement.%').orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['disagreement.raise', 'disagreement.review', 'disagreement.decide']);
	});

	it('cannot be raised against a proposal not yet agreed, which the headteacher does not see', async () => {
		const db = await freshDb();
		const { head } = await setUp(db);
		await db.updateTable('school_categories').set({ agreed_at: null, agreed_by: null }).where('urn', '=', 100001).execute();
		await expect(raiseDisagreement(db, head, 100001, CASE)).rejects.toThrow(
			'Your school does not have an agreed category yet, so there is nothing to disagree with'
		);
		expect(await listDisagreements(db, 100001)).toEqual([]);
	});

	it('agrees the category when it stands, if it was waiting for agreement again', async () => {
		const db = await freshDb();
		const { lead, head } = await setUp(db);
		const id = await raiseDisagreement(db, head, 100001, CASE);
		// A later run re-proposed the category, so it waits for agreement again.
		await db.updateTable('school_categories').set({ agreed_at: null, agreed_by: null }).where('urn', '=', 100001).execute();
		await decideDisagreement(db, lead, 100001, id, { decision: 'upheld', category: '', reason: 'The data and the visit agree.' });
		const state = (await categoryStates(db, 2019, 100001))[0];
		expect(state).toMatchObject({ category: 'intensive', agreedBy: lead.name });
		expect(state.agreedAt).not.toBeNull();
		expect((await categoryHistory(db, 100001)).map((h) => h.action).slice(0, 2)).toEqual(['disagreement_decided', 'agreed']);
	});

	it('can be upheld, leaving the category as it was', async () => {
		const db = await freshDb();
		const { lead, head } = await setUp(db);
		const id = await raiseDisagreement(db, head, 100001, { ...CASE, suggested: '' });
		await decideDisagreement(db, lead, 100001, id, { decision: 'upheld', category: '', reason: 'Attainment has been well below for three years.' });
		expect((await categoryStates(db, 2019, 100001))[0].category).toBe('intensive');
		expect((await listNotifications(db, head.id))[0].message).toBe('Your disagreement about 2018/19 was considered: the category stays Intensive support');
	});

	it('is not upheld once the category has moved on since the school disagreed: the lead adviser says what it is now', async () => {
		const db = await freshDb();
		const { lead, head } = await setUp(db);
		const id = await raiseDisagreement(db, head, 100001, CASE);
		// A later run proposes Focus support, waiting for agreement.
		await db
			.updateTable('school_categories')
			.set({ category: 'focus', proposed_category: 'focus', agreed_at: null, agreed_by: null })
			.where('urn', '=', 100001)
			.execute();
		const upheld = decideDisagreement(db, lead, 100001, id, { decision: 'upheld', category: '', reason: 'The data and the visit agree.' });
		await expect(upheld).rejects.toThrow(
			'The school disagreed with Intensive support, but its category is now Focus support. Choose that it changes, and the category it should have.'
		);
		expect((await categoryStates(db, 2019, 100001))[0]).toMatchObject({ category: 'focus', agreedAt: null });
		// Deciding that it changes to the category it has now agrees it, and tells the school so.
		await decideDisagreement(db, lead, 100001, id, { decision: 'changed', category: 'focus', reason: 'The new results show progress.' });
		expect((await categoryStates(db, 2019, 100001))[0]).toMatchObject({ category: 'focus', agreedBy: lead.name });
		expect((await listNotifications(db, head.id))[0].message).toMatch(/Focus support/);
		await expect(decideDisagreement(db, lead, 100001, id, { decision: 'changed', category: 'focus', reason: 'Again' })).rejects.toThrow(
			'This disagreement has already been decided'
		);
	});

	it('refuses people who may not take each step, and incomplete input', async () => {
		const db = await freshDb();
		const { lead, link, other, head, otherHead } = await setUp(db);
		await expect(raiseDisagreement(db, otherHead, 100001, CASE)).rejects.toMatchObject({ status: 403 });
		await expect(raiseDisagreement(db, lead, 100001, CASE)).rejects.toMatchObject({ status: 403 });
		await expect(raiseDisagreement(db, head, 100001, { ...CASE, reasons: ' ' })).rejects.toMatchObject({
			field: 'reasons',
			message: 'Explain why you disagree with the category'
		});
		await expect(raiseDisagreement(db, head, 100001, { ...CASE, suggested: 'intensive' })).rejects.toMatchObject({ field: 'suggested' });
		const id = await raiseDisagreement(db, head, 100001, CASE);
		await expect(reviewDisagreement(db, other, 100001, id, { review: 'x' })).rejects.toMatchObject({ status: 403 });
		await expect(reviewDisagreement(db, head, 100001, id, { review: 'x' })).rejects.toMatchObject({ status: 403 });
		await expect(decideDisagreement(db, link, 100001, id, { decision: 'upheld', category: '', reason: 'x' })).rejects.toMatchObject({ status: 403 });
		await expect(decideDisagreement(db, lead, 100001, id, { decision: 'changed', category: 'intensive', reason: 'x' })).rejects.toMatchObject({
			field: 'category'
		});
		await expect(decideDisagreement(db, lead, 100002, id, { decision: 'upheld', category: '', reason: 'x' })).rejects.toMatchObject({ status: 404 });
		await expect(decideDisagreement(db, lead, 100001, id, { decision: 'maybe', category: '', reason: 'x' })).rejects.toBeInstanceOf(Refusal);
		expect((await listDisagreements(db, 100001))[0].status).toBe('open');
	});
});

describe('asking for support', () => {
	it('becomes an open self-referral that the next analysis counts, and tells the advisers', async () => {
		const db = await freshDb();
		const { link, lead, otherHead } = await setUp(db);
		await askForSupport(db, otherHead, 100002, 'Our new maths lead would value a curriculum review.');
		expect(await supportRequests(db, 100002)).toEqual([
			expect.objectContaining({ details: 'Our new maths lead would value a curriculum review.', endDate: null })
		]);
		const birchAdviser = (await db.selectFrom('schools').select('link_adviser_id').where('urn', '=', 100002).executeTakeFirstOrThrow()).link_adviser_id!;
		expect((await listNotifications(db, birchAdviser))[0].message).toBe('Birch Primary has asked for support');
		expect((await listNotifications(db, lead.id))[0].message).toBe('Birch Primary has asked for support');
		expect(await listNotifications(db, link.id)).toEqual([]);

		// The next analysis reads the register as of its own date: date the request in that autumn.
		await db.updateTable('soft_intelligence').set({ date: '2019-09-20' }).where('type', '=', 'self_referral').execute();
		const rerun = await runAnalysis(db, { year: 2019, userId: null, today: '2019-10-01' });
		const birch = rerun.results.find((r) => r.urn === 100002)!;
		expect(birch.firedRules.map((r) => r.id)).toContain('L5');
		expect(birch.category).toBe('light_touch');
	});

	it('keeps one open request per school: ten submits at once store one, and the others give it back', async () => {
		const db = await freshDb();
		const { otherHead } = await setUp(db);
		const reason = 'Our new maths lead would value a curriculum review.';
		const asked = await Promise.all(Array.from({ length: 10 }, () => askForSupport(db, otherHead, 100002, reason)));
		expect(asked.filter((a) => a.created)).toHaveLength(1);
		expect(new Set(asked.map((a) => a.id)).size).toBe(1);
		expect(await supportRequests(db, 100002)).toHaveLength(1);
		const birchAdviser = (await db.selectFrom('schools').select('link_adviser_id').where('urn', '=', 100002).executeTakeFirstOrThrow()).link_adviser_id!;
		expect(await listNotifications(db, birchAdviser)).toHaveLength(1);
		// Asking again with other words shows the open request and stores nothing.
		expect(await askForSupport(db, otherHead, 100002, 'And help with phonics, please.')).toMatchObject({ id: asked[0].id, created: false, details: reason });
		expect(await supportRequests(db, 100002)).toHaveLength(1);
		// Once an adviser closes it, the school can ask again.
		await db.updateTable('soft_intelligence').set({ end_date: '2026-12-01' }).where('id', '=', asked[0].id).execute();
		expect(await askForSupport(db, otherHead, 100002, 'Help with phonics, please.')).toMatchObject({ created: true });
		expect(await supportRequests(db, 100002)).toHaveLength(2);
	});

	it('refuses a second open request at the database, whoever writes it', async () => {
		const db = await freshDb();
		await setUp(db);
		const row = {
			urn: 100002,
			type: 'self_referral',
			date: '2026-12-01',
			end_date: null,
			details: 'x',
			source: 'headteacher',
			grade: null,
			areas_json: null,
			safeguarding_met: null,
			created_by: null,
			created_at: '2026-12-01T09:00:00Z',
			ended_by: null,
			ended_at: null
		} as const;
		await db.insertInto('soft_intelligence').values(row).execute();
		await expect(db.insertInto('soft_intelligence').values(row).execute()).rejects.toThrow(UNIQUE_VIOLATION);
	});

	it('lists the headteacher’s own requests only, not a self-referral an adviser recorded in the register', async () => {
		const db = await freshDb();
		const { otherHead, other } = await setUp(db);
		await recordEntry(db, other, 100002, { type: 'self_referral', date: '2026-11-02', details: 'Head mentioned staffing worries at the cluster meeting.' });
		expect(await supportRequests(db, 100002)).toEqual([]);
		await askForSupport(db, otherHead, 100002, 'Help with phonics, please.');
		expect((await supportRequests(db, 100002)).map((r) => r.details)).toEqual(['Help with phonics, please.']);
	});

	it('is closed by an adviser on the day it is dealt with, not on a date still to come', async () => {
		const db = await freshDb();
		const { otherHead, other } = await setUp(db);
		const asked = await askForSupport(db, otherHead, 100002, 'Help with phonics, please.');
		const future = await endEntry(db, other, 100002, asked.id, '2099-01-01').catch((e) => e);
		expect(future).toBeInstanceOf(Refusal);
		expect(future.message).toBe('A request for support cannot be closed on a date still to come. Close it on the day it is dealt with');
		expect((await supportRequests(db, 100002))[0].endDate).toBeNull();
		await endEntry(db, other, 100002, asked.id, '');
		expect((await supportRequests(db, 100002))[0].endDate).not.toBeNull();
	});

	it('is only for the school’s own headteacher, with a reason', async () => {
		const db = await freshDb();
		const { head, link } = await setUp(db);
		await expect(askForSupport(db, head, 100002, 'x')).rejects.toMatchObject({ status: 403 });
		await expect(askForSupport(db, link, 100001, 'x')).rejects.toMatchObject({ status: 403 });
		await expect(askForSupport(db, head, 100001, '   ')).rejects.toThrow('Tell us what support you would like');
		expect(await supportRequests(db, 100001)).toEqual([]);
	});
});

describe('a new category', () => {
	it('is announced to the school’s headteacher when a lead adviser agrees it', async () => {
		const db = await freshDb();
		const { lead, head, otherHead } = await setUp(db);
		await db.updateTable('school_categories').set({ agreed_at: null, agreed_by: null }).execute();
		await agreeCategory(db, lead, { urn: 100001, year: 2019 });
		const [n] = await listNotifications(db, head.id);
		expect(n).toMatchObject({
			kind: 'category.agreed',
			message: 'Your school’s support category for 2018/19 has been agreed: Intensive support',
			link: '/schools/100001'
		});
		expect(await listNotifications(db, otherHead.id)).toEqual([]);
	});

	it('is not shown to a headteacher once they no longer lead that school', async () => {
		const db = await freshDb();
		const { lead, head } = await setUp(db);
		await db.updateTable('school_categories').set({ agreed_at: null, agreed_by: null }).execute();
		await agreeCategory(db, lead, { urn: 100001, year: 2019 });
		// The head moves to Birch: Alder's news is no longer theirs to read, though it is kept.
		const moved = { ...head, schoolUrns: [100002] };
		expect(notificationSchools(moved)).toEqual([100002]);
		expect(notificationSchools(lead)).toBeNull();
		expect(await listNotifications(db, head.id, 100, null, notificationSchools(moved))).toEqual([]);
		expect(await unreadCount(db, head.id, null, notificationSchools(moved))).toBe(0);
		expect(await listNotifications(db, head.id, 100, null, notificationSchools(head))).toHaveLength(1);
	});
});
