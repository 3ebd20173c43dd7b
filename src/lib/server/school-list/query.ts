import { addDays, format } from 'date-fns';
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../db';
import { latestCategoryYear, type CategoryStatus } from '../analysis/categories';
import { interventionStatuses, urnsWithStatus, type Intervention, type InterventionStatus } from '../intervention';
import { listFrameworks } from '../quality-mark/frameworks';
import { CATEGORIES, type Category } from '../../domain/analysis/categories';
import { RENEWAL_NOTICE_MONTHS } from '../../domain/quality-mark';
import { addMonthsIso, subMonthsIso } from '../../domain/quality-mark/iso-date';
import { ADVISER_ROLES } from '../../domain/access';
import type { Flag, SchoolListQuery, SortKey } from './params';
import type { Movement } from '../../domain/la-comparison';
import { keepUsers, usersServing } from '../la-scope';
import { isClosed, stillOpen, withoutActiveLinkAdviser } from '../schools';

/*
 * The school list as filtered, sorted, paginated queries, so it stays fast with an England-sized
 * register: nothing is loaded to be filtered in JavaScript. Categories are each school's working
 * category for the latest analysed year. Flags read what the engine found for that category's
 * run, kept in columns beside its stored result (migration 0029).
 */

export const PAGE_SIZE = 50;

export interface SchoolListRow {
	urn: number;
	name: string;
	laName: string | null;
	phase: string | null;
	town: string | null;
	linkAdviser: string | null;
	category: Category | null;
	categoryStatus: CategoryStatus | null;
	/** DfE's intervention status as of today, beside the category (never changing it). */
	intervention: InterventionStatus | null;
	flags: Flag[];
	/** Short names of the Quality Marks the school holds today. */
	qualityMarks: string[];
	/** Closed in the register (listed only when asked for). */
	closed: boolean;
}

export interface FilterOptions {
	advisers: { id: number; name: string }[];
	/** Every LA in the register; the filter is shown only when there are several. */
	las: { code: string; name: string }[];
	phases: string[];
}

export interface SchoolListPage {
	rows: SchoolListRow[];
	total: number;
	page: number;
	pages: number;
	pageSize: number;
	/** The analysis year the categories are from, or null before the first run. */
	year: number | null;
	options: FilterOptions;
}

type Schools = Database & { s: Database['schools'] };
type Eb = ExpressionBuilder<Schools, 's'>;

/*
 * Every filter and sort is a condition on `schools as s` alone, reaching the school's category
 * row (c), its run's result (r) and its link adviser through correlated subqueries. So counting
 * the matches touches nothing but the tables a filter needs, and a page is sorted and cut before
 * anything else about its schools is read.
 */

/** The school's category row for the year. */
function categoryOf(eb: Eb, year: number | null) {
	return eb
		.selectFrom('school_categories as c')
		.whereRef('c.urn', '=', 's.urn')
		.where('c.year', '=', year ?? -1);
}

/** The school's category row with the engine's result from that category's run. */
function resultOf(eb: Eb, year: number | null) {
	return categoryOf(eb, year).innerJoin('analysis_results as r', (j) => j.onRef('r.run_id', '=', 'c.run_id').onRef('r.urn', '=', 'c.urn'));
}

/**
 * The last expiry date whose renewal is already due on `today`: an achieved award shows as
 * renewal due from 6 months before it expires (see effectiveStatus). Month ends make the step
 * back uneven (31 August less 6 months is 28 February), so walk forward to the last day that fits.
 */
export function renewalDueCutoff(today: string): string {
	let last = addMonthsIso(today, RENEWAL_NOTICE_MONTHS);
	for (;;) {
		const next = format(addDays(new Date(`${last}T12:00:00`), 1), 'yyyy-MM-dd');
		if (subMonthsIso(next, RENEWAL_NOTICE_MONTHS) > today) return last;
		last = next;
	}
}

/** Holds an award today (any framework), whatever stage a renewal is at. */
function holdsQualityMark(eb: Eb, today: string) {
	return eb.exists(
		eb.selectFrom('quality_marks as q').select('q.id').whereRef('q.urn', '=', 's.urn').where('q.award_date', '<=', today).where('q.expiry_date', '>=', today)
	);
}

