import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from './frameworks';
import { effectiveStatus, type QualityMarkRecord, type StoredStatus } from './lifecycle';
import { coverageByFramework, expiringWithin, inProgress, statusForSchool } from './overview';

const TODAY = '2025-10-01';

function record(urn: number, status: StoredStatus, extra: Partial<QualityMarkRecord> = {}): QualityMarkRecord {
	return {
		urn,
		frameworkKey: 'basic_skills',
		status,
		statusChangedOn: '2025-09-01',
		awardDate: null,
		expiryDate: null,
		visitDate: null,
		feedback: null,
		...extra
	};
}

const awarded = (urn: number, awardDate: string, expiryDate: string, status: StoredStatus = 'achieved') => record(urn, status, { awardDate, expiryDate });

describe('expiringWithin', () => {
	const records = [
		awarded(1, '2023-04-01', '2026-04-01'),
		awarded(2, '2023-04-02', '2026-04-02'),
		awarded(3, '2022-11-01', '2025-11-01', 'self_audit_in_progress'),
		awarded(4, '2022-09-30', '2025-09-30'),
		awarded(5, '2025-01-01', '2028-01-01'),
		record(6, 'registered')
	];

	it('lists held awards ending within 6 months, soonest first, including renewals under way', () => {
		expect(expiringWithin(records, TODAY, 6).map((r) => r.urn)).toEqual([3, 1]);
	});

	it('agrees with renewal due to the day, so the overview and the status never disagree', () => {
		for (const r of records.filter((x) => x.status === 'achieved')) {
			const listed = expiringWithin([r], TODAY, 6).length === 1;
			expect(listed).toBe(effectiveStatus(r, TODAY) === 'renewal_due');
		}
	});

	it.each([
		[0, []],
		// 2025-11-01 is exactly one month after today: the window includes its last day.
		[1, [3]],
		[7, [3, 1, 2]]
	])('within %i months lists %j', (months, urns) => {
		expect(expiringWithin(records, TODAY, months).map((r) => r.urn)).toEqual(urns);
	});
});

describe('inProgress', () => {
	it('lists registered up to a booked visit, the longest waiting first', () => {
		const records = [
			record(1, 'assessor_review', { statusChangedOn: '2025-09-10' }),
			record(2, 'interested'),
			record(3, 'registered', { statusChangedOn: '2025-06-01' }),
			record(4, 'not_yet_achieved'),
			record(5, 'assessment_visit_booked', { statusChangedOn: '2025-09-10' }),
			awarded(6, '2024-01-01', '2027-01-01')
		];
		expect(inProgress(records, TODAY).map((r) => r.urn)).toEqual([3, 1, 5]);
	});
});

describe('statusForSchool', () => {
	const records = [awarded(1, '2022-01-01', '2025-01-01'), record(2, 'registered', { frameworkKey: 'professional_development' })];

	it.each([
		[1, 'basic_skills', 'lapsed'],
		[2, 'professional_development', 'registered'],
		[2, 'basic_skills', 'not_engaged'],
		[3, 'basic_skills', 'not_engaged']
	])('school %i under %s is %s', (urn, key, status) => {
		expect(statusForSchool(records, urn, key, TODAY)).toBe(status);
	});
});

describe('coverageByFramework', () => {
	const records = [
		awarded(1, '2024-01-01', '2027-01-01'),
		awarded(2, '2023-02-01', '2026-02-01'),
		awarded(3, '2022-01-01', '2025-01-01'),
		awarded(4, '2023-03-01', '2026-03-01', 'self_audit_in_progress'),
		record(5, 'audit_submitted'),
		record(6, 'interested'),
		record(99, 'registered'),
		record(1, 'assessment_visit_booked', { frameworkKey: 'professional_development' })
	];
	const [basic, pd] = coverageByFramework(FRAMEWORKS, records, [1, 2, 3, 4, 5, 6, 7, 8], TODAY);

	it('counts holders, work in progress and awards expiring soon, ignoring schools outside the list', () => {
		expect(basic).toMatchObject({ frameworkKey: 'basic_skills', schools: 8, holding: 3, inProgress: 2, expiringSoon: 2 });
		expect(pd).toMatchObject({ frameworkKey: 'professional_development', schools: 8, holding: 0, inProgress: 1, expiringSoon: 0 });
	});

	it('counts every status, with schools that have no record as not engaged', () => {
		expect(basic.byStatus).toEqual({
			not_engaged: 2,
			interested: 1,
			registered: 0,
			self_audit_in_progress: 1,
			audit_submitted: 1,
			assessor_review: 0,
			assessment_visit_booked: 0,
			achieved: 1,
			not_yet_achieved: 0,
			renewal_due: 1,
			lapsed: 1
		});
		expect(pd.byStatus.not_engaged).toBe(7);
	});
});
