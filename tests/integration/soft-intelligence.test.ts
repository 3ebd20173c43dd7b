import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { setClock } from '../../src/lib/server/clock';
import { addKs2, addSchool, smallLa, URNS } from './analysis-fixtures';
import { englandRow, schoolYear } from '../../src/lib/domain/analysis/test-fixtures';
import { runAnalysis } from '../../src/lib/server/analysis';
import { correctEntry, endEntry, recordEntry, registers, schoolRegister } from '../../src/lib/server/soft-intelligence/repository';
import { syncOfstedFromRegister } from '../../src/lib/server/soft-intelligence/ofsted-sync';
import { Refusal } from '../../src/lib/domain/refusal';
import type { Db } from '../../src/lib/server/db';

/** 2025 results at England's figure for some schools: an analysis of 2025 reads the register as it was by the end of 2025. */
async function resultsFor2025(db: Db, urns: number[]): Promise<void> {
	await addKs2(
		db,
		urns.map((urn) => schoolYear(2025, 65, { urn })),
		[englandRow(2025)]
	);
}

describe('the soft-intelligence register', () => {
	it('lets an adviser record for their link schools, and lead advisers for any school', async () => {
		const db = await freshDb();
		const { adviser, lead } = await smallLa(db);
		await recordEntry(db, adviser, URNS.secure, { type: 'new_head', date: '2019-04-01', details: 'Mrs Patel started in April' });
		await recordEntry(db, lead, URNS.focus, { type: 'governance', date: '2019-03-01', details: 'Chair resigned' });
		await recordEntry(db, lead, URNS.focus, { type: 'ofsted_legacy', date: '2019-02-01', details: '', grade: 'good' });
		const entries = await schoolRegister(db, URNS.focus);
		expect(entries.map((e) => [e.type, e.createdBy, e.source, e.grade])).toEqual([
			['governance', 'Lena Lead', 'adviser', null],
			['ofsted_legacy', 'Lena Lead', 'adviser', 'good']
		]);
		const log = await db.selectFrom('audit_log').select(['action', 'entity_id', 'user_id']).where('action', '=', 'soft_intelligence.record').execute();
		expect(log).toHaveLength(3);
	});

	it('refuses an adviser for another adviser’s school, and admins, analysts and headteachers for any', async () => {
		const db = await freshDb();
		const { adviser, analyst, head, admin } = await smallLa(db);
		const input = { type: 'finance', date: '2019-04-01', details: 'Deficit budget' };
		const other = await recordEntry(db, adviser, URNS.focus, input).catch((e) => e);
		expect(other).toMatchObject({ status: 403, message: 'Only Elm Primary School’s link adviser or a lead adviser can change its register' });
		for (const who of [analyst, head, admin]) expect(await recordEntry(db, who, URNS.secure, input).catch((e) => e.status)).toBe(403);
		const missing = await recordEntry(db, adviser, 999999, input).catch((e) => e);
		expect(missing).toMatchObject({ status: 404 });
		expect(await schoolRegister(db, URNS.focus)).toEqual([]);
	});

	it('explains in plain words what is wrong with an entry', async () => {
		const db = await freshDb();
		const { lead } = await smallLa(db);
		const errors = async (raw: Record<string, string>) => ((await recordEntry(db, lead, URNS.secure, raw).catch((e) => e)) as Refusal).errors;
		expect(await errors({ type: '', date: '2019-01-01', details: 'x' })).toEqual({ type: 'Choose what kind of entry this is' });
		expect(await errors({ type: 'complaint', date: '', details: '' })).toEqual({
			date: 'Enter the date this started',
			details: 'Describe what is happening in a few words'
		});
		expect(await errors({ type: 'complaint', date: '2019-02-30', details: 'Parent complaint' })).toEqual({ date: 'Enter a real date, for example 2025-03-14' });
		expect(await errors({ type: 'ofsted_legacy', date: '2999-01-01', details: '', grade: 'brilliant' })).toEqual({
			date: 'The inspection date cannot be in the future',
			grade: 'Choose the overall grade Ofsted gave, or Not judged'
		});
		// A concern counts from its date: one mistyped years ahead would never count. A new head may be known ahead.
		const ahead = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		expect(await errors({ type: 'safeguarding', date: ahead, details: 'Referral made' })).toEqual({
			date: 'The date this started cannot be in the future. Record it once it has started'
		});
		expect(await errors({ type: 'safeguarding', date: '2205-01-01', details: 'Referral made' })).toEqual({
			date: 'The date this started cannot be in the future. Record it once it has started'
		});
		expect(await errors({ type: 'new_head', date: '2205-01-01', details: 'Mr Khan starts' })).toEqual({ date: 'Enter a date no more than a year from today' });
		expect(await recordEntry(db, lead, URNS.lightTouch, { type: 'new_head', date: ahead, details: 'Mr Khan starts next month' })).toBeGreaterThan(0);
		// Graded inspections under the old framework ended when report cards began.
		expect((await errors({ type: 'ofsted_legacy', date: '2025-11-10', details: '', grade: 'good' })).date).toBe(
			'Graded inspections under the old framework ended on 9 November 2025. For an inspection since then, record a report card'
		);
		// Report cards began then, and before September 2024 every graded inspection gave an overall grade.
		expect(await errors({ type: 'ofsted_report_card', date: '2025-11-09', details: '', 'area-1': 'strong_standard', safeguarding: 'met' })).toEqual({
			date: 'Report cards began on 10 November 2025. For an inspection before then, record a graded inspection under the old framework'
		});
		const judgements = { qualityOfEducation: '2', behaviourAndAttitudes: '2', personalDevelopment: '2', leadershipAndManagement: '2' };
		expect(await errors({ type: 'ofsted_legacy', date: '2024-08-31', details: '', grade: 'not_judged', ...judgements })).toEqual({
			grade: 'Graded inspections gave an overall grade until September 2024. Choose the overall grade Ofsted gave'
		});
		expect(await errors({ type: 'ofsted_report_card', date: '2025-12-01', details: '' })).toEqual({
			'area-0': 'Choose a grade for at least one area',
			safeguarding: 'Say whether Ofsted found safeguarding met or not met'
		});
		expect(await errors({ type: 'ofsted_report_card', date: '2025-12-01', details: '', 'area-2': 'superb', safeguarding: 'met' })).toEqual({
			'area-2': 'Choose a grade for achievement, or leave it as not graded'
		});
		expect(await schoolRegister(db, URNS.secure)).toEqual([]);
	});

	it('stores a report card with its areas and safeguarding, and the engine reads it', async () => {
		const db = await freshDb();
		const { lead, analyst } = await smallLa(db);
		await recordEntry(db, lead, URNS.securePlus, {
			type: 'ofsted_report_card',
			date: '2025-11-20',
			details: 'Full inspection',
			'area-1': 'strong_standard',
			'area-2': 'needs_attention',
			safeguarding: 'met'
		});
		const [entry] = (await registers(db, [URNS.securePlus])).get(URNS.securePlus)!;
		expect(entry).toMatchObject({
			type: 'ofsted_report_card',
			safeguardingMet: true,
			areas: [
				{ area: 'Curriculum and teaching', grade: 'strong_standard' },
				{ area: 'Achievement', grade: 'needs_attention' }
			]
		});
		await resultsFor2025(db, [URNS.securePlus]);
		const { results } = await runAnalysis(db, { userId: analyst.id, year: 2025 });
		expect(results.find((r) => r.urn === URNS.securePlus)).toMatchObject({ category: 'focus', decidingRule: 'F1' });
	});

	it('ends an entry, not before it began and only once, and an ended concern no longer counts', async () => {
		const db = await freshDb();
		const { adviser, analyst } = await smallLa(db);
		const id = await recordEntry(db, adviser, URNS.secure, { type: 'safeguarding', date: '2019-03-01', details: 'Allegation against staff' });
		expect((await runAnalysis(db, { userId: analyst.id })).results.find((r) => r.urn === URNS.secure)?.category).toBe('intensive');
		const early = await endEntry(db, adviser, URNS.secure, id, '2019-02-01').catch((e) => e);
		expect(early).toMatchObject({ status: 400, field: 'endDate', message: 'The end date cannot be before the entry began (1 March 2019)' });
		await endEntry(db, adviser, URNS.secure, id, '2019-07-01');
		const twice = await endEntry(db, adviser, URNS.secure, id, '').catch((e) => e);
		expect(twice).toBeInstanceOf(Refusal);
		expect(twice.message).toBe('That entry has already ended');
		const [entry] = await schoolRegister(db, URNS.secure);
		expect(entry).toMatchObject({ endDate: '2019-07-01', endedBy: 'Ada Adviser' });
		expect((await runAnalysis(db, { userId: analyst.id })).results.find((r) => r.urn === URNS.secure)?.category).toBe('secure');
	});

	it('copies GIAS Ofsted ratings into the register as imported entries, once', async () => {
		const db = await freshDb();
		const { analyst, lead } = await smallLa(db);
		await addSchool(db, 100020, 'Hazel Primary School', { ofstedRating: 'Special Measures', ofstedDate: '2019-01-15' });
		await addSchool(db, 100021, 'Ivy Primary School', { ofstedRating: 'Good', ofstedDate: '2018-06-01' });
		await addSchool(db, 100022, 'Juniper Primary School', { ofstedRating: 'Insufficient evidence', ofstedDate: '2018-06-01' });
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 2, updated: 0 });
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 0, updated: 0 });
		const hazel = await schoolRegister(db, 100020);
		expect(hazel).toMatchObject([{ type: 'ofsted_legacy', grade: 'inadequate', source: 'gias_import', date: '2019-01-15', details: 'From the GIAS register' }]);
		// "Special Measures" is Inadequate with a category of concern.
		expect((await registers(db, [100020])).get(100020)).toMatchObject([{ grade: 'inadequate', categoryOfConcern: 'special_measures' }]);
		expect(hazel[0].ofsted).toMatchObject({ origin: 'Imported from GIAS' });
		expect(await schoolRegister(db, 100022)).toEqual([]);

		// GIAS corrects a grade: the imported entry follows. A new inspection is added beside the old one.
		await db.updateTable('schools').set({ ofsted_rating: 'Requires improvement' }).where('urn', '=', 100020).execute();
		await db.updateTable('schools').set({ ofsted_rating: 'Outstanding', ofsted_date: '2019-05-01' }).where('urn', '=', 100021).execute();
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 1, updated: 1 });
		expect((await schoolRegister(db, 100021)).map((e) => [e.date, e.grade])).toEqual([
			['2019-05-01', 'outstanding'],
			['2018-06-01', 'good']
		]);

		// An adviser withdraws an imported grade: it is not brought back.
		const [imported] = await schoolRegister(db, 100020);
		await endEntry(db, lead, 100020, imported.id, '2019-02-01');
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 0, updated: 0 });

		// A run syncs first, so the rating counts straight away.
		await addSchool(db, 100023, 'Kestrel Primary School', { ofstedRating: 'Inadequate', ofstedDate: '2019-03-03' });
		const { results } = await runAnalysis(db, { userId: analyst.id });
		expect(results.find((r) => r.urn === 100023)).toMatchObject({ category: 'intensive', decidingRule: 'I1' });
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'soft_intelligence.import_ofsted').execute()).toHaveLength(3);
	});
	it('lets an adviser record each kind of Ofsted outcome by hand, with its category of concern and whether it was the predecessor school', async () => {
		const db = await freshDb();
		const { lead, analyst } = await smallLa(db);
		const errors = async (raw: Record<string, string>) => ((await recordEntry(db, lead, URNS.secure, raw).catch((e) => e)) as Refusal).errors;
		const notJudged = { type: 'ofsted_legacy', date: '2024-10-15', details: '', grade: 'not_judged' };
		expect(await errors(notJudged)).toEqual({
			qualityOfEducation: 'Choose a grade from 1 to 4 for quality of education',
			behaviourAndAttitudes: 'Choose a grade from 1 to 4 for behaviour and attitudes',
			personalDevelopment: 'Choose a grade from 1 to 4 for personal development',
			leadershipAndManagement: 'Choose a grade from 1 to 4 for leadership and management'
		});
		expect(await errors({ ...notJudged, grade: 'good', sixthForm: '5', safeguardingEffective: 'perhaps', categoryOfConcern: 'probation' })).toEqual({
			sixthForm: 'Choose a grade from 1 to 4 for sixth form provision',
			safeguardingEffective: 'Say whether Ofsted found safeguarding effective',
			categoryOfConcern: 'Choose a category of concern from the list, or None'
		});
		expect(await errors({ type: 'ofsted_ungraded', date: '2019-10-15', details: '', outcome: ' ' })).toEqual({
			outcome: 'Enter the outcome Ofsted gave, for example School remains Good'
		});

		const judged = {
			qualityOfEducation: '3',
			behaviourAndAttitudes: '2',
			personalDevelopment: '2',
			leadershipAndManagement: '2',
			safeguardingEffective: 'yes'
		};
		await recordEntry(db, lead, URNS.secure, { ...notJudged, ...judged, predecessor: 'yes' });
		await recordEntry(db, lead, URNS.securePlus, { type: 'ofsted_ungraded', date: '2025-06-01', details: '', outcome: 'Some aspects not as strong' });
		await recordEntry(db, lead, URNS.lightTouch, {
			type: 'ofsted_report_card',
			date: '2025-11-20',
			details: '',
			'area-6': 'urgent_improvement',
			safeguarding: 'met',
			categoryOfConcern: 'special_measures'
		});
		const soft = await registers(db);
		expect(soft.get(URNS.secure)).toMatchObject([
			{
				type: 'ofsted_legacy',
				grade: null,
				judgements: { qualityOfEducation: 3, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 },
				safeguardingEffective: true,
				predecessor: true,
				categoryOfConcern: null,
				source: 'adviser'
			}
		]);
		expect(soft.get(URNS.securePlus)).toMatchObject([{ type: 'ofsted_ungraded', outcome: 'Some aspects not as strong' }]);
		expect(soft.get(URNS.lightTouch)).toMatchObject([
			{ type: 'ofsted_report_card', areas: [{ area: 'Leadership and governance', grade: 'urgent_improvement' }], categoryOfConcern: 'special_measures' }
		]);
		const [view] = await schoolRegister(db, URNS.secure);
		expect(view.ofsted).toMatchObject({ kind: 'Ofsted graded inspection with no overall grade', predecessor: true, origin: 'Recorded by Lena Lead' });

		await resultsFor2025(db, [URNS.secure, URNS.securePlus, URNS.lightTouch]);
		const { results } = await runAnalysis(db, { userId: analyst.id, year: 2025 });
		expect(results.find((r) => r.urn === URNS.secure)).toMatchObject({ category: 'focus', decidingRule: 'F1' });
		expect(results.find((r) => r.urn === URNS.lightTouch)).toMatchObject({ category: 'intensive', decidingRule: 'I1' });
		// An ungraded inspection that says the school may not remain Good is an open concern (L5), not a grade.
		expect(results.find((r) => r.urn === URNS.securePlus)).toMatchObject({ category: 'light_touch', decidingRule: 'L5' });

		// A correction is held to the inspection's date too: one from 2019 had an overall grade.
		const judgements = { qualityOfEducation: '2', behaviourAndAttitudes: '2', personalDevelopment: '2', leadershipAndManagement: '2' };
		const old = await recordEntry(db, lead, URNS.focus, { type: 'ofsted_legacy', date: '2019-01-10', details: '', grade: 'good', ...judgements });
		const refused = (await correctEntry(db, lead, URNS.focus, old, { grade: 'not_judged', ...judgements }).catch((e) => e)) as Refusal;
		expect(refused.errors).toEqual({ grade: 'Graded inspections gave an overall grade until September 2024. Choose the overall grade Ofsted gave' });
		expect((await registers(db, [URNS.focus])).get(URNS.focus)).toMatchObject([{ id: String(old), grade: 'good' }]);
	});

	it('dates "today" in England: after 11pm in summer an entry dated today is not in the future, and one left open closes today', async () => {
		const db = await freshDb();
		const { lead } = await smallLa(db);
		// 23:30 UTC on 1 June is 00:30 on 2 June in England.
		setClock('2026-06-01T23:30:00Z');
		try {
			const id = await recordEntry(db, lead, URNS.focus, { type: 'finance', date: '2026-06-02', details: 'Deficit budget agreed' });
			await endEntry(db, lead, URNS.focus, id, '');
			// An inspection dated today is today's, not tomorrow's.
			await recordEntry(db, lead, URNS.focus, { type: 'ofsted_ungraded', date: '2026-06-02', details: '', outcome: 'School remains Good' });
			expect((await schoolRegister(db, URNS.focus)).find((e) => e.id === id)).toMatchObject({ date: '2026-06-02', endDate: '2026-06-02' });
		} finally {
			setClock(null);
		}
	});

	it('ends an entry once when two people end it at the same moment (on PostgreSQL, on two app servers); the other is told', async () => {
		const db = await freshDb();
		const { lead, adviser } = await smallLa(db);
		const id = await recordEntry(db, lead, URNS.secure, { type: 'finance', date: '2019-04-01', details: 'Deficit budget' });
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, sql`select id from soft_intelligence where id = ${id} for update`, () =>
			Promise.allSettled([endEntry(db, lead, URNS.secure, id, '2019-06-01'), endEntry(other, adviser, URNS.secure, id, '2019-07-01')])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toBe('That entry has already ended');
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'soft_intelligence.end').execute()).toHaveLength(1);
	});

	it('copies a GIAS rating once when two runs copy at the same moment', async () => {
		const db = await freshDb();
		await smallLa(db);
		await addSchool(db, 100020, 'Hazel Primary School', { ofstedRating: 'Good', ofstedDate: '2019-01-15' });
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await Promise.all([syncOfstedFromRegister(db), syncOfstedFromRegister(other)]);
		expect(results.map((r) => r.added).sort()).toEqual([0, 1]);
		expect(await schoolRegister(db, 100020)).toHaveLength(1);
	});
});
