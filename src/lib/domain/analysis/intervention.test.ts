import { describe, expect, it } from 'vitest';
import { interventionStatus, STATUS_LABELS, type Intervention } from './intervention';
import type { SoftIntelligenceEntry } from './soft-intelligence';
import { card, entry, legacy, oeif, ungraded } from './test-fixtures';

const AS_OF = '2026-05-01';

/** Each case: the register, the status, the sentence, and which entries (by index) it rests on. */
const STATUSES: [string, SoftIntelligenceEntry[], Intervention['status'], string, number[]][] = [
	[
		'special measures from a graded inspection',
		[oeif('inadequate', '2023-01-10', null, { categoryOfConcern: 'special_measures' })],
		'special_measures',
		"Ofsted's graded inspection on 10 January 2023 judged the school Inadequate and placed the school in special measures.",
		[0]
	],
	[
		'serious weaknesses counts as requires significant improvement',
		[oeif('good', '2017-01-10'), oeif('inadequate', '2022-03-01', null, { categoryOfConcern: 'serious_weaknesses' })],
		'requires_significant_improvement',
		"Ofsted's graded inspection on 1 March 2022 judged the school Inadequate and found serious weaknesses.",
		[1]
	],
	[
		'serious weaknesses with no overall grade, at the predecessor school',
		[oeif(null, '2025-02-03', { qualityOfEducation: 3, leadershipAndManagement: 4 }, { categoryOfConcern: 'serious_weaknesses', predecessor: true })],
		'requires_significant_improvement',
		"Ofsted's graded inspection with no overall grade on 3 February 2025 (an inspection of the predecessor school) judged quality of education 3 (Requires improvement) and leadership and management 4 (Inadequate) and found serious weaknesses.",
		[0]
	],
	[
		'requires significant improvement recorded on a report card',
		[card([{ area: 'Achievement', grade: 'urgent_improvement' }], '2026-01-20', { categoryOfConcern: 'requires_significant_improvement' })],
		'requires_significant_improvement',
		"Ofsted's report card of 20 January 2026 graded Achievement as Urgent improvement and judged that the school requires significant improvement.",
		[0]
	],
	[
		'a recorded category stands over what the grades suggest',
		[card([{ area: 'Leadership and governance', grade: 'urgent_improvement' }], '2026-01-20', { categoryOfConcern: 'requires_significant_improvement' })],
		'requires_significant_improvement',
		"Ofsted's report card of 20 January 2026 graded Leadership and governance as Urgent improvement and judged that the school requires significant improvement.",
		[0]
	],
	[
		'a report card with one area Urgent improvement and no category recorded',
		[
			card(
				[
					{ area: 'Achievement', grade: 'urgent_improvement' },
					{ area: 'Leadership and governance', grade: 'needs_attention' }
				],
				'2026-01-20'
			)
		],
		'requires_significant_improvement',
		"Ofsted's report card of 20 January 2026 graded Achievement as Urgent improvement.",
		[0]
	],
	[
		'a report card with safeguarding not met',
		[card([{ area: 'Leadership and governance', grade: 'expected_standard' }], '2026-01-20', { safeguardingMet: false })],
		'requires_significant_improvement',
		"Ofsted's report card of 20 January 2026 found safeguarding not met.",
		[0]
	],
	[
		'a report card with leadership and governance Urgent improvement as well',
		[
			card(
				[
					{ area: 'Achievement', grade: 'urgent_improvement' },
					{ area: 'Leadership and governance', grade: 'urgent_improvement' }
				],
				'2026-01-20'
			)
		],
		'special_measures',
		"Ofsted's report card of 20 January 2026 graded Achievement and Leadership and governance as Urgent improvement.",
		[0]
	],
	[
		'a report card with safeguarding not met and leadership and governance Urgent improvement',
		[card([{ area: 'Leadership and governance', grade: 'urgent_improvement' }], '2026-01-20', { safeguardingMet: false })],
		'special_measures',
		"Ofsted's report card of 20 January 2026 graded Leadership and governance as Urgent improvement and found safeguarding not met.",
		[0]
	],
	[
		'stuck: Requires improvement twice',
		[oeif('requires_improvement', '2021-02-05'), oeif('requires_improvement', '2024-03-10'), ungraded('Improved significantly', '2025-06-01')],
		'rise_targeted',
		"Ofsted's graded inspection on 10 March 2024 judged the school Requires improvement, and before that Ofsted's graded inspection on 5 February 2021 judged the school Requires improvement.",
		[1, 0]
	],
	[
		'stuck: no overall grade with quality of education 3, after Inadequate',
		[legacy('inadequate', '2021-02-05'), oeif(null, '2025-03-14', { qualityOfEducation: 3, leadershipAndManagement: 2 })],
		'rise_targeted',
		"Ofsted's graded inspection with no overall grade on 14 March 2025 judged quality of education 3 (Requires improvement), and before that Ofsted's graded inspection on 5 February 2021 judged the school Inadequate.",
		[1, 0]
	],
	[
		'stuck: leadership and governance Needs attention after Requires improvement at the predecessor school',
		[
			oeif('requires_improvement', '2022-06-30', null, { predecessor: true }),
			card(
				[
					{ area: 'Achievement', grade: 'needs_attention' },
					{ area: 'Leadership and governance', grade: 'needs_attention' }
				],
				'2026-02-10'
			)
		],
		'rise_targeted',
		"Ofsted's report card of 10 February 2026 graded Leadership and governance as Needs attention, and before that Ofsted's graded inspection on 30 June 2022 (an inspection of the predecessor school) judged the school Requires improvement.",
		[1, 0]
	],
	[
		'stuck: Requires improvement after special measures with no overall grade',
		[oeif(null, '2024-11-01', { qualityOfEducation: 4 }, { categoryOfConcern: 'special_measures' }), oeif('requires_improvement', '2025-09-20')],
		'rise_targeted',
		"Ofsted's graded inspection on 20 September 2025 judged the school Requires improvement, and before that Ofsted's graded inspection with no overall grade on 1 November 2024 judged quality of education 4 (Inadequate) and placed the school in special measures.",
		[1, 0]
	]
];

