import type { Db } from '../db';
import { categoryStates, latestCategoryYear, type CategoryState } from './categories';
import { categoryHistory, type HistoryStep } from './moderation';
import { can, type Actor, type School } from '../../domain/access';
import { runResults } from './runs';
import { schoolRegister, type RegisterEntryView } from '../soft-intelligence/repository';
import type { CategoriseResult } from '../../domain/analysis/engine';

export interface SchoolCategoryView {
	state: CategoryState;
	result: CategoriseResult | null;
	/** Last year's agreed category, for context. */
	lastYear: CategoryState | null;
}

export interface SchoolAnalysisView {
	category: SchoolCategoryView | null;
	history: HistoryStep[];
	/** Null for headteachers: the register is the advisers' working record. */
	register: RegisterEntryView[] | null;
	can: { changeCategory: boolean; agree: boolean; keepRegister: boolean };
}

/** Everything /schools/[urn] shows about the analysis, and what this person may do there. */
export async function schoolAnalysisView(db: Db, actor: Actor, school: School): Promise<SchoolAnalysisView> {
	const urn = school.urn;
	const year = await latestCategoryYear(db, { urn });
	let category: SchoolCategoryView | null = null;
	if (year !== null) {
		const [state] = await categoryStates(db, year, urn);
		const [lastYear] = await categoryStates(db, year - 1, urn);
		const result = (await runResults(db, state.runId, [urn])).get(urn) ?? null;
		category = { state, result, lastYear: lastYear?.status === 'agreed' ? lastYear : null };
	}
	return {
		category,
		history: await categoryHistory(db, urn),
		register: can(actor, 'school.seeWorking', school) ? await schoolRegister(db, urn) : null,
		can: {
			changeCategory: category !== null && can(actor, 'category.change', school),
			agree: category !== null && category.state.status !== 'agreed' && can(actor, 'category.agree', school),
			keepRegister: can(actor, 'register.keep', school)
		}
	};
}
