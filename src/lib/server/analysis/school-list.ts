import type { Db } from '../db';
import type { Category } from '../../domain/analysis/categories';
import type { CategoryStatus } from './categories';

export interface SchoolListRow {
	urn: number;
	name: string;
	phase: string | null;
	town: string | null;
	linkAdviser: string | null;
	category: Category | null;
	categoryStatus: CategoryStatus | null;
}

export interface SchoolListPage {
	rows: SchoolListRow[];
	total: number;
	page: number;
	pages: number;
	pageSize: number;
	/** The analysis year the categories are from, or null before the first run. */
	year: number | null;
}

export const SCHOOL_PAGE_SIZE = 50;

/**
 * One page of the register, by name, with each school's category for the latest analysed year.
 * `search` matches part of the name (any case) or the whole URN.
 */
export async function searchSchools(db: Db, options: { search?: string; page?: number; pageSize?: number } = {}): Promise<SchoolListPage> {
	const pageSize = options.pageSize ?? SCHOOL_PAGE_SIZE;
	// % and _ are LIKE wildcards; a search for them is a search for nothing in particular.
	const term = (options.search ?? '').trim().replace(/[%_]/g, '').toLowerCase();
	const latest = await db.selectFrom('school_categories').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
	const year = latest?.year ?? null;
	const filtered = () => {
		let q = db.selectFrom('schools as s');
		if (term !== '') {
			q = q.where((eb) => {
				const byName = eb(eb.fn('lower', ['s.name']), 'like', `%${term}%`);
				return /^\d{1,9}$/.test(term) ? eb.or([byName, eb('s.urn', '=', Number(term))]) : byName;
			});
		}
		return q;
	};
	const count = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const total = Number(count.n);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
	const rows = await filtered()
		.leftJoin('users as a', 'a.id', 's.link_adviser_id')
		.leftJoin('school_categories as c', (j) => j.onRef('c.urn', '=', 's.urn').on('c.year', '=', year ?? -1))
		.select(['s.urn', 's.name', 's.phase', 's.town', 'a.name as adviser', 'c.category', 'c.agreed_at', 'c.changed_by_adviser'])
		.orderBy('s.name')
		.orderBy('s.urn')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return {
		rows: rows.map((r) => ({
			urn: r.urn,
			name: r.name,
			phase: r.phase,
			town: r.town,
			linkAdviser: r.adviser,
			category: r.category ?? null,
			categoryStatus: r.category ? (r.agreed_at ? 'agreed' : r.changed_by_adviser ? 'changed' : 'proposed') : null
		})),
		total,
		page,
		pages,
		pageSize,
		year
	};
}
