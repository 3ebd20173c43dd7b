import { describe, expect, it } from 'vitest';
import { addYearsIso } from './iso-date';
import {
	canTransition,
	effectiveStatus,
	holdsAward,
	newQualityMarkRecord,
	QM_STATUS_LABELS,
	QM_STATUSES,
	renewalDueFrom,
	transition,
	type QmStatus,
	type QualityMarkRecord,
	type TransitionDetails
} from './lifecycle';

const TODAY = '2025-10-01';

/**
 * The allowed moves, written out by hand rather than read from the table in lifecycle.ts, so a
 * change to that table has to be made here too on purpose.
 */
const ALLOWED: [QmStatus, QmStatus][] = [
	['not_engaged', 'interested'],
	['interested', 'registered'],
	['interested', 'not_engaged'],
	['registered', 'self_audit_in_progress'],
	['registered', 'not_engaged'],
	['self_audit_in_progress', 'audit_submitted'],
	['self_audit_in_progress', 'not_engaged'],
	['audit_submitted', 'assessor_review'],
	['audit_submitted', 'self_audit_in_progress'],
	['audit_submitted', 'not_engaged'],
	['assessor_review', 'assessment_visit_booked'],
	['assessor_review', 'self_audit_in_progress'],
	['assessor_review', 'not_engaged'],
	['assessment_visit_booked', 'achieved'],
	['assessment_visit_booked', 'not_yet_achieved'],
	['assessment_visit_booked', 'assessor_review'],
	['assessment_visit_booked', 'not_engaged'],
	['achieved', 'registered'],
	['achieved', 'self_audit_in_progress'],
	['achieved', 'not_engaged'],
	['not_yet_achieved', 'self_audit_in_progress'],
	['not_yet_achieved', 'not_engaged'],
	['renewal_due', 'registered'],
	['renewal_due', 'self_audit_in_progress'],
	['renewal_due', 'not_engaged'],
	['lapsed', 'registered'],
	['lapsed', 'self_audit_in_progress'],
	['lapsed', 'not_engaged']
];
const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
const ALL_PAIRS = QM_STATUSES.flatMap((from) => QM_STATUSES.map((to) => [from, to] as [QmStatus, QmStatus]));
const REFUSED = ALL_PAIRS.filter(([from, to]) => !allowed.has(`${from}>${to}`));

/** A record that shows `status` on TODAY; renewal due and lapsed come from an award's dates. */
function recordShowing(status: QmStatus): QualityMarkRecord {
	const base = { ...newQualityMarkRecord(100001, 'basic_skills', '2025-01-01'), feedback: null };
	const awardedOn = (awardDate: string): QualityMarkRecord => ({
		...base,
		status: 'achieved',
		awardDate,
		expiryDate: addYearsIso(awardDate, 3)
	});
	if (status === 'achieved') return awardedOn('2024-09-01');
	if (status === 'renewal_due') return awardedOn('2022-12-01');
	if (status === 'lapsed') return awardedOn('2022-01-01');
	return { ...base, status };
}

/** The details each target needs; the rest need none. */
const DETAILS: Partial<Record<QmStatus, TransitionDetails>> = {
	assessment_visit_booked: { visitDate: '2025-11-20' },
	not_yet_achieved: { feedback: 'Show the impact of the intervention groups.' }
};

