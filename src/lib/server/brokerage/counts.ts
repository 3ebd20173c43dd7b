import type { Db } from '../db';
import { stillOpen } from '../schools';
import { latestCategoryYear } from '../analysis/categories';
import { NEEDING_CATEGORIES } from '../../domain/brokerage';
import { OPEN_STATUSES } from '../../domain/brokerage/partnership';

/**
 * For the overview: active partnerships, and schools in Light touch, Focus or Intensive support in
 * the latest year with categories that have no partnership proposed or under way, in the LAs given
 * (null: every LA). Counted in SQL; no matching is run.
 */
export async function supportCounts(db: Db, las: readonly string[] | null): Promise<{ active: number; withoutSupport: number; year: number | null }> {
	const year = await latestCategoryYear(db, { las });
	if (year === null) return { active: 0, withoutSupport: 0, year };
	const inLas = las === null ? null : las.length > 0 ? [...las] : [''];
	const [active, without] = await Promise.all([
		db
			.selectFrom('partnerships as p')
			.innerJoin('schools as s', 's.urn', 'p.supported_urn')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('p.status', '=', 'active')
			.where('p.year', '=', year)
			.$if(inLas !== null, (q) => q.where('s.la_code', 'in', inLas!))
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('school_categories as c')
			.innerJoin('schools as s', 's.urn', 'c.urn')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('c.year', '=', year)
			.where('c.category', 'in', [...NEEDING_CATEGORIES])
			.where(stillOpen('s.status'))
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('partnerships as p')
							.select('p.id')
							.whereRef('p.supported_urn', '=', 'c.urn')
							.where('p.year', '=', year)
							.where('p.status', 'in', OPEN_STATUSES)
					)
				)
			)
			.$if(inLas !== null, (q) => q.where('s.la_code', 'in', inLas!))
			.executeTakeFirstOrThrow()
	]);
	return { active: Number(active.n), withoutSupport: Number(without.n), year };
}
