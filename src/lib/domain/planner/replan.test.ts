import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { CATEGORIES } from '../analysis/categories';
import { DEFAULT_TEMPLATES } from './default-templates';
import { plan } from './plan';
import { planInputArbitrary, PROPERTY_TIMEOUT_MS, ruleBreaches } from './plan-test-support';
import type { Engagement, FixedEngagement, PlanInput, PlanResult } from './plan-types';
import { replan } from './replan';

/** Advisers are users: their ids are user ids. */
const JANE = 1;

const base: PlanInput = {
	calendar: defaultTermDates(2026),
	closures: [],
	advisers: [{ id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: [] }],
	schools: [
		{ urn: 100001, name: 'Ash Primary', category: 'secure', linkAdviserId: JANE },
		{ urn: 100002, name: 'Beech Primary', category: 'light_touch', linkAdviserId: JANE }
	],
	templates: DEFAULT_TEMPLATES
};

/** The plan with some engagements confirmed or completed, as an adviser would leave it. */
function withStatus(result: PlanResult, changes: Record<string, Engagement['status']>): PlanResult {
	return { ...result, engagements: result.engagements.map((e) => (changes[e.id] ? { ...e, status: changes[e.id] } : e)) };
}
const fixedOf = (result: PlanResult): FixedEngagement[] =>
	result.engagements
		.filter((e) => e.status !== 'planned')
		.map(({ halfTerm: _h, fulfils: _f, ...rest }) => ({ ...rest, status: rest.status as FixedEngagement['status'] }));

describe('replan', () => {
	it('keeps completed and confirmed engagements when a school moves from Secure to Focus, and shows what changed', () => {
		const previous = withStatus(plan(base), {
			'100001/secure.desktop_analysis/1': 'completed',
			'100002/light_touch.desktop_analysis/1': 'completed',
			'100002/light_touch.initial_visit/1': 'confirmed'
		});
		const next: PlanInput = {
			...base,
			schools: [{ ...base.schools[0], category: 'focus' }, base.schools[1]],
			notBefore: '2025-10-01'
		};
		const { result, diff } = replan(previous, next);

		for (const kept of fixedOf(previous)) expect(result.engagements.find((e) => e.id === kept.id)).toMatchObject(kept);
		expect(ruleBreaches({ ...next, fixed: fixedOf(previous) }, result)).toEqual([]);
		// The completed Secure analysis now counts as the Focus one.
		expect(result.engagements.find((e) => e.id === '100001/secure.desktop_analysis/1')?.fulfils).toEqual({ templateId: 'focus.desktop_analysis', sequence: 1 });
		expect(diff.removed.map((r) => [r.engagement.id, r.reason])).toEqual([
			['100001/secure.se_summary_call/1', "The school's support category no longer includes it."],
			['100001/secure.progress_call/1', "The school's support category no longer includes it."]
		]);
		expect(diff.added.map((e) => e.templateId).sort()).toEqual([
			'focus.initial_visit',
			'focus.project_board',
			'focus.project_board',
			'focus.project_board',
			'focus.review',
			'focus.review',
			'focus.review'
		]);
		expect(diff.added.every((e) => e.date >= '2025-10-01')).toBe(true);
		expect(diff.unchanged + diff.moved.length).toBe(result.engagements.length - diff.added.length);
	});

	it('lets fixed engagements given in the input win over the previous copy', () => {
		const previous = withStatus(plan(base), { '100002/light_touch.initial_visit/1': 'confirmed' });
		const moved = { ...fixedOf(previous)[0], date: '2025-11-20' };
		const { result, diff } = replan(previous, { ...base, fixed: [moved] });
		expect(result.engagements.find((e) => e.id === moved.id)?.date).toBe('2025-11-20');
		expect(diff.moved.find((m) => m.id === moved.id)?.to).toEqual({ date: '2025-11-20', adviserId: JANE });
	});

	it(
		'on random LAs: keeps what was done, follows every rule, and the diff accounts for every engagement',
		() => {
			fc.assert(
				fc.property(
					planInputArbitrary,
					fc.array(fc.nat(), { maxLength: 20 }),
					fc.array(fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }), { maxLength: 40 }),
					fc.boolean(),
					(input, picks, newCategories, later) => {
						const first = plan(input);
						const changes: Record<string, Engagement['status']> = {};
						for (const pick of picks) {
							const e = first.engagements[pick % Math.max(1, first.engagements.length)];
							if (e) changes[e.id] = pick % 2 ? 'confirmed' : 'completed';
						}
						const previous = withStatus(first, changes);
						const next: PlanInput = {
							...input,
							schools: input.schools.map((s, i) => ({ ...s, category: newCategories[i] ?? s.category })),
							notBefore: later ? input.calendar.halfTerms[2].start : input.notBefore
						};
						const { result, diff } = replan(previous, next);
						expect(ruleBreaches({ ...next, fixed: fixedOf(previous) }, result)).toEqual([]);

						const before = new Set(previous.engagements.map((e) => e.id));
						const after = new Set(result.engagements.map((e) => e.id));
						expect(diff.added.every((e) => !before.has(e.id))).toBe(true);
						expect(diff.removed.every((r) => !after.has(r.engagement.id))).toBe(true);
						expect(diff.added.length + diff.moved.length + diff.unchanged).toBe(after.size);
						expect(diff.removed.length + diff.moved.length + diff.unchanged).toBe(before.size);
					}
				),
				{ numRuns: 100 }
			);
		},
		PROPERTY_TIMEOUT_MS
	);
});
