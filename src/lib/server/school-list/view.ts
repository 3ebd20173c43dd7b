import type { Db } from '../db';
import { FLAG_LABELS, FLAGS, isFiltered, listSearch, parseListQuery, type Flag, type SchoolListQuery, type SortKey } from './params';
import { listSchools, type SchoolListPage } from './query';

/** A column heading that sorts the list: where it links, and how it is sorted now (for aria-sort). */
export interface SortLink {
	key: SortKey;
	label: string;
	href: string;
	/** The column's aria-sort; null on columns the list is not sorted by. */
	current: 'ascending' | 'descending' | null;
	/** What following the link does, for screen readers. */
	action: string;
}

export interface SchoolListView {
	query: SchoolListQuery;
	filtered: boolean;
	list: SchoolListPage;
	sortLinks: Record<SortKey, SortLink>;
	pages: { previous: string | null; next: string | null };
	exportHref: string;
	flagOptions: { value: Flag; label: string }[];
}

const COLUMNS: Record<SortKey, string> = { name: 'School', urn: 'URN', phase: 'Phase', town: 'Town', adviser: 'Link adviser', category: 'Category' };
const ORDER_WORDS: Record<SortKey, [string, string]> = {
	name: ['A to Z', 'Z to A'],
	urn: ['lowest first', 'highest first'],
	phase: ['A to Z', 'Z to A'],
	town: ['A to Z', 'Z to A'],
	adviser: ['A to Z', 'Z to A'],
	category: ['least support first', 'most support first']
};

/** Everything /schools shows: one page of schools, and every link on the page already built from the URL. */
/** `served`: the LAs of the person asking (access.ts `servedLas`), null for every LA. */
export async function schoolListView(db: Db, params: URLSearchParams, today: string, served: readonly string[] | null = null): Promise<SchoolListView> {
	const query = { ...parseListQuery(params), served };
	const list = await listSchools(db, query, today);
	const here = { ...query, page: list.page };
	const sortLinks = Object.fromEntries(
		(Object.keys(COLUMNS) as SortKey[]).map((key) => {
			const active = query.sort === key;
			// A new column starts ascending, except category, where most support first is what people want.
			const dir = active ? (query.dir === 'asc' ? 'desc' : 'asc') : key === 'category' ? 'desc' : 'asc';
			const link: SortLink = {
				key,
				label: COLUMNS[key],
				href: `/schools${listSearch(here, { sort: key, dir, page: 1 })}`,
				current: active ? (query.dir === 'asc' ? 'ascending' : 'descending') : null,
				action: `sort by ${COLUMNS[key].toLowerCase()}, ${ORDER_WORDS[key][dir === 'asc' ? 0 : 1]}`
			};
			return [key, link];
		})
	) as Record<SortKey, SortLink>;
	return {
		query: here,
		filtered: isFiltered(query),
		list,
		sortLinks,
		pages: {
			previous: list.page > 1 ? `/schools${listSearch(here, { page: list.page - 1 })}` : null,
			next: list.page < list.pages ? `/schools${listSearch(here, { page: list.page + 1 })}` : null
		},
		exportHref: `/schools/export.csv${listSearch(here, { page: 1 })}`,
		flagOptions: FLAGS.map((value) => ({ value, label: FLAG_LABELS[value] }))
	};
}
