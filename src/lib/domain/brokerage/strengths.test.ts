import { describe, expect, it } from 'vitest';
import { card, entry, gaps, legacy, progressFigures, ungraded } from '../analysis/test-fixtures';
import type { SoftIntelligenceEntry } from '../analysis/soft-intelligence';
import { strengthFor, strengthsOf, supportBar } from './strengths';
import { fromEngine, plain, strongMaths } from './test-fixtures';

describe('strengthsOf', () => {
	const bsqm = { key: 'basic_skills', name: 'Basic Skills Quality Mark', expiryDate: '2028-07-14' };
	const pdqm = { key: 'professional_development', name: 'Professional Development Quality Mark', expiryDate: '2027-01-31' };
	/** Each case: the school, and its strengths as words with the needs each meets. */
	const CASES: [string, ReturnType<typeof fromEngine>, [string, string[]][]][] = [
		[
			'progress and attainment well above',
			fromEngine(1, strongMaths()),
			[
				['Maths progress well above average (+3.4)', ['progress:maths']],
				['RWM expected 15 points above England (80% in 2018/19)', ['attainment']]
			]
		],
		[
			'a small disadvantaged gap in a group big enough to count',
			fromEngine(1, gaps(0, 0, 0, { rwmExpectedDisadvantaged: 66, disadvantagedCount: 12 })),
			[["Disadvantaged gap 5 points below England's other pupils (66% of 12 pupils)", ['disadvantaged']]]
		],
		['a small gap in too small a group is no strength', fromEngine(1, gaps(0, 0, 0, { rwmExpectedDisadvantaged: 66, disadvantagedCount: 6 })), []],
		[
			'Strong or Exceptional areas of the report card, leadership as leadership',
			fromEngine(1, plain(), [
				card(
					[
						{ area: 'Curriculum and teaching', grade: 'exceptional' },
						{ area: 'Leadership and governance', grade: 'strong_standard' },
						{ area: 'Inclusion', grade: 'expected_standard' }
					],
					'2019-02-01'
				)
			]),
			[
				['Curriculum and teaching graded Exceptional (report card of 1 February 2019)', ['area:curriculum and teaching']],
				['Leadership and governance graded Strong standard (report card of 1 February 2019)', ['leadership']]
			]
		],
		[
			'Quality Marks: Basic Skills meets English and maths, Professional Development meets leadership',
			fromEngine(1, plain(), [], { qualityMarks: [bsqm, pdqm] }),
			[
				['Holds the Basic Skills Quality Mark (current until 14 July 2028)', ['attainment', 'progress:reading', 'progress:writing', 'progress:maths']],
				['Holds the Professional Development Quality Mark (current until 31 January 2027)', ['leadership']]
			]
		],
		['a Quality Mark of a framework that meets no need is no strength', fromEngine(1, plain(), [], { qualityMarks: [{ ...bsqm, key: 'other' }] }), []]
	];

	it.each(CASES)('%s', (_, school, expected) => {
		expect(strengthsOf(school).map((s) => [s.words, s.meets])).toEqual(expected);
	});

	it('finds the data strength before a Quality Mark for the same need', () => {
		const strengths = strengthsOf(fromEngine(1, strongMaths(), [], { qualityMarks: [bsqm] }));
		expect(strengthFor(strengths, 'progress:maths')?.kind).toBe('progress');
		expect(strengthFor(strengths, 'progress:writing')?.kind).toBe('quality_mark');
		expect(strengthFor(strengths, 'leadership')).toBeNull();
	});
});

describe('supportBar', () => {
	const AS_OF = '2026-05-01';
	const CASES: [string, SoftIntelligenceEntry[], string | null][] = [
		['nothing recorded', [], null],
		['a Good school with an ended concern', [legacy('good', '2022-01-10'), entry('finance', '2024-01-01', '2025-01-01')], null],
		['an open finance concern', [entry('finance', '2026-01-05')], 'Open concerns: finance concern since 5 January 2026'],
		['a new headteacher', [entry('new_head', '2025-09-01')], 'Leadership risk: a new headteacher since 1 September 2025'],
		[
			'an ungraded inspection that says the school may not remain Good',
			[legacy('good', '2019-01-10'), ungraded('Some aspects not as strong', '2026-02-03')],
			`Open concerns: Ofsted's ungraded inspection on 3 February 2026 with the outcome "Some aspects not as strong"`
		],
		[
			'Requires improvement at the latest inspection',
			[legacy('requires_improvement', '2024-01-10')],
			"Ofsted's graded inspection on 10 January 2024 judged the school Requires improvement"
		],
		[
			'a DfE intervention status',
			[card([{ area: 'Leadership and governance', grade: 'urgent_improvement' }], '2026-01-10')],
			'DfE intervention status Special measures'
		]
	];
	it.each(CASES)('%s', (_, register, words) => {
		expect(supportBar(register, AS_OF, 24)).toBe(words);
	});

	it('bars a school with a progress strength as well', () => {
		const school = fromEngine(1, gaps(15, 15, 15, progressFigures(0, 0, 3.4)), [entry('safeguarding', '2019-01-01')]);
		expect(school.concern).toBe('Open concerns: safeguarding concern since 1 January 2019');
		expect(strengthsOf(school).length).toBeGreaterThan(0);
	});
});
