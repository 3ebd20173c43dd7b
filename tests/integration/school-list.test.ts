import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addSchool, addUser, smallLa, URNS } from './analysis-fixtures';
import { addInspection, schoolsWithStatuses } from './intervention-fixtures';
import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import { existingSchool, schoolRef } from '../../src/lib/server/schools';
import { agreeCategory, overrideCategory, runAnalysis } from '../../src/lib/server/analysis';
import {
	allMatchingSchools,
	listSchools,
	listSearch,
	parseListQuery,
	renewalDueCutoff,
	schoolListCsv,
	schoolListView,
	type SchoolListQuery
} from '../../src/lib/server/school-list';

const TODAY = '2026-11-22';

/** A Quality Mark record as the Quality Mark pages would have stored it. */
async function qualityMark(
	db: Db,
	urn: number,
	framework: 'basic_skills' | 'professional_development',
	status: string,
	dates: { award?: string; expiry?: string } = {}
) {
	const now = nowIso();
	await db
		.insertInto('quality_marks')
		.values({
			urn,
			framework_key: framework,
			status: status as never,
			status_changed_on: '2026-01-01',
			award_date: dates.award ?? null,
			expiry_date: dates.expiry ?? null,
			visit_date: null,
			assessor_id: null,
			nominee_id: null,
			feedback: null,
			created_at: now,
			updated_at: now
		})
		.execute();
}

/**
 * The analysis test LA (six schools with 2017 to 2019 results and a closed one), analysed for
 * 2018/19, plus a second LA's school with no results, and Quality Marks in several states.
 */
async function world() {
	const db = await freshDb();
	const people = await smallLa(db);
	await runAnalysis(db, { year: 2019, userId: people.analyst.id, today: '2019-10-01' });
	// Added to the register after the analysis ran, from another LA.
	await addSchool(db, 200001, '=HYPERLINK("http://evil.example")', {});
	// Open again here, so every filter has a school with no category and no link adviser; closed schools have a test of their own.
	await db.updateTable('schools').set({ status: 'Open' }).where('urn', '=', 100007).execute();
	await db.updateTable('schools').set({ la_code: '888', la_name: 'Otherham', phase: 'Secondary', town: null }).where('urn', '=', 200001).execute();
	// Cedar (Secure Plus) is agreed; Ashdown is changed by an adviser, not yet agreed.
	await agreeCategory(db, people.lead, { urn: URNS.securePlus, year: 2019 });
	await overrideCategory(db, people.adviser, { urn: URNS.intensive, year: 2019, category: 'focus', reason: 'New head in post' });
	await qualityMark(db, URNS.securePlus, 'basic_skills', 'achieved', { award: '2025-01-10', expiry: '2028-01-10' });
	await qualityMark(db, URNS.secure, 'basic_skills', 'achieved', { award: '2024-02-01', expiry: '2027-02-01' });
	await qualityMark(db, URNS.lightTouch, 'professional_development', 'achieved', { award: '2023-01-01', expiry: '2026-01-01' });
	await qualityMark(db, URNS.focus, 'basic_skills', 'registered');
	return { db, ...people };
}

const query = (search: string): SchoolListQuery => parseListQuery(new URLSearchParams(search));
const urnsOf = async (db: Db, search: string) => (await listSchools(db, query(search), TODAY)).rows.map((r) => r.urn);