/** Has a Quality Mark showing `status` today under any framework; renewal due and lapsed follow from the dates. */
function qualityMarkStatus(eb: Eb, status: SchoolListQuery['qm'], today: string) {
	const records = eb.selectFrom('quality_marks as q').select('q.id').whereRef('q.urn', '=', 's.urn');
	if (status === 'not_engaged') return eb.not(eb.exists(records.where('q.status', '!=', 'not_engaged')));
	const cutoff = renewalDueCutoff(today);
	if (status === 'lapsed') return eb.exists(records.where('q.status', '=', 'achieved').where('q.expiry_date', '<', today));
	if (status === 'renewal_due')
		return eb.exists(records.where('q.status', '=', 'achieved').where('q.expiry_date', '>=', today).where('q.expiry_date', '<=', cutoff));
	if (status === 'achieved')
		return eb.exists(records.where('q.status', '=', 'achieved').where((w) => w.or([w('q.expiry_date', 'is', null), w('q.expiry_date', '>', cutoff)])));
	return eb.exists(records.where('q.status', '=', status as Exclude<typeof status, ''>));
}

function hasFlag(eb: Eb, flag: Flag, year: number | null, today: string) {
	switch (flag) {
		case 'below_2_of_3':
			// A second year below England in the engine's persistence signal, kept beside the result.
			return eb.exists(resultOf(eb, year).select('r.urn').where('r.below_two_years', '=', 1));
		case 'no_ks2':
			// The engine found no KS2 data; or, for a school not analysed yet, there are no results at all.
			return eb.or([
				eb.exists(resultOf(eb, year).select('r.urn').where('r.no_ks2_data', '=', 1)),
				eb.and([
					eb.not(eb.exists(resultOf(eb, year).select('r.urn'))),
					eb.not(eb.exists(eb.selectFrom('ks2_results as k').select('k.urn').whereRef('k.urn', '=', 's.urn')))
				])
			]);
		case 'needs_confirmation':
			return eb.exists(resultOf(eb, year).select('r.urn').where('r.needs_confirmation', '=', 1).where('c.agreed_at', 'is', null));
		case 'qm_holder':
			return holdsQualityMark(eb, today);
	}
}

/** Part of the name in any case, or the whole URN. `%` and `_` are LIKE wildcards, so they are dropped. */
function searchTerm(eb: Eb, q: string) {
	const term = q.replace(/[%_]/g, '').toLowerCase();
	const byName = eb(eb.fn('lower', ['s.name']), 'like', `%${term}%`);
	return /^\d{1,9}$/.test(term) ? eb.or([byName, eb('s.urn', '=', Number(term))]) : byName;
}

/**
 * Every school that matches the search and filters. A DfE intervention status is worked out from
 * the register, not stored, so that filter arrives as the URNs that have it (`withStatus`).
 */
function filtered(db: Db, query: SchoolListQuery, year: number | null, today: string, withStatus: readonly number[] | null) {
	let q = db.selectFrom('schools as s');
	if (!query.closed) q = q.where(stillOpen('s.status'));
	const served = query.served ?? null;
	if (served !== null) q = q.where('s.la_code', 'in', served);
	if (withStatus !== null) q = withStatus.length > 0 ? q.where('s.urn', 'in', withStatus) : q.where(sql<boolean>`1 = 0`);
	if (query.q) q = q.where((eb) => searchTerm(eb, query.q));
	if (query.category === 'none') q = q.where((eb) => eb.not(eb.exists(categoryOf(eb, year).select('c.urn'))));
	else if (query.category) {
		const category = query.category;
		q = q.where((eb) => eb.exists(categoryOf(eb, year).select('c.urn').where('c.category', '=', category)));
	}
	if (query.moved) {
		const moved = query.moved;
		q = q.where((eb) => movedSince(eb, year, moved));
	}
	if (query.adviser === 'none') q = q.where(withoutActiveLinkAdviser('s.link_adviser_id'));
	else if (query.adviser !== null) q = q.where('s.link_adviser_id', '=', query.adviser);
	if (query.la) q = q.where('s.la_code', '=', query.la);
	if (query.phase) q = q.where('s.phase', '=', query.phase);
	if (query.qm) q = q.where((eb) => qualityMarkStatus(eb, query.qm, today));
	for (const flag of query.flags) q = q.where((eb) => hasFlag(eb, flag, year, today));
	return q;
}

/** A category's rank (CATEGORIES order), so sorting by category sorts by how much support; null when not analysed. */
function categoryRank(eb: Eb, year: number | null) {
	return categoryOf(eb, year).select((cb) => {
		const [first, ...rest] = CATEGORIES;
		let rank = cb.case().when('c.category', '=', first).then(0);
		rest.forEach((category, i) => (rank = rank.when('c.category', '=', category).then(i + 1)));
		return rank.else(CATEGORIES.length).end().as('rank');
	});
}

