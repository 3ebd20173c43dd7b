/**
 * What the desktop analysis page shows of a year's categories: one of its three lists at a time,
 * searched, filtered and cut into pages, with everything in the URL so a link, the back button and
 * every action return to the same place.
 */
import { CATEGORIES, isCategory, type Category } from './categories';

/** The page's three lists, in the order a lead adviser works through them. */
export const MODERATION_LISTS = ['first', 'waiting', 'agreed'] as const;
export type ModerationList = (typeof MODERATION_LISTS)[number];
export const MODERATION_LIST_TITLES: Record<ModerationList, string> = {
	first: 'Look at these first',
	waiting: 'Ready to agree',
	agreed: 'Agreed'
};

/** What the view needs of each school's category. */
export interface ModerationRow {
	urn: number;
	name: string;
	linkAdviserId: number | null;
	category: Category;
	status: 'proposed' | 'changed' | 'agreed';
	lastYear: Category | null;
	needsConfirmation: boolean;
	attention: readonly string[];
}

export interface ModerationQuery {
	list: ModerationList;
	/** Part of a school's name or its URN. */
	q: string;
	category: Category | null;
	needsConfirmation: boolean;
	/** Only schools whose category differs from last year's agreed one. */
	changedSinceLastYear: boolean;
	/** A link adviser's id, 'none' for schools without one, or null for any. */
	adviser: number | 'none' | null;
	page: number;
}

export const MODERATION_PAGE_SIZE = 50;

/**
 * How many categories wait to be agreed, in the words the overview uses, and how the two lists
 * before "Agreed" share them.
 */
export function waitingSentence(counts: Record<ModerationList, number>, filtered: boolean): string {
	const total = counts.first + counts.waiting;
	const where = filtered ? ' in this selection' : '';
	if (total === 0) return `No category is waiting to be agreed${where}.`;
	const are = total === 1 ? 'category is' : 'categories are';
	return `${total} ${are} waiting to be agreed${where}: ${counts.first} to look at first, with something to check, and ${counts.waiting} ready to agree.`;
}

export function listOf(row: Pick<ModerationRow, 'status' | 'attention'>): ModerationList {
	return row.status === 'agreed' ? 'agreed' : row.attention.length > 0 ? 'first' : 'waiting';
}

/** The query a URL asks for; anything not understood is left out rather than refused. */
export function parseModerationQuery(params: URLSearchParams): ModerationQuery {
	const list = params.get('list');
	const category = params.get('category') ?? '';
	const adviser = params.get('adviser') ?? '';
	const adviserId = Number(adviser);
	const page = Number(params.get('page'));
	return {
		list: (MODERATION_LISTS as readonly string[]).includes(list ?? '') ? (list as ModerationList) : 'first',
		q: (params.get('q') ?? '').trim().slice(0, 100),
		category: isCategory(category) ? category : null,
		needsConfirmation: params.get('needs') === 'confirmation',
		changedSinceLastYear: params.get('changed') === 'yes',
		adviser: adviser === 'none' ? 'none' : Number.isInteger(adviserId) && adviserId > 0 ? adviserId : null,
		page: Number.isInteger(page) && page > 1 ? page : 1
	};
}

/** The URL's query for `query` with `year`, leaving out what is at its default. */
export function moderationSearch(year: number, query: ModerationQuery): string {
	const p = new URLSearchParams({ year: String(year) });
	if (query.list !== 'first') p.set('list', query.list);
	if (query.q) p.set('q', query.q);
	if (query.category) p.set('category', query.category);
	if (query.needsConfirmation) p.set('needs', 'confirmation');
	if (query.changedSinceLastYear) p.set('changed', 'yes');
	if (query.adviser !== null) p.set('adviser', String(query.adviser));
	if (query.page > 1) p.set('page', String(query.page));
	return `?${p}`;
}

/** Whether anything but the list and the page narrows what is shown. */
export function isFiltered(query: ModerationQuery): boolean {
	return query.q !== '' || query.category !== null || query.needsConfirmation || query.changedSinceLastYear || query.adviser !== null;
}

function matches(row: ModerationRow, query: ModerationQuery): boolean {
	const q = query.q.toLowerCase();
	if (q && !row.name.toLowerCase().includes(q) && String(row.urn) !== q) return false;
	if (query.category && row.category !== query.category) return false;
	if (query.needsConfirmation && !row.needsConfirmation) return false;
	if (query.changedSinceLastYear && (row.lastYear === null || row.lastYear === row.category)) return false;
	if (query.adviser === 'none' && row.linkAdviserId !== null) return false;
	if (typeof query.adviser === 'number' && row.linkAdviserId !== query.adviser) return false;
	return true;
}

export interface ModerationView<T> {
	/** How many schools of each list match the filters. */
	counts: Record<ModerationList, number>;
	/** The page asked for of the chosen list (the last page when asked for one past it). */
	rows: T[];
	page: number;
	pages: number;
	/** The rows' positions in the list, from 1, for "Showing 51 to 100 of 212". */
	from: number;
	to: number;
}

/** Filters the rows (already in working order), counts each list, and cuts the chosen one to a page. */
export function moderationView<T extends ModerationRow>(rows: readonly T[], query: ModerationQuery, pageSize = MODERATION_PAGE_SIZE): ModerationView<T> {
	const counts: Record<ModerationList, number> = { first: 0, waiting: 0, agreed: 0 };
	const chosen: T[] = [];
	for (const row of rows) {
		if (!matches(row, query)) continue;
		const list = listOf(row);
		counts[list] += 1;
		if (list === query.list) chosen.push(row);
	}
	const pages = Math.max(1, Math.ceil(chosen.length / pageSize));
	const page = Math.min(query.page, pages);
	const start = (page - 1) * pageSize;
	const shown = chosen.slice(start, start + pageSize);
	return { counts, rows: shown, page, pages, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/** How many of `rows` fall in each category, most support first, leaving out categories with none. */
export function countsByCategory(rows: readonly Pick<ModerationRow, 'category'>[]): { category: Category; count: number }[] {
	return [...CATEGORIES]
		.reverse()
		.map((category) => ({ category, count: rows.filter((r) => r.category === category).length }))
		.filter((c) => c.count > 0);
}