describe.each(STATUSES)('interventionStatus: %s', (_, register, status, sentence, restsOn) => {
	it(`is ${status}, naming the inspections it rests on`, () => {
		expect(interventionStatus(register, AS_OF)).toEqual({ status, sentence, restsOn: restsOn.map((i) => register[i].id) });
	});

	it('whatever the order of the register', () => {
		expect(interventionStatus(register.slice().reverse(), AS_OF)).toEqual(interventionStatus(register, AS_OF));
	});
});

const NONE: [string, SoftIntelligenceEntry[]][] = [
	['nothing recorded', []],
	['no Ofsted outcome, only concerns', [entry('safeguarding', '2026-01-01'), entry('governance', '2026-01-01')]],
	['Good', [oeif('good', '2023-01-10')]],
	['Requires improvement once, after Good', [oeif('good', '2019-01-10'), oeif('requires_improvement', '2023-01-10')]],
	['Requires improvement with nothing graded before it', [oeif('requires_improvement', '2023-01-10')]],
	['Requires improvement after an ungraded concern only', [ungraded('Some aspects not as strong', '2021-01-10'), oeif('requires_improvement', '2023-01-10')]],
	['Requires improvement recorded twice for the same inspection', [legacy('requires_improvement', '2023-01-10'), oeif('requires_improvement', '2023-01-10')]],
	['Requires improvement twice, the second after the analysis date', [oeif('requires_improvement', '2021-01-10'), oeif('requires_improvement', '2026-06-01')]],
	[
		'Requires improvement twice, the earlier withdrawn',
		[{ ...oeif('requires_improvement', '2021-01-10'), endDate: '2022-01-01' }, oeif('requires_improvement', '2023-01-10')]
	],
	[
		'no overall grade with every deciding judgement Good, after Requires improvement',
		[oeif('requires_improvement', '2021-01-10'), oeif(null, '2025-03-14', { qualityOfEducation: 2, behaviourAndAttitudes: 3, leadershipAndManagement: 2 })]
	],
	[
		'a report card with Needs attention outside leadership and governance, after Requires improvement',
		[
			oeif('requires_improvement', '2021-01-10'),
			card(
				[
					{ area: 'Achievement', grade: 'needs_attention' },
					{ area: 'Leadership and governance', grade: 'expected_standard' }
				],
				'2026-01-10'
			)
		]
	],
	[
		'leadership and governance Needs attention after Good',
		[oeif('good', '2021-01-10'), card([{ area: 'Leadership and governance', grade: 'needs_attention' }], '2026-01-10')]
	],
	[
		'special measures followed by a Good report card',
		[
			oeif('inadequate', '2019-01-10', null, { categoryOfConcern: 'special_measures' }),
			card([{ area: 'Achievement', grade: 'expected_standard' }], '2026-01-10')
		]
	],
	['Inadequate with no category recorded (a GIAS grade)', [legacy('inadequate', '2023-01-10')]],
	['an ungraded concern after Good', [oeif('good', '2021-01-10'), ungraded('Some aspects not as strong', '2026-01-10')]]
];

describe('interventionStatus is null', () => {
	it.each(NONE)('for %s', (_, register) => {
		expect(interventionStatus(register, AS_OF)).toBeNull();
	});
});

describe('STATUS_LABELS', () => {
	it('names each status as DfE does', () => {
		expect(STATUS_LABELS).toEqual({
			special_measures: 'Special measures',
			requires_significant_improvement: 'Requires significant improvement',
			rise_targeted: 'Eligible for RISE targeted intervention'
		});
	});
});
