import type { Key } from './framework-shape';
import { addYearsIso, isIsoDate, subMonthsIso, type IsoDate } from './iso-date';
import { describeChoices } from './wording';
import { dayAndDate } from '../format';

/** Every status a school's Quality Mark can show, in lifecycle order. */
export const QM_STATUSES = [
	'not_engaged',
	'interested',
	'registered',
	'self_audit_in_progress',
	'audit_submitted',
	'assessor_review',
	'assessment_visit_booked',
	'achieved',
	'not_yet_achieved',
	'renewal_due',
	'lapsed'
] as const;
export type QmStatus = (typeof QM_STATUSES)[number];

/** Worked out from the expiry date on an achieved record, never stored or set by hand. */
export const COMPUTED_STATUSES = ['renewal_due', 'lapsed'] as const satisfies readonly QmStatus[];
export type ComputedStatus = (typeof COMPUTED_STATUSES)[number];
/** The statuses a record can hold in the database. */
export type StoredStatus = Exclude<QmStatus, ComputedStatus>;

export const QM_STATUS_LABELS: Record<QmStatus, string> = {
	not_engaged: 'Not engaged',
	interested: 'Interested',
	registered: 'Registered',
	self_audit_in_progress: 'Self-audit in progress',
	audit_submitted: 'Audit submitted',
	assessor_review: 'Assessor review',
	assessment_visit_booked: 'Assessment visit booked',
	achieved: 'Achieved',
	not_yet_achieved: 'Not yet achieved',
	renewal_due: 'Renewal due',
	lapsed: 'Lapsed'
};

export function isQmStatus(value: unknown): value is QmStatus {
	return typeof value === 'string' && (QM_STATUSES as readonly string[]).includes(value);
}

export function isComputedStatus(status: QmStatus): status is ComputedStatus {
	return (COMPUTED_STATUSES as readonly QmStatus[]).includes(status);
}

/** An award lasts this long; renewal becomes due this long before it ends. */
export const AWARD_VALIDITY_YEARS = 3;
export const RENEWAL_NOTICE_MONTHS = 6;

/**
 * Where each status can go next, by hand. The forward path is in docs/quality-mark.md. The
 * back-steps, and why:
 * - any status except not engaged → not engaged: the school withdraws (or does not renew). Any
 *   award it holds still stands until its expiry date.
 * - audit submitted → self-audit in progress: the school takes its audit back to change it.
 * - assessor review → self-audit in progress: the assessor returns it for more evidence.
 * - assessment visit booked → assessor review: the visit is cancelled and must be rebooked.
 * - not yet achieved → self-audit in progress: the school resubmits after the feedback.
 * - achieved, renewal due or lapsed → registered or self-audit in progress: renewal. The current
 *   award keeps its dates until it is replaced, so the school holds it while it renews.
 * Renewal due and lapsed are never targets: they follow from the dates (see effectiveStatus).
 */
export const TRANSITIONS: Record<QmStatus, readonly StoredStatus[]> = {
	not_engaged: ['interested'],
	interested: ['registered', 'not_engaged'],
	registered: ['self_audit_in_progress', 'not_engaged'],
	self_audit_in_progress: ['audit_submitted', 'not_engaged'],
	audit_submitted: ['assessor_review', 'self_audit_in_progress', 'not_engaged'],
	assessor_review: ['assessment_visit_booked', 'self_audit_in_progress', 'not_engaged'],
	assessment_visit_booked: ['achieved', 'not_yet_achieved', 'assessor_review', 'not_engaged'],
	achieved: ['registered', 'self_audit_in_progress', 'not_engaged'],
	not_yet_achieved: ['self_audit_in_progress', 'not_engaged'],
	renewal_due: ['registered', 'self_audit_in_progress', 'not_engaged'],
	lapsed: ['registered', 'self_audit_in_progress', 'not_engaged']
};

/** One school's Quality Mark under one framework. `T | null` rather than optional, as in the database. */
export interface QualityMarkRecord {
	urn: number;
	frameworkKey: Key;
	status: StoredStatus;
	statusChangedOn: IsoDate;
	/** The current or most recent award; kept through a renewal until a new award replaces it. */
	awardDate: IsoDate | null;
	/** The last day the award is held: award date + 3 years. */
	expiryDate: IsoDate | null;
	/** Set while an assessment visit is booked, and kept as a record of the visit once decided. */
	visitDate: IsoDate | null;
	/** The assessor's feedback from the latest "not yet achieved", kept for the resubmission. */
	feedback: string | null;
}

export function newQualityMarkRecord(urn: number, frameworkKey: Key, today: IsoDate): QualityMarkRecord {
	return {
		urn,
		frameworkKey,
		status: 'not_engaged',
		statusChangedOn: today,
		awardDate: null,
		expiryDate: null,
		visitDate: null,
		feedback: null
	};
}

/** The date from which an award with this expiry is due for renewal. */
export function renewalDueFrom(expiryDate: IsoDate): IsoDate {
	return subMonthsIso(expiryDate, RENEWAL_NOTICE_MONTHS);
}

