import {
	isIsoDate,
	OFSTED_GRADE_LABELS,
	OFSTED_LEGACY_GRADES,
	REPORT_CARD_GRADES,
	SOFT_INTELLIGENCE_TYPES,
	type OfstedLegacyGrade,
	type ReportCardArea,
	type ReportCardGrade,
	type SoftIntelligenceType
} from '../../domain/analysis/soft-intelligence';
import { longDate } from '../../domain/analysis/format';

/** The areas Ofsted grades on a report card (from November 2025); a school need not have all of them. */
export const REPORT_CARD_AREAS = [
	'Inclusion',
	'Curriculum and teaching',
	'Achievement',
	'Attendance and behaviour',
	'Personal development and well-being',
	'Early years',
	'Leadership and governance'
] as const;

/** The form's field name for a report-card area: area-0, area-1, ... */
export function areaField(index: number): string {
	return `area-${index}`;
}

export interface EntryInput {
	type: SoftIntelligenceType;
	date: string;
	details: string;
	grade: OfstedLegacyGrade | null;
	areas: ReportCardArea[] | null;
	safeguardingMet: boolean | null;
}

export type EntryErrors = Record<string, string>;
export type EntryValidation = { ok: true; value: EntryInput } | { ok: false; errors: EntryErrors };

export const MAX_DETAILS = 2000;

/**
 * Checks a new register entry as typed into the form. Messages say what to do, in plain words.
 * `today` (yyyy-mm-dd) stops an inspection being dated in the future; other entries may be
 * (a new headteacher who starts next term).
 */
export function validateEntry(raw: Record<string, string>, today: string): EntryValidation {
	const errors: EntryErrors = {};
	const type = raw.type as SoftIntelligenceType;
	if (!(SOFT_INTELLIGENCE_TYPES as readonly string[]).includes(type)) {
		return { ok: false, errors: { type: 'Choose what kind of entry this is' } };
	}
	const isOfsted = type === 'ofsted_legacy' || type === 'ofsted_report_card';
	const date = (raw.date ?? '').trim();
	if (date === '') errors.date = isOfsted ? 'Enter the date of the inspection' : 'Enter the date this started';
	else if (!isIsoDate(date)) errors.date = 'Enter a real date, for example 2025-03-14';
	else if (isOfsted && date > today) errors.date = 'The inspection date cannot be in the future';
	else if (date < '1990-01-01') errors.date = 'Enter a date after 1990';

	const details = (raw.details ?? '').trim();
	if (!isOfsted && details === '') errors.details = 'Describe what is happening in a few words';
	else if (details.length > MAX_DETAILS) errors.details = `Details must be ${MAX_DETAILS} characters or fewer`;

	let grade: OfstedLegacyGrade | null = null;
	let areas: ReportCardArea[] | null = null;
	let safeguardingMet: boolean | null = null;
	if (type === 'ofsted_legacy') {
		if ((OFSTED_LEGACY_GRADES as readonly string[]).includes(raw.grade ?? '')) grade = raw.grade as OfstedLegacyGrade;
		else errors.grade = 'Choose the grade Ofsted gave';
	}
	if (type === 'ofsted_report_card') {
		areas = [];
		REPORT_CARD_AREAS.forEach((area, i) => {
			const g = (raw[areaField(i)] ?? '').trim();
			if (g === '') return;
			if ((REPORT_CARD_GRADES as readonly string[]).includes(g)) areas!.push({ area, grade: g as ReportCardGrade });
			else errors[areaField(i)] = `Choose a grade for ${area.toLowerCase()}, or leave it as not graded`;
		});
		if (areas.length === 0 && !Object.keys(errors).some((k) => k.startsWith('area-'))) errors[areaField(0)] = 'Choose a grade for at least one area';
		if (raw.safeguarding === 'met') safeguardingMet = true;
		else if (raw.safeguarding === 'not_met') safeguardingMet = false;
		else errors.safeguarding = 'Say whether Ofsted found safeguarding met or not met';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { type, date, details, grade, areas, safeguardingMet } };
}

/** The end date for "end this entry": blank means today. It cannot come before the entry began. */
export function validateEndDate(raw: string, startDate: string, today: string): { ok: true; value: string } | { ok: false; message: string } {
	const value = raw.trim() === '' ? today : raw.trim();
	if (!isIsoDate(value)) return { ok: false, message: 'Enter a real end date, for example 2025-07-18' };
	if (value < startDate) return { ok: false, message: `The end date cannot be before the entry began (${longDate(startDate)})` };
	return { ok: true, value };
}

/** "Ofsted Good", "Needs attention in achievement; safeguarding met": one line for lists. */
export function gradeSummary(entry: { grade: string | null; areas: ReportCardArea[] | null; safeguardingMet: boolean | null }): string | null {
	if (entry.grade) return OFSTED_GRADE_LABELS[entry.grade as OfstedLegacyGrade] ?? entry.grade;
	if (!entry.areas) return null;
	const areas = entry.areas.map((a) => `${a.area}: ${OFSTED_GRADE_LABELS[a.grade]}`);
	return [...areas, entry.safeguardingMet ? 'Safeguarding met' : 'Safeguarding not met'].join('; ');
}