describe('the school list query', () => {
	it('lists every school by name, with its category for the latest analysed year and its status', async () => {
		const { db } = await world();
		const page = await listSchools(db, query(''), TODAY);
		expect(page.year).toBe(2019);
		expect(page.total).toBe(8);
		expect(page.rows.map((r) => r.name)).toEqual([
			'=HYPERLINK("http://evil.example")',
			'Ashdown Primary School',
			'Birchwood Primary School',
			'Cedar Primary School',
			'Dale Primary School',
			'Elm Primary School',
			'Fern Infant School',
			'Gone Primary School'
		]);
		const byUrn = new Map(page.rows.map((r) => [r.urn, r]));
		expect(byUrn.get(URNS.securePlus)).toMatchObject({ category: 'secure_plus', categoryStatus: 'agreed', qualityMarks: ['Basic Skills'] });
		expect(byUrn.get(URNS.intensive)).toMatchObject({ category: 'focus', categoryStatus: 'changed', linkAdviser: 'Ada Adviser' });
		expect(byUrn.get(URNS.secure)).toMatchObject({ category: 'secure', categoryStatus: 'proposed' });
		expect(byUrn.get(200001)).toMatchObject({ category: null, categoryStatus: null, linkAdviser: null });
		expect(page.options.las).toEqual([
			{ code: '888', name: 'Otherham' },
			{ code: '999', name: 'Testshire' }
		]);
		expect(page.options.phases).toEqual(['Primary', 'Secondary']);
		expect(page.options.advisers.map((a) => a.name)).toEqual(['Ada Adviser', 'Lena Lead', 'Otto Other']);
	});

	it('searches part of the name in any case, or the whole URN', async () => {
		const { db } = await world();
		expect(await urnsOf(db, 'q=PRIMARY+school')).toHaveLength(6);
		expect(await urnsOf(db, 'q=elm')).toEqual([URNS.focus]);
		expect(await urnsOf(db, `q=${URNS.infant}`)).toEqual([URNS.infant]);
		expect(await urnsOf(db, 'q=10000')).toEqual([]);
		expect(await urnsOf(db, 'q=%25')).toHaveLength(8);
	});

	it('filters by category, link adviser, LA and phase, and says when nothing matches', async () => {
		const { db, adviser } = await world();
		expect(await urnsOf(db, 'category=secure_plus')).toEqual([URNS.securePlus]);
		expect(await urnsOf(db, 'category=focus')).toEqual([URNS.intensive, URNS.focus]);
		// The closed school is not analysed, nor is the other LA's school.
		expect(await urnsOf(db, 'category=none')).toEqual([200001, 100007]);
		expect(await urnsOf(db, `adviser=${adviser.id}`)).toEqual([URNS.intensive, URNS.secure, URNS.securePlus]);
		expect(await urnsOf(db, 'adviser=none')).toEqual([200001, 100007]);
		expect(await urnsOf(db, 'la=888')).toEqual([200001]);
		expect(await urnsOf(db, 'phase=Secondary')).toEqual([200001]);
		expect(await urnsOf(db, `phase=Primary&category=secure&adviser=${adviser.id}`)).toEqual([URNS.secure]);
		expect((await listSchools(db, query('category=intensive'), TODAY)).total).toBe(0);
	});

	it('filters by DfE intervention status as of today, with the other filters, sorted and paged as ever', async () => {
		const { db, adviser } = await world();
		expect(await urnsOf(db, 'intervention=special_measures')).toEqual([]);
		await schoolsWithStatuses(db);
		expect(await urnsOf(db, 'intervention=special_measures')).toEqual([URNS.focus]);
		expect(await urnsOf(db, 'intervention=requires_significant_improvement')).toEqual([URNS.intensive]);
		expect(await urnsOf(db, 'intervention=rise_targeted')).toEqual([URNS.secure]);
		// Birchwood is Secure and stays Secure: the status sits beside the category, it does not replace it.
		expect(await urnsOf(db, 'intervention=rise_targeted&category=secure')).toEqual([URNS.secure]);
		expect(await urnsOf(db, `intervention=requires_significant_improvement&adviser=${adviser.id}`)).toEqual([URNS.intensive]);
		expect(await urnsOf(db, 'intervention=special_measures&q=ashdown')).toEqual([]);
		// Every row says its status, filtered or not.
		const rows = (await listSchools(db, query(''), TODAY)).rows;
		expect(Object.fromEntries(rows.filter((r) => r.intervention !== null).map((r) => [r.urn, r.intervention]))).toEqual({
			[URNS.intensive]: 'requires_significant_improvement',
			[URNS.focus]: 'special_measures',
			[URNS.secure]: 'rise_targeted'
		});
		expect(rows.find((r) => r.urn === URNS.secure)).toMatchObject({ category: 'secure', intervention: 'rise_targeted' });
	});

	it('pages and sorts a status filter on the server, counting only the schools that have it', async () => {
		const { db } = await world();
		await schoolsWithStatuses(db);
		// A second school requiring significant improvement: a report card with safeguarding not met.
		await addInspection(db, URNS.securePlus, {
			type: 'ofsted_report_card',
			date: '2026-10-01',
			areas: [{ area: 'Inclusion', grade: 'strong_standard' }],
			safeguardingMet: false
		});
		const search = 'intervention=requires_significant_improvement&sort=category&dir=desc';
		const [one, two] = await Promise.all([1, 2].map((page) => listSchools(db, { ...query(search), page }, TODAY, 1)));
		expect([one.total, one.pages, two.page]).toEqual([2, 2, 2]);
		// Ashdown (changed to Focus) needs more support than Cedar (Secure Plus).
		expect([...one.rows, ...two.rows].map((r) => r.urn)).toEqual([URNS.intensive, URNS.securePlus]);
		expect(await urnsOf(db, 'intervention=requires_significant_improvement&sort=category&dir=asc')).toEqual([URNS.securePlus, URNS.intensive]);
	});

	it('filters by Quality Mark status as shown today, including renewal due and lapsed worked out from the dates', async () => {
		const { db } = await world();
		expect(await urnsOf(db, 'qm=achieved')).toEqual([URNS.securePlus]);
		// Expires 1 February 2027: renewal is due from 1 August 2026.
		expect(await urnsOf(db, 'qm=renewal_due')).toEqual([URNS.secure]);
		expect(await urnsOf(db, 'qm=lapsed')).toEqual([URNS.lightTouch]);
		expect(await urnsOf(db, 'qm=registered')).toEqual([URNS.focus]);
		expect(await urnsOf(db, 'qm=not_engaged')).toEqual([200001, URNS.intensive, URNS.infant, 100007]);
	});

	it('filters by flags, each of which must hold', async () => {
		const { db } = await world();
		// Ashdown was below England in 2 of its 3 years; Elm in 2 of 3 as well.
		expect(await urnsOf(db, 'flag=below_2_of_3')).toEqual([URNS.intensive, URNS.focus]);
		// Fern is an infant school; the other LA's school and the closed one have no results at all.
		expect(await urnsOf(db, 'flag=no_ks2')).toEqual([200001, URNS.infant, 100007]);
		expect(await urnsOf(db, 'flag=needs_confirmation')).toEqual([URNS.infant]);
		// A lapsed award is no longer held; one due for renewal still is.
		expect(await urnsOf(db, 'flag=qm_holder')).toEqual([URNS.secure, URNS.securePlus]);
		expect(await urnsOf(db, 'flag=qm_holder&category=secure_plus')).toEqual([URNS.securePlus]);
		expect(await urnsOf(db, 'flag=qm_holder&flag=below_2_of_3')).toEqual([]);
		const rows = (await listSchools(db, query(''), TODAY)).rows;
		expect(rows.find((r) => r.urn === URNS.focus)?.flags).toEqual(['below_2_of_3']);
		expect(rows.find((r) => r.urn === URNS.infant)?.flags).toEqual(['no_ks2', 'needs_confirmation']);
		expect(rows.find((r) => r.urn === URNS.secure)?.flags).toEqual(['qm_holder']);
	});

	it('sorts by any column either way, by need for categories, with blanks last', async () => {
		const { db } = await world();
		expect(await urnsOf(db, 'sort=urn&dir=desc')).toEqual([200001, 100007, 100006, 100005, 100004, 100003, 100002, 100001]);
		expect((await listSchools(db, query('sort=name&dir=desc'), TODAY)).rows[0].name).toBe('Gone Primary School');
		const byNeed = await urnsOf(db, 'sort=category&dir=desc');
		expect(byNeed.slice(0, 2)).toEqual([URNS.intensive, URNS.focus]);
		expect(byNeed.slice(-2)).toEqual([200001, 100007]);
		const leastFirst = await urnsOf(db, 'sort=category&dir=asc');
		expect(leastFirst[0]).toBe(URNS.securePlus);
		expect(leastFirst.slice(-2)).toEqual([200001, 100007]);
		// Schools without a link adviser come last whichever way the column is sorted.
		expect((await urnsOf(db, 'sort=adviser&dir=asc')).slice(-2)).toEqual([200001, 100007]);
		expect((await urnsOf(db, 'sort=adviser&dir=desc')).slice(-2)).toEqual([200001, 100007]);
		expect((await urnsOf(db, 'sort=town&dir=desc')).at(-1)).toBe(200001);
	});

	it('pages on the server: fixed page size, no school twice, the last page clamped', async () => {
		const { db } = await world();
		const pages = [1, 2, 3].map((page) => listSchools(db, { ...query('sort=category&dir=desc'), page }, TODAY, 3));
		const [one, two, three] = await Promise.all(pages);
		expect([one.total, one.pages, one.pageSize]).toEqual([8, 3, 3]);
		expect([one.rows.length, two.rows.length, three.rows.length]).toEqual([3, 3, 2]);
		const all = [...one.rows, ...two.rows, ...three.rows].map((r) => r.urn);
		expect(new Set(all).size).toBe(8);
		expect(all).toEqual(await urnsOf(db, 'sort=category&dir=desc'));
		const beyond = await listSchools(db, { ...query(''), page: 99 }, TODAY, 3);
		expect(beyond.page).toBe(3);
		expect(beyond.rows).toHaveLength(2);
	});
});