describe('the transition table', () => {
	it('covers exactly the statuses that a fixture shows', () => {
		for (const status of QM_STATUSES) expect(effectiveStatus(recordShowing(status), TODAY)).toBe(status);
	});

	it.each(ALL_PAIRS)('canTransition(%s, %s) matches the allowed list', (from, to) => {
		expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
	});

	it.each(ALLOWED)('moves %s → %s', (from, to) => {
		const record = recordShowing(from);
		const result = transition(record, to, DETAILS[to] ?? {}, TODAY);
		expect(result).toMatchObject({ ok: true, record: { status: to, statusChangedOn: TODAY }, change: { from, to, on: TODAY } });
		if (result.ok) expect(effectiveStatus(result.record, TODAY)).toBe(to);
	});

	it.each(REFUSED)('refuses %s → %s with a plain-English reason', (from, to) => {
		const record = recordShowing(from);
		const before = structuredClone(record);
		const result = transition(record, to, DETAILS[to] ?? {}, TODAY);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			if (to === 'renewal_due' || to === 'lapsed') expect(result.error).toMatch(/is worked out from the expiry date and cannot be set by hand$/);
			else if (from === to) expect(result.error).toBe(`This Quality Mark is already at ${QM_STATUS_LABELS[to]}`);
			else expect(result.error).toMatch(new RegExp(`^A Quality Mark cannot go from ${QM_STATUS_LABELS[from]} to ${QM_STATUS_LABELS[to]}\\. Next it can be: `));
		}
		expect(record).toEqual(before);
	});

	it.each([
		['interested', 'achieved', 'A Quality Mark cannot go from Interested to Achieved. Next it can be: Registered or Not engaged'],
		['not_engaged', 'registered', 'A Quality Mark cannot go from Not engaged to Registered. Next it can be: Interested'],
		['self_audit_in_progress', 'achieved', 'A Quality Mark cannot go from Self-audit in progress to Achieved. Next it can be: Audit submitted or Not engaged'],
		['lapsed', 'achieved', 'A Quality Mark cannot go from Lapsed to Achieved. Next it can be: Registered, Self-audit in progress or Not engaged'],
		['achieved', 'renewal_due', 'Renewal due is worked out from the expiry date and cannot be set by hand'],
		['assessment_visit_booked', 'lapsed', 'Lapsed is worked out from the expiry date and cannot be set by hand']
	] as [QmStatus, QmStatus, string][])('explains %s → %s', (from, to, message) => {
		expect(transition(recordShowing(from), to, {}, TODAY)).toEqual({ ok: false, error: message });
	});
});

describe('details a move needs', () => {
	const booked = recordShowing('assessment_visit_booked');

	it.each([
		['assessment_visit_booked', recordShowing('assessor_review'), {}, 'Give the date of the assessment visit'],
		['assessment_visit_booked', recordShowing('assessor_review'), { visitDate: '2025-02-30' }, 'Enter the visit date as a real date, like 2025-07-14'],
		['not_yet_achieved', booked, {}, 'Give the school feedback on what to do before it resubmits'],
		['not_yet_achieved', booked, { feedback: '   ' }, 'Give the school feedback on what to do before it resubmits'],
		['achieved', booked, { awardDate: '2025-10-02' }, 'The award date cannot be in the future'],
		[
			'achieved',
			{ ...booked, visitDate: '2025-09-24' },
			{ awardDate: '2024-02-01' },
			'The award date cannot be before the assessment visit on Wednesday 24 September 2025'
		],
		['achieved', booked, { awardDate: '1/10/2025' }, 'Enter the award date as a real date, like 2025-07-14']
	] as [QmStatus, QualityMarkRecord, TransitionDetails, string][])('to %s refuses %j', (to, record, details, message) => {
		expect(transition(record, to, details, TODAY)).toEqual({ ok: false, error: message });
	});

	it('records the visit date, and clears it when the visit is called off', () => {
		const result = transition(recordShowing('assessor_review'), 'assessment_visit_booked', { visitDate: '2025-11-20' }, TODAY);
		expect(result.ok && result.record.visitDate).toBe('2025-11-20');
		const off = result.ok ? transition(result.record, 'assessor_review', { note: 'Head off sick' }, TODAY) : result;
		expect(off).toMatchObject({ ok: true, record: { visitDate: null }, change: { note: 'Head off sick' } });
	});

	it('calls a booked visit off when the school withdraws, but keeps a visit already held', () => {
		const withdrawn = transition({ ...booked, visitDate: '2025-11-20' }, 'not_engaged', {}, TODAY);
		expect(withdrawn).toMatchObject({ ok: true, record: { visitDate: null } });
		const held = { ...recordShowing('achieved'), visitDate: '2024-08-20' };
		expect(transition(held, 'not_engaged', {}, TODAY)).toMatchObject({ ok: true, record: { visitDate: '2024-08-20' } });
	});

	it('keeps trimmed feedback for a resubmission and drops it once achieved', () => {
		const notYet = transition(booked, 'not_yet_achieved', { feedback: '  Show impact.  ' }, TODAY);
		expect(notYet.ok && notYet.record.feedback).toBe('Show impact.');
		if (!notYet.ok) return;
		const back = transition(notYet.record, 'self_audit_in_progress', {}, TODAY);
		expect(back.ok && back.record.feedback).toBe('Show impact.');
		const rebooked = { ...notYet.record, status: 'assessment_visit_booked' as const };
		const won = transition(rebooked, 'achieved', {}, TODAY);
		expect(won.ok && won.record.feedback).toBeNull();
	});

	it('writes a blank note as null in the change', () => {
		const result = transition(recordShowing('interested'), 'registered', { note: '  ' }, TODAY);
		expect(result.ok && result.change.note).toBeNull();
	});
});

