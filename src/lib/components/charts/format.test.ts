import { describe, expect, it } from 'vitest';
import { capacityPhrase, intervalText, schools, signedFixed, tickFormatter } from './format';

describe('chart wording', () => {
	it.each([
		[0, '0 schools'],
		[1, '1 school'],
		[12, '12 schools']
	])('schools(%i) is %s', (n, text) => {
		expect(schools(n)).toBe(text);
	});

	it.each([
		[8.5, 6, 'over by 2.5 days'],
		[7, 6, 'over by 1 day'],
		[6, 6, 'at capacity'],
		[6.001, 6, 'at capacity'],
		[4.5, 6, '1.5 days spare'],
		[0, 0.25, '0.25 days spare'],
		// Floating point: 0.1 + 0.2 is not 0.3, but the label must not say "over by 0 days".
		[0.1 + 0.2, 0.3, 'at capacity']
	])('capacityPhrase(%d planned, %d capacity) is %s', (planned, capacity, text) => {
		expect(capacityPhrase(planned, capacity)).toBe(text);
	});

	it.each([
		[2.34, '+2.3'],
		[2, '+2.0'],
		[-0.44, '-0.4'],
		[-0.04, '0.0'],
		[0, '0.0'],
		[-12.25, '-12.3'],
		[12.25, '+12.3']
	])('signedFixed(%d) is %s', (x, text) => {
		expect(signedFixed(x)).toBe(text);
	});

	it('writes an interval with both signs', () => {
		expect(intervalText(-4.51, 1.2)).toBe('-4.5 to +1.2');
	});

	it.each([
		[10, {}, [0, 20, -30], ['0', '20', '-30']],
		[0.5, {}, [1.5, 2], ['1.5', '2.0']],
		[2, { signed: true }, [-4, 0, 2], ['-4', '0', '+2']],
		[0.5, { signed: true }, [0, 1], ['0.0', '+1.0']],
		[20, { suffix: '%' }, [0, 100], ['0%', '100%']],
		[5, { signed: true, suffix: ' pts' }, [-5, 5], ['-5 pts', '+5 pts']]
	] as const)('tickFormatter(step %d, %j) writes %j as %j', (step, options, values, labels) => {
		const f = tickFormatter(step, options);
		expect(values.map(f)).toEqual(labels);
	});
});
