import { describe, expect, it } from 'vitest';
import { card, entry, gaps, oeif, progressFigures } from '../analysis/test-fixtures';
import { needsOf } from './needs';
import { fromEngine, plain, strongMaths, weakMaths } from './test-fixtures';

describe('needsOf', () => {
	/** Each case: the school's rows and register, its category, and its needs as words, first need first. */
	const CASES: [string, Parameters<typeof fromEngine>[1], Parameters<typeof fromEngine>[2], string, string[]][] = [
		[
			'progress well below in two subjects (F3)',
			weakMaths(),
			[],
			'focus',
			['Reading progress well below average (-4)', 'Maths progress well below average (-4.1)']
		],
		['attainment below England in the latest year (L1)', gaps(0, 0, -12), [], 'light_touch', ['RWM expected 12 points below England (53% in 2018/19)']],
		[
			'well below, persistently and declining (I2, F2, F5, L1, L3): one attainment need, said once',
			gaps(0, -10, -22),
			[],
			'intensive',
			['RWM expected 22 points below England (43% in 2018/19, and falling)']
		],
		[
			'a report card area Needs attention (F1), leadership among them',
			plain(),
			[
				card(
					[
						{ area: 'Curriculum and teaching', grade: 'needs_attention' },
						{ area: 'Leadership and governance', grade: 'needs_attention' },
						{ area: 'Inclusion', grade: 'expected_standard' }
					],
					'2019-03-01'
				)
			],
			'focus',
			['Curriculum and teaching graded Needs attention (report card of 1 March 2019)', 'Leadership graded Needs attention (report card of 1 March 2019)']
		],
		[
			'an OEIF inspection with no overall grade reads its sub-judgements as areas',
			plain(),
			[oeif(null, '2019-02-01', { qualityOfEducation: 3, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 })],
			'focus',
			['Curriculum and teaching graded Requires improvement (graded inspection on 1 February 2019)']
		],
		[
			'declining with a new headteacher (F4): attainment, then leadership',
			gaps(10, 0, -6),
			[entry('interim_leadership', '2019-01-07')],
			'focus',
			['RWM expected 6 points below England (59% in 2018/19, and falling)', 'Leadership at risk (interim leadership since 7 January 2019)']
		],
		['an open finance concern alone (L5): nothing another school can meet', plain(), [entry('finance', '2019-01-07')], 'light_touch', []],
		['a Secure Plus school needs nothing', strongMaths(), [], 'secure_plus', []]
	];

	it.each(CASES)('%s', (_, rows, register, category, words) => {
		const school = fromEngine(1, rows, register);
		expect(school.category).toBe(category);
		expect(needsOf(school).map((n) => n.words)).toEqual(words);
	});

	it('gives the disadvantaged gap (L4) with its figure', () => {
		const rows = gaps(0, 0, 0, { rwmExpectedDisadvantaged: 30, disadvantagedCount: 14 });
		const [need] = needsOf(fromEngine(1, rows));
		expect(need).toMatchObject({ key: 'disadvantaged', kind: 'disadvantaged', label: 'Disadvantaged gap', figure: expect.any(Number) });
		expect(need.words).toMatch(/^Disadvantaged gap \d+ points below England's other pupils \(30% of 14 pupils\)$/);
	});

	it('keeps the figure and subject of a progress need', () => {
		const needs = needsOf(fromEngine(1, gaps(0, 0, 0, progressFigures(0, -4, -4.1))));
		expect(needs.map((n) => [n.key, n.subject, n.figure])).toEqual([
			['progress:writing', 'writing', -4],
			['progress:maths', 'maths', -4.1]
		]);
	});
});
