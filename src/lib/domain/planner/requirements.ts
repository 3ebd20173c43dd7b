import { halfTermIndex, type HalfTermId } from '../calendar/half-terms';
import type { Category } from '../analysis/categories';
import { occurrenceWindow, type EngagementTemplate } from './templates';

/**
 * One engagement a school in a category must have: occurrence `sequence` of a template, with
 * its share of the window and the order links to the others. The planner and the move check
 * both work from these, so they agree on what "in order" means.
 */
export interface Requirement {
	template: EngagementTemplate;
	/** 1-based occurrence number ("review 2 of 3"). */
	sequence: number;
	window: { from: HalfTermId; to: HalfTermId };
	/** Indices (in the same list) of requirements that must be on an earlier day. */
	after: number[];
	/** The previous occurrence of the same template and the minimum days between them (at least 1). */
	gap: { index: number; days: number } | null;
}

/**
 * The requirements of one category, in an order where everything comes after what it follows.
 * Ties go to the earlier window, then template id, then occurrence, so the order never depends
 * on the order the templates were given in. Templates must have passed validateTemplates.
 */
export function requirementsFor(templates: readonly EngagementTemplate[], category: Category): Requirement[] {
	const own = templates.filter((t) => t.category === category).sort((a, b) => compareText(a.id, b.id));
	const draft: {
		key: string;
		template: EngagementTemplate;
		sequence: number;
		window: Requirement['window'];
		after: string[];
		gap: { key: string; days: number } | null;
	}[] = [];

	for (const template of own) {
		for (let sequence = 1; sequence <= template.count; sequence++) {
			const window = occurrenceWindow(template, sequence);
			const after: string[] = [];
			for (const beforeId of template.after) {
				const before = own.find((t) => t.id === beforeId);
				if (!before) continue;
				// The latest occurrence of `before` whose share of the window has started by the
				// time this one's starts: that term's review for a Project Board, the one initial
				// visit for everything after it.
				let match = 0;
				for (let s = 1; s <= before.count; s++) {
					if (halfTermIndex(occurrenceWindow(before, s).from) <= halfTermIndex(window.from)) match = s;
				}
				if (match > 0) after.push(keyOf(before.id, match));
			}
			const gap = sequence > 1 ? { key: keyOf(template.id, sequence - 1), days: Math.max(1, (template.minWeeksApart ?? 0) * 7) } : null;
			draft.push({ key: keyOf(template.id, sequence), template, sequence, window, after, gap });
		}
	}

	const ordered: typeof draft = [];
	const placed = new Set<string>();
	const remaining = [...draft].sort(
		(a, b) => halfTermIndex(a.window.from) - halfTermIndex(b.window.from) || compareText(a.template.id, b.template.id) || a.sequence - b.sequence
	);
	while (remaining.length > 0) {
		const next = remaining.findIndex((r) => r.after.every((k) => placed.has(k)) && (!r.gap || placed.has(r.gap.key)));
		if (next < 0) throw new Error(`The engagements of ${category} go round in a circle; run validateTemplates first.`);
		const [requirement] = remaining.splice(next, 1);
		ordered.push(requirement);
		placed.add(requirement.key);
	}

	const indexOf = new Map(ordered.map((r, i) => [r.key, i]));
	return ordered.map((r) => ({
		template: r.template,
		sequence: r.sequence,
		window: r.window,
		after: r.after.map((k) => indexOf.get(k)!),
		gap: r.gap ? { index: indexOf.get(r.gap.key)!, days: r.gap.days } : null
	}));
}

/**
 * The other side of `after` and `gap`: for each requirement, those that must come after it and
 * the minimum days by which (1 for order, the gap for the next occurrence).
 */
export function followersOf(requirements: readonly Requirement[]): { index: number; days: number; isGap: boolean }[][] {
	const followers = requirements.map(() => [] as { index: number; days: number; isGap: boolean }[]);
	requirements.forEach((requirement, index) => {
		for (const before of requirement.after) followers[before].push({ index, days: 1, isGap: false });
		if (requirement.gap) followers[requirement.gap.index].push({ index, days: requirement.gap.days, isGap: true });
	});
	return followers;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(templateId: string, sequence: number): string {
	return `${templateId}#${sequence}`;
}
