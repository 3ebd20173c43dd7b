import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates';
import { followersOf, requirementsFor, type Requirement } from './requirements';

const names = (list: Requirement[]) => list.map((r) => `${r.template.id}#${r.sequence}`);
const named = (list: Requirement[], key: string) => list[names(list).indexOf(key)];

describe('requirementsFor', () => {
	const focus = requirementsFor(DEFAULT_TEMPLATES, 'focus');

	it('lists every occurrence, each after what it follows', () => {
		expect(names(focus)).toEqual([
			'focus.desktop_analysis#1',
			'focus.initial_visit#1',
			'focus.review#1',
			'focus.project_board#1',
			'focus.review#2',
			'focus.project_board#2',
			'focus.review#3',
			'focus.project_board#3'
		]);
		focus.forEach((r, i) => {
			expect(r.after.every((before) => before < i)).toBe(true);
		});
	});

	it.each([
		['focus.initial_visit#1', ['focus.desktop_analysis#1'], null],
		['focus.review#1', ['focus.initial_visit#1'], null],
		['focus.project_board#2', ['focus.initial_visit#1', 'focus.review#2'], 'focus.project_board#1'],
		['focus.review#3', ['focus.initial_visit#1'], 'focus.review#2']
	])('%s comes after %j and the previous occurrence %s', (key, after, previous) => {
		const r = named(focus, key);
		expect(r.after.map((i) => names(focus)[i])).toEqual(after);
		expect(r.gap ? names(focus)[r.gap.index] : null).toBe(previous);
	});

	it('keeps reviews 28 days apart and other series at least a day apart', () => {
		expect(named(focus, 'focus.review#2').gap?.days).toBe(28);
		expect(named(focus, 'focus.project_board#2').gap?.days).toBe(1);
	});

	it('pairs each Intensive Project Board with the review of the same half term', () => {
		const intensive = requirementsFor(DEFAULT_TEMPLATES, 'intensive');
		for (let n = 1; n <= 6; n++) {
			expect(named(intensive, `intensive.project_board#${n}`).after.map((i) => names(intensive)[i])).toEqual([
				'intensive.initial_visit#1',
				`intensive.review#${n}`
			]);
		}
	});

	it('does not depend on the order templates are given in', () => {
		expect(requirementsFor([...DEFAULT_TEMPLATES].reverse(), 'focus')).toEqual(focus);
	});

	it('lists followers as the other side of the links', () => {
		const followers = followersOf(focus);
		expect(followers[names(focus).indexOf('focus.review#1')].map((f) => [names(focus)[f.index], f.days, f.isGap])).toEqual([
			['focus.project_board#1', 1, false],
			['focus.review#2', 28, true]
		]);
	});
});