describe('the school list in the URL', () => {
	it('leaves closed schools out unless asked for them, and then says they are closed; a disabled link adviser counts as none', async () => {
		const { db, adviser } = await world();
		await db.updateTable('schools').set({ status: 'Closed' }).where('urn', '=', 100007).execute();
		const open = await listSchools(db, query(''), TODAY);
		expect(open.total).toBe(7);
		expect(open.rows.map((r) => r.urn)).not.toContain(100007);
		expect((await allMatchingSchools(db, query(''), TODAY)).rows.map((r) => r.urn)).not.toContain(100007);
		const all = await listSchools(db, query('closed=include'), TODAY);
		expect(all.total).toBe(8);
		expect(all.rows.find((r) => r.urn === 100007)).toMatchObject({ name: 'Gone Primary School', closed: true });
		expect(all.rows.filter((r) => r.closed)).toHaveLength(1);
		expect((await allMatchingSchools(db, query('closed=include'), TODAY)).rows.map((r) => r.urn)).toContain(100007);

		// Ada's account disabled: her link schools are "without a link adviser" until an admin gives them another.
		expect(await urnsOf(db, 'adviser=none')).toEqual([200001]);
		await db.updateTable('users').set({ disabled_at: '2019-09-01T00:00:00Z' }).where('id', '=', adviser.id).execute();
		expect(await urnsOf(db, 'adviser=none')).toEqual([200001, URNS.intensive, URNS.secure, URNS.securePlus]);
	});

	it('reads filters from the URL, ignores what it does not know, and writes them back without defaults', () => {
		const q = parseListQuery(
			new URLSearchParams(
				'q=+elm+&category=focus&intervention=rise_targeted&moved=less&adviser=3&qm=lapsed&flag=no_ks2&flag=nonsense&flag=qm_holder&closed=include&sort=town&dir=desc&page=2'
			)
		);
		expect(q).toEqual({
			q: 'elm',
			category: 'focus',
			intervention: 'rise_targeted',
			moved: 'less',
			adviser: 3,
			la: '',
			phase: '',
			qm: 'lapsed',
			flags: ['no_ks2', 'qm_holder'],
			closed: true,
			sort: 'town',
			dir: 'desc',
			page: 2
		});
		expect(listSearch(q)).toBe(
			'?q=elm&category=focus&intervention=rise_targeted&moved=less&adviser=3&qm=lapsed&flag=no_ks2&flag=qm_holder&closed=include&sort=town&dir=desc&page=2'
		);
		expect(parseListQuery(new URLSearchParams(listSearch(q)))).toEqual(q);
		expect(parseListQuery(new URLSearchParams('category=great&intervention=failing&moved=sideways&adviser=-1&qm=gold&sort=drop+table&page=0'))).toEqual(
			parseListQuery(new URLSearchParams(''))
		);
		expect(listSearch(parseListQuery(new URLSearchParams('')))).toBe('');
	});

	it('builds sort links that turn the current column round, with aria-sort, and keeps the filters in every link', async () => {
		const { db } = await world();
		const view = await schoolListView(db, new URLSearchParams('category=focus&sort=name'), TODAY);
		expect(view.sortLinks.name).toMatchObject({ current: 'ascending', href: '/schools?category=focus&sort=name&dir=desc' });
		expect(view.sortLinks.urn).toMatchObject({ current: null, href: '/schools?category=focus&sort=urn&dir=asc' });
		expect(view.sortLinks.category).toMatchObject({ current: null, href: '/schools?category=focus&sort=category&dir=desc' });
		expect(view.exportHref).toBe('/schools/export.csv?category=focus');
		expect(view.filtered).toBe(true);
		const byStatus = await schoolListView(db, new URLSearchParams('intervention=special_measures&page=3'), TODAY);
		expect([byStatus.filtered, byStatus.exportHref]).toEqual([true, '/schools/export.csv?intervention=special_measures']);
		const paged = await schoolListView(db, new URLSearchParams('page=1'), TODAY);
		expect(paged.pages).toEqual({ previous: null, next: null });
	});

	it('works out when an award becomes due for renewal, month ends included', () => {
		expect(renewalDueCutoff('2026-11-22')).toBe('2027-05-22');
		// 31 August less 6 months is 28 February, so awards expiring up to the end of February are due.
		expect(renewalDueCutoff('2026-08-31')).toBe('2027-02-28');
		expect(renewalDueCutoff('2027-08-31')).toBe('2028-02-29');
	});
});

