import type { Db } from '../db';
import { stillOpen } from '../schools';
import type { Category } from '../../domain/analysis/categories';

/**
 * The agreed support category of every school for an analysis year (2019 = the 2018/19 results,
 * which set the support for 2019/20). Only categories a lead adviser has agreed are here: a
 * proposal or an adviser's change waiting for agreement is not. This is what the planner reads.
 */
export async function currentCategories(db: Db, year: number): Promise<Map<number, Category>> {
	const rows = await db
		.selectFrom('school_categories as c')
		.innerJoin('schools as s', 's.urn', 'c.urn')
		.select(['c.urn', 'c.category'])
		.where('c.year', '=', year)
		.where('c.agreed_at', 'is not', null)
		// Nothing is planned for a school closed since its category was agreed.
		.where(stillOpen('s.status'))
		.orderBy('c.urn')
		.execute();
	return new Map(rows.map((r) => [r.urn, r.category]));
}

export type CategoryStatus = 'proposed' | 'changed' | 'agreed';

export interface CategoryState {
	urn: number;
	year: number;
	/** The working category: the proposal, or what an adviser set instead. */
	category: Category;
	proposedCategory: Category;
	status: CategoryStatus;
	changedByAdviser: boolean;
	runId: number;
	agreedAt: string | null;
	agreedBy: string | null;
}

/** Where each school stands for a year, agreed or not. */
export async function categoryStates(db: Db, year: number, urn?: number): Promise<CategoryState[]> {
	let q = db
		.selectFrom('school_categories as c')
		.leftJoin('users as u', 'u.id', 'c.agreed_by')
		.select(['c.urn', 'c.year', 'c.category', 'c.proposed_category', 'c.changed_by_adviser', 'c.run_id', 'c.agreed_at', 'u.name as agreed_by_name'])
		.where('c.year', '=', year)
		.orderBy('c.urn');
	// One school's own page shows its category closed or not; lists and counts take in open schools only.
	if (urn !== undefined) q = q.where('c.urn', '=', urn);
	else q = q.where((eb) => eb.exists(eb.selectFrom('schools as s').select('s.urn').whereRef('s.urn', '=', 'c.urn').where(stillOpen('s.status'))));
	return (await q.execute()).map((r) => ({
		urn: r.urn,
		year: r.year,
		category: r.category,
		proposedCategory: r.proposed_category,
		status: r.agreed_at !== null ? 'agreed' : r.changed_by_adviser ? 'changed' : 'proposed',
		changedByAdviser: r.changed_by_adviser === 1,
		runId: r.run_id,
		agreedAt: r.agreed_at,
		agreedBy: r.agreed_by_name
	}));
}

/** The newest year for which a school (`urn`), or any school of the LAs given (`las`; null or absent: every LA), has a category, or null. */
export async function latestCategoryYear(db: Db, of: { urn?: number; las?: readonly string[] | null } = {}): Promise<number | null> {
	const { urn, las = null } = of;
	const row = await db
		.selectFrom('school_categories')
		.select((eb) => eb.fn.max('year').as('year'))
		.$if(urn !== undefined, (qb) => qb.where('urn', '=', urn!))
		// LAs may be analysed apart: a year only another LA has reached is not this one's latest.
		.$if(las !== null, (qb) =>
			qb.where('urn', 'in', (eb) =>
				eb
					.selectFrom('schools')
					.select('urn')
					.where('la_code', 'in', las!.length > 0 ? [...las!] : [''])
			)
		)
		.executeTakeFirst();
	return row?.year ?? null;
}
