import type { Key, QualityMarkFramework } from './framework-shape';
import { subMonthsIso, type IsoDate } from './iso-date';
import { effectiveStatus, holdsAward, QM_STATUSES, RENEWAL_NOTICE_MONTHS, type QmStatus, type QualityMarkRecord } from './lifecycle';

/** Working towards an award: registered, up to a booked assessment visit. */
export const IN_PROGRESS_STATUSES: readonly QmStatus[] = [
	'registered',
	'self_audit_in_progress',
	'audit_submitted',
	'assessor_review',
	'assessment_visit_booked'
];

/** A school with no record has never engaged with that framework. */
export function statusForSchool(records: readonly QualityMarkRecord[], urn: number, frameworkKey: Key, today: IsoDate): QmStatus {
	const record = records.find((r) => r.urn === urn && r.frameworkKey === frameworkKey);
	return record ? effectiveStatus(record, today) : 'not_engaged';
}

export function isInProgress(record: QualityMarkRecord, today: IsoDate): boolean {
	return IN_PROGRESS_STATUSES.includes(effectiveStatus(record, today));
}

/** Records working towards an award, longest since their last change first, so stalls show. */
export function inProgress(records: readonly QualityMarkRecord[], today: IsoDate): QualityMarkRecord[] {
	return records.filter((r) => isInProgress(r, today)).sort((a, b) => a.statusChangedOn.localeCompare(b.statusChangedOn) || a.urn - b.urn);
}

/**
 * Awards still held that end within `months`, soonest first. The window is counted back from the
 * expiry date, the same way as renewal due, so with 6 months the two lists agree to the day. It
 * includes awards whose renewal is already under way, because the old award still ends.
 */
export function expiringWithin(records: readonly QualityMarkRecord[], today: IsoDate, months: number): QualityMarkRecord[] {
	return records
		.filter((r) => holdsAward(r, today) && today >= subMonthsIso(r.expiryDate!, months))
		.sort((a, b) => a.expiryDate!.localeCompare(b.expiryDate!) || a.urn - b.urn);
}

export interface FrameworkCoverage {
	frameworkKey: Key;
	frameworkName: string;
	schools: number;
	/** Schools holding an award today, including those renewing it. */
	holding: number;
	inProgress: number;
	expiringSoon: number;
	/** Every status, with schools that have no record counted as not engaged. */
	byStatus: Record<QmStatus, number>;
}

/** Coverage of each framework across the given schools; records for other schools are ignored. */
export function coverageByFramework(
	frameworks: readonly QualityMarkFramework[],
	records: readonly QualityMarkRecord[],
	schoolUrns: readonly number[],
	today: IsoDate,
	expiringMonths = RENEWAL_NOTICE_MONTHS
): FrameworkCoverage[] {
	const schools = new Set(schoolUrns);
	return frameworks.map((framework) => {
		const mine = records.filter((r) => r.frameworkKey === framework.key && schools.has(r.urn));
		const byStatus = Object.fromEntries(QM_STATUSES.map((s) => [s, 0])) as Record<QmStatus, number>;
		for (const record of mine) byStatus[effectiveStatus(record, today)]++;
		byStatus.not_engaged += schools.size - mine.length;
		return {
			frameworkKey: framework.key,
			frameworkName: framework.name,
			schools: schools.size,
			holding: mine.filter((r) => holdsAward(r, today)).length,
			inProgress: mine.filter((r) => isInProgress(r, today)).length,
			expiringSoon: expiringWithin(mine, today, expiringMonths).length,
			byStatus
		};
	});
}
