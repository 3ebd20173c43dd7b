import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { smallLa, URNS } from './analysis-fixtures';
import {
	agreeCategory,
	agreeUnchanged,
	categoryHistory,
	categoryStates,
	currentCategories,
	moderationList,
	overrideCategory,
	runAnalysis
} from '../../src/lib/server/analysis';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

async function analysedLa(db: Db) {
	const people = await smallLa(db);
	await runAnalysis(db, { userId: people.analyst.id });
	return people;
}

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
	const e = await promise.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(Refusal);
	return e as Refusal;
}

describe('moderation', () => {
	it('lets an adviser change the category of their own link school, with a reason, recorded in the history and the audit log', async () => {
		const db = await freshDb();
		const { adviser } = await analysedLa(db);
		await overrideCategory(db, adviser, {
			urn: URNS.secure,
			year: 2019,
			category: 'light_touch',
			reason: '  New head from January; maths leadership is thin.  '
		});
		const [state] = await categoryStates(db, 2019, URNS.secure);
		expect(state).toMatchObject({ category: 'light_touch', proposedCategory: 'secure', status: 'changed', changedByAdviser: true });
		const [latest] = await categoryHistory(db, URNS.secure);
		expect(latest).toMatchObject({
			action: 'changed',
			from: 'secure',
			to: 'light_touch',
			reason: 'New head from January; maths leadership is thin.',
			by: 'Ada Adviser',
			year: 2019
		});
		const log = await db.selectFrom('audit_log').selectAll().where('action', '=', 'category.change').orderBy('id').execute();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ user_id: adviser.id, entity: 'school', entity_id: String(URNS.secure) });
		expect(JSON.parse(log[0].after_json!)).toMatchObject({ category: 'light_touch', reason: 'New head from January; maths leadership is thin.' });
	});

	it('refuses an adviser who is not the school’s link adviser, a change without a reason, and a change to the same category', async () => {
		const db = await freshDb();
		const { adviser } = await analysedLa(db);
		const notLinked = await refusal(overrideCategory(db, adviser, { urn: URNS.focus, year: 2019, category: 'secure', reason: 'Looks fine to me' }));
		expect(notLinked).toMatchObject({ status: 403, message: 'Only Elm Primary School’s link adviser or a lead adviser can change its category' });
		const noReason = await refusal(overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'focus', reason: '   ' }));
		expect(noReason).toMatchObject({ status: 400, field: 'reason', message: 'Give the reason for the change, in words you could read out to the headteacher' });
		const same = await refusal(overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'secure', reason: 'Same' }));
		expect(same).toMatchObject({ status: 400, field: 'category', message: 'Secure is already its category' });
		const bad = await refusal(overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'platinum', reason: 'x' }));
		expect(bad.field).toBe('category');
		expect((await categoryStates(db, 2019, URNS.focus))[0].category).toBe('focus');
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'category.change').execute()).toEqual([]);
	});

	it('refuses headteachers, analysts and admins, who cannot change or agree categories', async () => {
		const db = await freshDb();
		const { head, analyst, admin, adviser } = await analysedLa(db);
		for (const who of [head, analyst, admin]) {
			expect((await refusal(overrideCategory(db, who, { urn: URNS.secure, year: 2019, category: 'focus', reason: 'Because' }))).status).toBe(403);
			expect((await refusal(agreeCategory(db, who, { urn: URNS.secure, year: 2019 }))).status).toBe(403);
			expect((await refusal(agreeUnchanged(db, who, 2019))).status).toBe(403);
		}
		const adviserAgree = await refusal(agreeCategory(db, adviser, { urn: URNS.secure, year: 2019 }));
		expect(adviserAgree).toMatchObject({ status: 403, message: 'Only a lead adviser can agree a category' });
		expect(await currentCategories(db, 2019)).toEqual(new Map());
	});

	it('lets a lead adviser change any school and agree categories one by one; only agreed ones are current', async () => {
		const db = await freshDb();
		const { lead, adviser } = await analysedLa(db);
		// A lead adviser's own change is agreed as it is made: nobody else would agree it.
		expect(
			await overrideCategory(db, lead, {
				urn: URNS.focus,
				year: 2019,
				category: 'light_touch',
				reason: 'Results recovered in 2019 and the new maths lead is strong'
			})
		).toEqual({ agreed: true });
		expect((await categoryHistory(db, URNS.focus)).slice(0, 2).map((s) => [s.action, s.from, s.to, s.by, s.reason])).toEqual([
			['agreed', 'light_touch', 'light_touch', 'Lena Lead', null],
			['changed', 'focus', 'light_touch', 'Lena Lead', 'Results recovered in 2019 and the new maths lead is strong']
		]);
		expect(await overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'light_touch', reason: 'Governance is weak' })).toEqual({
			agreed: false
		});
		await agreeCategory(db, lead, { urn: URNS.secure, year: 2019, note: 'Agreed after the moderation meeting' });
		expect(await currentCategories(db, 2019)).toEqual(
			new Map([
				[URNS.secure, 'light_touch'],
				[URNS.focus, 'light_touch']
			])
		);
		const again = await refusal(agreeCategory(db, lead, { urn: URNS.secure, year: 2019 }));
		expect(again.message).toBe('This category is already agreed');
		const steps = await categoryHistory(db, URNS.secure);
		expect(steps.map((s) => [s.action, s.from, s.to, s.by, s.reason])).toEqual([
			['agreed', 'light_touch', 'light_touch', 'Lena Lead', 'Agreed after the moderation meeting'],
			['changed', 'secure', 'light_touch', 'Ada Adviser', 'Governance is weak'],
			['proposed', null, 'secure', 'Andy Analyst', expect.stringMatching(/^Secure: no rule called for more support/)]
		]);
		// A later change clears the agreement: the lead adviser agrees the new category.
		await overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'secure', reason: 'The governance review went well' });
		const [state] = await categoryStates(db, 2019, URNS.secure);
		expect(state).toMatchObject({ category: 'secure', status: 'proposed', changedByAdviser: false, agreedAt: null });
		expect((await currentCategories(db, 2019)).has(URNS.secure)).toBe(false);
		const agreeAudit = await db.selectFrom('audit_log').select('id').where('action', '=', 'category.agree').orderBy('id').execute();
		expect(agreeAudit).toHaveLength(2);
	});

	it('lists the schools to look at first, and agrees in bulk only the unchanged ones', async () => {
		const db = await freshDb();
		const { lead, adviser, analyst } = await analysedLa(db);
		// Last year: Cedar was agreed Secure (it is proposed Secure Plus now); Birchwood was agreed Secure (unchanged).
		const run = await db.selectFrom('analysis_runs').select('id').executeTakeFirstOrThrow();
		for (const [urn, category] of [
			[URNS.securePlus, 'secure'],
			[URNS.secure, 'secure']
		] as const) {
			await db
				.insertInto('school_categories')
				.values({
					urn,
					year: 2018,
					proposed_category: category,
					run_id: run.id,
					category,
					changed_by_adviser: 0,
					agreed_by: lead.id,
					agreed_at: '2018-11-01T00:00:00Z',
					updated_at: '2018-11-01T00:00:00Z'
				})
				.execute();
		}
		await runAnalysis(db, { userId: analyst.id });
		await overrideCategory(db, adviser, { urn: URNS.intensive, year: 2019, category: 'focus', reason: 'Strong recovery plan in place' });

		const list = await moderationList(db, 2019);
		const first = list.filter((i) => i.attention.length > 0).map((i) => i.urn);
		expect(first).toEqual([URNS.intensive, URNS.infant, URNS.securePlus]);
		expect(list.slice(0, 3).map((i) => i.urn)).toEqual(first);
		const cedar = list.find((i) => i.urn === URNS.securePlus)!;
		expect(cedar.attention).toEqual(['Proposed Secure Plus; last year’s agreed category was Secure']);
		expect(list.find((i) => i.urn === URNS.infant)!.attention[0]).toMatch(/an adviser must judge this school/);

		const agreed = await agreeUnchanged(db, lead, 2019);
		expect(agreed).toBe(3);
		expect([...(await currentCategories(db, 2019)).keys()].sort()).toEqual([URNS.secure, URNS.lightTouch, URNS.focus].sort());
		expect(await agreeUnchanged(db, lead, 2019)).toBe(0);
		const after = await moderationList(db, 2019);
		expect(after.slice(-3).every((i) => i.status === 'agreed')).toBe(true);
		const history = await categoryHistory(db, URNS.lightTouch);
		expect(history[0]).toMatchObject({ action: 'agreed', by: 'Lena Lead', reason: 'Agreed with the other unchanged proposals' });
	});

	it('keeps an adviser’s change when a new run proposes something else, and says so in the history', async () => {
		const db = await freshDb();
		const { adviser, analyst, lead } = await analysedLa(db);
		await overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'light_touch', reason: 'Staffing turbulence' });
		await agreeCategory(db, lead, { urn: URNS.secure, year: 2019 });
		await db.updateTable('schools').set({ ofsted_rating: 'Requires improvement', ofsted_date: '2019-05-01' }).where('urn', '=', URNS.secure).execute();
		await runAnalysis(db, { userId: analyst.id });
		const [state] = await categoryStates(db, 2019, URNS.secure);
		expect(state).toMatchObject({ category: 'light_touch', proposedCategory: 'focus', status: 'changed', agreedAt: null });
		const [latest] = await categoryHistory(db, URNS.secure);
		expect(latest).toMatchObject({ action: 'proposal_changed', from: 'secure', to: 'focus', by: 'Andy Analyst' });
		expect(latest.reason).toMatch(/Requires improvement.*The category an adviser set stands/);
	});

	it('agrees only the category the lead adviser saw, and once: a change or a second agreement in between is refused in words', async () => {
		const db = await freshDb();
		const { lead, adviser } = await analysedLa(db);
		// The lead adviser opened the page on Secure; the adviser changed it to Light touch meanwhile.
		await overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'light_touch', reason: 'Governance is weak' });
		const stale = await refusal(agreeCategory(db, lead, { urn: URNS.secure, year: 2019, category: 'secure' }));
		expect(stale.message).toBe('The category changed after you opened the page: it is now Light touch support. Look at it again before you agree it.');
		expect((await categoryStates(db, 2019, URNS.secure))[0]).toMatchObject({ category: 'light_touch', agreedAt: null });

		// Two lead advisers agree the same school at the same moment (two app servers on PostgreSQL): one agreement.
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, sql`select urn from school_categories where urn = ${URNS.focus} and year = 2019 for update`, () =>
			Promise.allSettled([
				agreeCategory(db, lead, { urn: URNS.focus, year: 2019, category: 'focus' }),
				agreeCategory(other, lead, { urn: URNS.focus, year: 2019, category: 'focus' })
			])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
		expect(refused).toBeInstanceOf(Refusal);
		expect(refused.message).toBe('This category is already agreed');
		expect((await categoryHistory(db, URNS.focus)).filter((s) => s.action === 'agreed')).toHaveLength(1);
	});

	it('takes an adviser’s change back to the proposal when a new run proposes the same', async () => {
		const db = await freshDb();
		const { adviser, analyst } = await analysedLa(db);
		await overrideCategory(db, adviser, { urn: URNS.secure, year: 2019, category: 'focus', reason: 'Staffing turbulence' });
		await db.updateTable('schools').set({ ofsted_rating: 'Requires improvement', ofsted_date: '2019-05-01' }).where('urn', '=', URNS.secure).execute();
		await runAnalysis(db, { userId: analyst.id });
		const [state] = await categoryStates(db, 2019, URNS.secure);
		expect(state).toMatchObject({ category: 'focus', proposedCategory: 'focus', status: 'proposed', changedByAdviser: false });
		expect((await categoryHistory(db, URNS.secure))[0]).toMatchObject({ action: 'proposed', to: 'focus' });
	});

	it('leaves a school closed since out of the lists, the counts and the plan, and its own page still shows its category', async () => {
		const db = await freshDb();
		const { lead } = await analysedLa(db);
		await agreeCategory(db, lead, { urn: URNS.focus, year: 2019 });
		await db.updateTable('schools').set({ status: 'Closed' }).where('urn', '=', URNS.focus).execute();
		expect((await moderationList(db, 2019)).map((i) => i.urn)).not.toContain(URNS.focus);
		expect((await categoryStates(db, 2019)).map((s) => s.urn)).not.toContain(URNS.focus);
		expect((await currentCategories(db, 2019)).has(URNS.focus)).toBe(false);
		expect(await categoryStates(db, 2019, URNS.focus)).toEqual([expect.objectContaining({ urn: URNS.focus, category: 'focus', status: 'agreed' })]);
	});
});
