import { describe, expect, it } from 'vitest';
import type { OfstedLegacyEntry } from '../analysis/soft-intelligence';
import { inspectionKind, inspectionLabel, inspectionRows } from './describe';

const base = { id: '1', date: '2024-10-14', endDate: null, details: '', source: 'ofsted_mi' as const };

describe('an Ofsted outcome in words', () => {
	it('an OEIF inspection with no overall grade shows each sub-judgement, safeguarding and its category of concern', () => {
		const e: OfstedLegacyEntry = {
			...base,
			type: 'ofsted_legacy',
			grade: null,
			judgements: { qualityOfEducation: 3, behaviourAndAttitudes: 2, leadershipAndManagement: 2, sixthForm: null },
			safeguardingEffective: true
		};
		expect(inspectionKind(e)).toBe('Ofsted graded inspection with no overall grade');
		expect(inspectionRows(e)).toEqual([
			{ key: 'Overall effectiveness', value: 'Not judged (no overall grade)' },
			{ key: 'Quality of education', value: '3 (Requires improvement)' },
			{ key: 'Behaviour and attitudes', value: '2 (Good)' },
			{ key: 'Leadership and management', value: '2 (Good)' },
			{ key: 'Safeguarding is effective', value: 'Yes' },
			{ key: 'Category of concern', value: 'None' }
		]);
	});

	it('a report card shows every area, safeguarding and the category of concern', () => {
		const e = {
			...base,
			type: 'ofsted_report_card' as const,
			areas: [{ area: 'Leadership and governance', grade: 'urgent_improvement' as const }],
			safeguardingMet: false,
			categoryOfConcern: 'special_measures' as const
		};
		expect(inspectionKind(e)).toBe('Ofsted report card');
		expect(inspectionRows(e)).toEqual([
			{ key: 'Leadership and governance', value: 'Urgent improvement' },
			{ key: 'Safeguarding standards', value: 'Not met' },
			{ key: 'Category of concern', value: 'Special measures' }
		]);
	});

	it('an ungraded inspection shows its outcome, and a category only when there is one', () => {
		expect(inspectionRows({ ...base, type: 'ofsted_ungraded', outcome: 'Some aspects not as strong' })).toEqual([
			{ key: 'Outcome', value: 'Some aspects not as strong' }
		]);
		expect(inspectionRows({ ...base, type: 'ofsted_ungraded', outcome: ' ' })).toEqual([{ key: 'Outcome', value: 'Not given' }]);
		expect(inspectionLabel('ofsted_ungraded', '2022-06-05')).toBe('ungraded inspection on 5 June 2022');
		expect(inspectionLabel('ofsted_report_card', '2026-02-03')).toBe('report card of 3 February 2026');
	});
});