/** Schools whose category this year moved from last year's as asked (la-comparison.ts `movement`). */
function movedSince(eb: Eb, year: number | null, moved: Movement) {
	const now = categoryRank(eb, year);
	const before = categoryRank(eb, year === null ? null : year - 1);
	if (moved === 'new')
		return eb.and([eb.exists(categoryOf(eb, year).select('c.urn')), eb.not(eb.exists(categoryOf(eb, year === null ? null : year - 1).select('c.urn')))]);
	return eb(now, moved === 'more' ? '>' : moved === 'less' ? '<' : '=', before);
}

const adviserName = (eb: Eb) => eb.selectFrom('users as a').select('a.name').whereRef('a.id', '=', 's.link_adviser_id');

/** Sorted by the chosen column, blanks last either way, then by name and URN so pages never overlap. */
function sorted<O>(q: SelectQueryBuilder<Schools, 's', O>, sort: SortKey, dir: 'asc' | 'desc', year: number | null): SelectQueryBuilder<Schools, 's', O> {
	let out = q;
	if (sort === 'category') {
		out = out.orderBy((eb) => eb(categoryRank(eb, year), 'is', null)).orderBy((eb) => categoryRank(eb, year), dir);
	} else if (sort === 'adviser') {
		out = out.orderBy((eb) => eb('s.link_adviser_id', 'is', null)).orderBy((eb) => adviserName(eb), dir);
	} else if (sort === 'phase' || sort === 'town') {
		const column = sort === 'phase' ? 's.phase' : 's.town';
		out = out.orderBy((eb) => eb(column, 'is', null)).orderBy(column, dir);
	} else if (sort === 'urn') {
		out = out.orderBy('s.urn', dir);
	}
	return out.orderBy('s.name', sort === 'name' ? dir : 'asc').orderBy('s.urn', sort === 'name' ? dir : 'asc');
}

function statusOf(agreedAt: string | null, changed: number | null): CategoryStatus {
	return agreedAt !== null ? 'agreed' : changed === 1 ? 'changed' : 'proposed';
}

/**
 * The URNs of one page, in the list's order. Only URNs are sorted and paged; the rest of each
 * row is read for the page's schools alone, so a deep page of a big register stays cheap.
 */
async function pageOfUrns(
	db: Db,
	query: SchoolListQuery,
	year: number | null,
	today: string,
	withStatus: readonly number[] | null,
	limit: number | null,
	offset: number
): Promise<number[]> {
	let q = sorted(filtered(db, query, year, today, withStatus).select('s.urn'), query.sort, query.dir, year);
	if (limit !== null) q = q.limit(limit).offset(offset);
	return (await q.execute()).map((r) => r.urn);
}