/**
 * The status to show today. An achieved record becomes renewal due from 6 months before its
 * expiry date (inclusive) and lapsed the day after it; every other status is as stored.
 */
export function effectiveStatus(record: QualityMarkRecord, today: IsoDate): QmStatus {
	if (record.status !== 'achieved' || record.expiryDate === null) return record.status;
	if (today > record.expiryDate) return 'lapsed';
	if (today >= renewalDueFrom(record.expiryDate)) return 'renewal_due';
	return 'achieved';
}

/** True while the school holds an award under this framework, whatever stage a renewal is at. */
export function holdsAward(record: QualityMarkRecord, today: IsoDate): boolean {
	return record.awardDate !== null && record.expiryDate !== null && record.awardDate <= today && today <= record.expiryDate;
}

/** `from` is a status as shown (effectiveStatus), so renewal due and lapsed are valid starting points. */
export function canTransition(from: QmStatus, to: QmStatus): boolean {
	return (TRANSITIONS[from] as readonly QmStatus[]).includes(to);
}

export function nextStatuses(from: QmStatus): readonly StoredStatus[] {
	return TRANSITIONS[from];
}

export interface TransitionDetails {
	/** For achieved: defaults to today, and cannot be later than today. */
	awardDate?: IsoDate;
	/** Required for assessment visit booked. */
	visitDate?: IsoDate;
	/** Required for not yet achieved: what the school should do before resubmitting. */
	feedback?: string;
	/** Why the change was made, for the history and audit log. */
	note?: string;
}

/** What to write to the history and audit log. */
export interface StatusChange {
	urn: number;
	frameworkKey: Key;
	from: QmStatus;
	to: StoredStatus;
	on: IsoDate;
	note: string | null;
}

export type TransitionResult = { ok: true; record: QualityMarkRecord; change: StatusChange } | { ok: false; error: string };

/** Moves a record to `to`, or explains in plain English why it cannot. Never changes `record`. */
export function transition(record: QualityMarkRecord, to: QmStatus, details: TransitionDetails, today: IsoDate): TransitionResult {
	const from = effectiveStatus(record, today);
	const refused = refusal(from, to);
	if (refused) return { ok: false, error: refused };
	const target = to as StoredStatus;
	const changes = changesFor(from, target, details, today, record.visitDate);
	if (typeof changes === 'string') return { ok: false, error: changes };
	return {
		ok: true,
		record: { ...record, ...changes, status: target, statusChangedOn: today },
		change: {
			urn: record.urn,
			frameworkKey: record.frameworkKey,
			from,
			to: target,
			on: today,
			note: details.note?.trim() || null
		}
	};
}

function refusal(from: QmStatus, to: QmStatus): string | null {
	const label = QM_STATUS_LABELS;
	if (isComputedStatus(to)) {
		return `${label[to]} is worked out from the expiry date and cannot be set by hand`;
	}
	if (from === to) return `This Quality Mark is already at ${label[to]}`;
	if (canTransition(from, to)) return null;
	const next = describeChoices(nextStatuses(from).map((s) => label[s]));
	return `A Quality Mark cannot go from ${label[from]} to ${label[to]}. Next it can be: ${next}`;
}

/** The fields a move to `to` sets, or a plain-English error when the details it needs are wrong. */
function changesFor(
	from: QmStatus,
	to: StoredStatus,
	details: TransitionDetails,
	today: IsoDate,
	visitDate: IsoDate | null
): Partial<QualityMarkRecord> | string {
	switch (to) {
		case 'achieved': {
			const awardDate = details.awardDate ?? today;
			if (!isIsoDate(awardDate)) return 'Enter the award date as a real date, like 2025-07-14';
			// An award is recorded after the visit, never ahead of it.
			if (awardDate > today) return 'The award date cannot be in the future';
			if (visitDate !== null && awardDate < visitDate) return `The award date cannot be before the assessment visit on ${dayAndDate(visitDate)}`;
			// Feedback from an earlier "not yet" no longer applies once the award is made.
			return { awardDate, expiryDate: addYearsIso(awardDate, AWARD_VALIDITY_YEARS), feedback: null };
		}
		case 'not_yet_achieved': {
			const feedback = details.feedback?.trim() ?? '';
			if (!feedback) return 'Give the school feedback on what to do before it resubmits';
			return { feedback };
		}
		case 'assessment_visit_booked':
			if (details.visitDate === undefined) return 'Give the date of the assessment visit';
			if (!isIsoDate(details.visitDate)) return 'Enter the visit date as a real date, like 2025-07-14';
			return { visitDate: details.visitDate };
		case 'assessor_review':
			// Back from a booked visit means the visit is off; coming from a submission there is none yet.
			return { visitDate: null };
		case 'not_engaged':
			// Withdrawing with a visit booked calls the visit off; a visit already held stays on record.
			return from === 'assessment_visit_booked' ? { visitDate: null } : {};
		default:
			return {};
	}
}
