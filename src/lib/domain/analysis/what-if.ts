import { CATEGORIES, categoryRank, type Category } from './categories';
import { categorise, type CategoriseInput, type FiredRule } from './engine';
import type { Policy } from './policy';
import type { RuleId } from './rule-catalogue';

export interface SchoolMove {
	urn: number;
	name: string;
	from: Category;
	to: Category;
	/** The draft's reasons: every rule that fired under it, the deciding one first. */
	reasons: FiredRule[];
	decidingRule: RuleId | null;
}

export interface PolicyComparison {
	/** matrix[from][to] counts schools, rows and columns in CATEGORIES order (Secure Plus first). */
	matrix: number[][];
	current: Record<Category, number>;
	draft: Record<Category, number>;
	/** Schools whose category changes, most support first, then by name: the order never depends on input order. */
	moved: SchoolMove[];
	total: number;
}

function emptyCounts(): Record<Category, number> {
	return { secure_plus: 0, secure: 0, light_touch: 0, focus: 0, intensive: 0 };
}

/** The what-if tool: what a draft policy would do to every school, before anyone adopts it. */
export function comparePolicies(inputs: readonly CategoriseInput[], current: Policy, draft: Policy): PolicyComparison {
	const matrix = CATEGORIES.map(() => CATEGORIES.map(() => 0));
	const counts = { current: emptyCounts(), draft: emptyCounts() };
	const moved: SchoolMove[] = [];
	for (const input of inputs) {
		const before = categorise(input, current);
		const after = categorise(input, draft);
		matrix[categoryRank(before.category)][categoryRank(after.category)]++;
		counts.current[before.category]++;
		counts.draft[after.category]++;
		if (before.category === after.category) continue;
		const { urn, name, firedRules, decidingRule } = after;
		moved.push({ urn, name, from: before.category, to: after.category, reasons: firedRules, decidingRule });
	}
	moved.sort((a, b) => categoryRank(b.to) - categoryRank(a.to) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.urn - b.urn));
	return { matrix, current: counts.current, draft: counts.draft, moved, total: inputs.length };
}