async function countMatching(db: Db, query: SchoolListQuery, year: number | null, today: string, withStatus: readonly number[] | null): Promise<number> {
	const row = await filtered(db, query, year, today, withStatus)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Everything a row shows, for these schools, in the order given. `statuses`: every school's already, or null to read these schools'. */
async function rowsFor(
	db: Db,
	urns: number[],
	year: number | null,
	today: string,
	statuses: ReadonlyMap<number, Intervention> | null
): Promise<SchoolListRow[]> {
	if (urns.length === 0) return [];
	const [rows, flagged, frameworks, held, interventions] = await Promise.all([
		db
			.selectFrom('schools as s')
			.leftJoin('school_categories as c', (j) => j.onRef('c.urn', '=', 's.urn').on('c.year', '=', year ?? -1))
			.leftJoin('users as a', 'a.id', 's.link_adviser_id')
			.select(['s.urn', 's.name', 's.la_name', 's.phase', 's.town', 's.status', 'a.name as adviser', 'c.category', 'c.agreed_at', 'c.changed_by_adviser'])
			.where('s.urn', 'in', urns)
			.execute(),
		db
			.selectFrom('schools as s')
			.select((eb) => [
				's.urn',
				hasFlag(eb, 'below_2_of_3', year, today).as('below'),
				hasFlag(eb, 'no_ks2', year, today).as('noKs2'),
				hasFlag(eb, 'needs_confirmation', year, today).as('confirm')
			])
			.where('s.urn', 'in', urns)
			.execute(),
		listFrameworks(db),
		db
			.selectFrom('quality_marks')
			.select(['urn', 'framework_key'])
			.where('urn', 'in', urns)
			.where('award_date', '<=', today)
			.where('expiry_date', '>=', today)
			.orderBy('framework_key')
			.execute(),
		statuses ?? interventionStatuses(db, today, urns)
	]);
	const shortName = new Map(frameworks.map((f) => [f.key, f.shortName]));
	const byUrn = new Map(rows.map((r) => [r.urn, r]));
	const flagsOf = new Map(flagged.map((f) => [f.urn, f]));
	return urns.map((urn) => {
		const r = byUrn.get(urn)!;
		const f = flagsOf.get(urn)!;
		const qualityMarks = held.filter((h) => h.urn === urn).map((h) => shortName.get(h.framework_key) ?? h.framework_key);
		const flags: Flag[] = [];
		if (f.below) flags.push('below_2_of_3');
		if (f.noKs2) flags.push('no_ks2');
		if (f.confirm) flags.push('needs_confirmation');
		if (qualityMarks.length > 0) flags.push('qm_holder');
		return {
			urn,
			name: r.name,
			laName: r.la_name,
			phase: r.phase,
			town: r.town,
			linkAdviser: r.adviser,
			category: r.category ?? null,
			categoryStatus: r.category ? statusOf(r.agreed_at, r.changed_by_adviser) : null,
			intervention: interventions.get(urn)?.status ?? null,
			flags,
			qualityMarks,
			closed: isClosed(r.status)
		};
	});
}

/** `served`: the LAs of the person asking (access.ts `servedLas`), null for every LA; it limits the LAs and advisers offered. */
export async function filterOptions(db: Db, served: readonly string[] | null = null): Promise<FilterOptions> {
	const [allAdvisers, serving, groups] = await Promise.all([
		db.selectFrom('users').select(['id', 'name']).where('role', 'in', ADVISER_ROLES).where('disabled_at', 'is', null).orderBy('name').execute(),
		usersServing(db, served),
		// One pass over the register for both lists.
		db
			.selectFrom('schools')
			.select(['la_code', 'la_name', 'phase'])
			.$if(served !== null, (qb) => qb.where('la_code', 'in', served!))
			.groupBy(['la_code', 'la_name', 'phase'])
			.execute()
	]);
	const advisers = keepUsers(serving, allAdvisers);
	const las = new Map<string, string>();
	const phases = new Set<string>();
	for (const g of groups) {
		if (g.la_code !== null && !las.has(g.la_code)) las.set(g.la_code, g.la_name ?? `LA ${g.la_code}`);
		if (g.phase !== null) phases.add(g.phase);
	}
	return {
		advisers,
		las: [...las].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code)),
		phases: [...phases].sort()
	};
}

/**
 * Filtering by DfE intervention status needs every school's status first (one register query);
 * without that filter, only the shown schools' statuses are read, with their rows.
 */
async function statusFilter(db: Db, query: SchoolListQuery, today: string) {
	if (!query.intervention) return { statuses: null, withStatus: null };
	const statuses = await interventionStatuses(db, today);
	return { statuses, withStatus: urnsWithStatus(statuses, query.intervention) };
}

/** One page of the filtered, sorted list, with how many schools match and what the filters can choose from. */
export async function listSchools(db: Db, query: SchoolListQuery, today: string, pageSize = PAGE_SIZE): Promise<SchoolListPage> {
	const [year, { statuses, withStatus }] = await Promise.all([latestCategoryYear(db, { las: query.served ?? null }), statusFilter(db, query, today)]);
	const total = await countMatching(db, query, year, today, withStatus);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	// Past the end (an old link, or schools since removed): show the last page there is.
	const page = Math.min(query.page, pages);
	const urns = await pageOfUrns(db, query, year, today, withStatus, pageSize, (page - 1) * pageSize);
	const [rows, options] = await Promise.all([rowsFor(db, urns, year, today, statuses), filterOptions(db, query.served ?? null)]);
	return { rows, total, page, pages, pageSize, year, options };
}

/** Every school that matches, in the list's order: the CSV export. */
export async function allMatchingSchools(db: Db, query: SchoolListQuery, today: string): Promise<{ year: number | null; rows: SchoolListRow[] }> {
	// Every school's status at once, whether or not it filters: the export has a column for it.
	const [year, statuses] = await Promise.all([latestCategoryYear(db, { las: query.served ?? null }), interventionStatuses(db, today)]);
	const withStatus = query.intervention ? urnsWithStatus(statuses, query.intervention) : null;
	const urns = await pageOfUrns(db, query, year, today, withStatus, null, 0);
	const rows: SchoolListRow[] = [];
	for (let i = 0; i < urns.length; i += 500) rows.push(...(await rowsFor(db, urns.slice(i, i + 500), year, today, statuses)));
	return { year, rows };
}