describe('award, expiry and renewal dates', () => {
	const booked = recordShowing('assessment_visit_booked');

	it.each([
		[undefined, TODAY, '2028-10-01'],
		['2025-07-14', '2025-07-14', '2028-07-14'],
		['2024-02-29', '2024-02-29', '2027-02-28'],
		['2025-08-31', '2025-08-31', '2028-08-31']
	])('achieved with award date %s gives award %s and expiry %s', (awardDate, award, expiry) => {
		const result = transition(booked, 'achieved', awardDate ? { awardDate } : {}, TODAY);
		expect(result).toMatchObject({ ok: true, record: { awardDate: award, expiryDate: expiry } });
	});

	it.each([
		['2028-07-14', '2028-01-14'],
		['2027-02-28', '2026-08-28'],
		['2028-08-31', '2028-02-29'],
		['2027-08-31', '2027-02-28']
	])('an award expiring %s is due for renewal from %s', (expiry, from) => {
		expect(renewalDueFrom(expiry)).toBe(from);
	});

	const award = { ...recordShowing('achieved'), awardDate: '2025-07-14', expiryDate: '2028-07-14' };
	it.each([
		['2025-07-14', 'achieved'],
		['2028-01-13', 'achieved'],
		['2028-01-14', 'renewal_due'],
		['2028-07-14', 'renewal_due'],
		['2028-07-15', 'lapsed'],
		['2031-01-01', 'lapsed']
	])('on %s an award expiring 2028-07-14 shows %s', (today, status) => {
		expect(effectiveStatus(award, today)).toBe(status);
	});

	it.each([
		['2025-07-13', false],
		['2025-07-14', true],
		['2028-07-14', true],
		['2028-07-15', false]
	])('on %s the school holds the award: %s', (today, held) => {
		expect(holdsAward(award, today)).toBe(held);
	});

	it('never computes renewal dates for a status other than achieved', () => {
		const withdrawn = { ...award, status: 'not_engaged' as const };
		expect(effectiveStatus(withdrawn, '2030-01-01')).toBe('not_engaged');
	});

	it('keeps the old award through a renewal and replaces it when the renewal is achieved', () => {
		const renewing = transition(award, 'self_audit_in_progress', {}, '2028-02-01');
		expect(renewing).toMatchObject({ ok: true, change: { from: 'renewal_due' }, record: { awardDate: '2025-07-14' } });
		if (!renewing.ok) return;
		expect(holdsAward(renewing.record, '2028-07-14')).toBe(true);
		const visit = { ...renewing.record, status: 'assessment_visit_booked' as const };
		const renewed = transition(visit, 'achieved', { awardDate: '2028-06-30' }, '2028-07-01');
		expect(renewed).toMatchObject({ ok: true, record: { awardDate: '2028-06-30', expiryDate: '2031-06-30' } });
	});
});
