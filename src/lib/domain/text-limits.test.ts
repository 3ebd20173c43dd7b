import { describe, expect, it } from 'vitest';
import { limitHint, limitWords, overLongTexts, TEXT_LIMITS } from './text-limits';

describe('text limits', () => {
	it('says the limit in plain words', () => {
		expect(limitWords(TEXT_LIMITS.text)).toBe('5,000 characters or fewer');
		expect(limitHint(TEXT_LIMITS.label)).toBe('You can enter up to 100 characters');
	});

	it.each([
		[{ a: { evidence: 'x'.repeat(11), action: 'short' } }, 10, ['a.evidence']],
		[{ a: { evidence: 'x'.repeat(10) } }, 10, []],
		[{ kind: 'elements', elements: { plan: { met: true, evidence: 'y'.repeat(20) }, other: { met: null, evidence: '' } } }, 10, ['elements.plan.evidence']],
		['z'.repeat(3), 2, ['']],
		[null, 1, []],
		[[{ note: 'abc' }], 2, ['0.note']]
	])('finds every string over the limit in %j', (value, limit, paths) => {
		expect(overLongTexts(value, limit)).toEqual(paths);
	});
});