describe('numbers too large for a row id', () => {
	it('find nothing, on PostgreSQL as on SQLite, rather than failing', async () => {
		const db = await freshDb();
		await smallLa(db);
		const huge = 99_999_999_999;
		const view = await schoolListView(db, new URLSearchParams(`adviser=${huge}&page=${huge}`), TODAY);
		expect(view.list.rows.length).toBeGreaterThan(0);
		expect(await schoolRef(db, huge)).toBeUndefined();
		await expect(existingSchool(db, huge)).rejects.toThrow(`There is no school with URN ${huge}`);
	});
});

describe('the CSV export', () => {
	it('has every matching school (not one page), with formula-like cells neutralised and plain numbers kept', async () => {
		const { db } = await world();
		await db.updateTable('schools').set({ town: '-2+3' }).where('urn', '=', URNS.secure).execute();
		await db.updateTable('schools').set({ town: '@SUM(A1)' }).where('urn', '=', URNS.securePlus).execute();
		await db.updateTable('schools').set({ town: '\tTabbed' }).where('urn', '=', URNS.lightTouch).execute();
		await db.updateTable('schools').set({ town: '-3.5' }).where('urn', '=', URNS.focus).execute();
		await db.updateTable('schools').set({ town: '+44 cmd' }).where('urn', '=', URNS.infant).execute();
		const adviser = await addUser(db, 'adviser', '=cmd|calc');
		await db.updateTable('schools').set({ link_adviser_id: adviser.id }).where('urn', '=', 100007).execute();
		const { year, rows } = await allMatchingSchools(db, query(''), TODAY);
		const csv = schoolListCsv(rows, year);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('\r\n');
		const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
		expect(parsed[0]).toEqual([
			'URN',
			'School',
			'Local authority',
			'Phase',
			'Town',
			'Link adviser',
			'Category (2018/19 results)',
			'Category status',
			'DfE intervention status',
			'Below England in 2 of the last 3 years',
			'No KS2 data',
			'Needs confirmation by an adviser',
			'Quality Mark holder',
			'Quality Marks held'
		]);
		expect(parsed).toHaveLength(9);
		const row = (urn: number) => parsed.find((r) => r[0] === String(urn))!;
		expect(row(200001)[1]).toBe(`'=HYPERLINK("http://evil.example")`);
		expect(row(URNS.secure)[4]).toBe(`'-2+3`);
		expect(row(URNS.securePlus)[4]).toBe(`'@SUM(A1)`);
		expect(row(URNS.lightTouch)[4]).toBe(`'\tTabbed`);
		expect(row(URNS.infant)[4]).toBe(`'+44 cmd`);
		expect(row(URNS.focus)[4]).toBe('-3.5');
		expect(row(100007)[5]).toBe(`'=cmd|calc`);
		expect(row(URNS.securePlus).slice(6)).toEqual(['Secure Plus', 'Agreed', 'None', 'No', 'No', 'No', 'Yes', 'Basic Skills']);
		expect(row(URNS.infant).slice(9, 13)).toEqual(['No', 'Yes', 'Yes', 'No']);
	});

	it('exports the same filtered, sorted list as the page shows', async () => {
		const { db } = await world();
		const filtered = await allMatchingSchools(db, query('flag=below_2_of_3&sort=name&dir=desc&page=2'), TODAY);
		expect(filtered.rows.map((r) => r.urn)).toEqual([URNS.focus, URNS.intensive]);
	});

	it('has each school’s DfE intervention status, and exports a status filter', async () => {
		const { db } = await world();
		await schoolsWithStatuses(db);
		const statusOf = async (search: string) => {
			const { year, rows } = await allMatchingSchools(db, query(search), TODAY);
			const [header, ...body] = Papa.parse<string[]>(schoolListCsv(rows, year).slice(1).trimEnd(), { newline: '\r\n' }).data;
			const column = header.indexOf('DfE intervention status');
			return Object.fromEntries(body.map((r) => [r[0], r[column]]));
		};
		const all = await statusOf('');
		expect(Object.keys(all)).toHaveLength(8);
		expect([all[URNS.intensive], all[URNS.focus], all[URNS.secure], all[URNS.lightTouch]]).toEqual([
			'Requires significant improvement',
			'Special measures',
			'Eligible for RISE targeted intervention',
			'None'
		]);
		expect(await statusOf('intervention=rise_targeted')).toEqual({ [URNS.secure]: 'Eligible for RISE targeted intervention' });
	});
});
