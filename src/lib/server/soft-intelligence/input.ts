import {
	CATEGORIES_OF_CONCERN,
	isIsoDate,
	isOfstedType,
	OEIF_JUDGEMENT_LABELS,
	OEIF_JUDGEMENTS,
	OFSTED_LEGACY_GRADES,
	REPORT_CARD_GRADES,
	SOFT_INTELLIGENCE_TYPES,
	type CategoryOfConcern,
	type OeifGradeNumber,
	type OeifJudgement,
	type OeifJudgements,
	type OfstedInspectionEntry,
	type OfstedLegacyGrade,
	type OfstedType,
	type ReportCardArea,
	type ReportCardGrade,
	type SoftIntelligenceType
} from '../../domain/analysis/soft-intelligence';
import { longDate } from '../../domain/format';

/**
 * The areas Ofsted grades on a report card (from November 2025), in the form's order; a school need
 * not have all of them. The form's field for each is area-0, area-1, ... (see areaField).
 */
export const REPORT_CARD_AREAS = [
	'Inclusion',
	'Curriculum and teaching',
	'Achievement',
	'Attendance and behaviour',
	'Personal development and wellbeing',
	'Early years',
	'Leadership and governance',
	'Post-16 provision'
] as const;

/** The form's field name for a report-card area: area-0, area-1, ... */
export function areaField(index: number): string {
	return `area-${index}`;
}

/** The OEIF sub-judgements an inspection with no overall grade must give (docs/ofsted.md, Three kinds of outcome). */
export const REQUIRED_JUDGEMENTS: readonly OeifJudgement[] = ['qualityOfEducation', 'behaviourAndAttitudes', 'personalDevelopment', 'leadershipAndManagement'];

/** The form's value for an OEIF inspection that gave no overall grade. */
export const NOT_JUDGED = 'not_judged';

/** What Ofsted recorded about one inspection, beyond its kind and date. */
export interface OfstedInput {
	grade: OfstedLegacyGrade | null;
	judgements: OeifJudgements | null;
	safeguardingEffective: boolean | null;
	areas: ReportCardArea[] | null;
	safeguardingMet: boolean | null;
	outcome: string | null;
	categoryOfConcern: CategoryOfConcern | null;
	predecessor: boolean;
}

export interface EntryInput extends OfstedInput {
	type: SoftIntelligenceType;
	date: string;
	details: string;
}

export type EntryErrors = Record<string, string>;
export type EntryValidation = { ok: true; value: EntryInput } | { ok: false; errors: EntryErrors };

export const MAX_DETAILS = 2000;
export const MAX_OUTCOME = 200;

const NOTHING: OfstedInput = {
	grade: null,
	judgements: null,
	safeguardingEffective: null,
	areas: null,
	safeguardingMet: null,
	outcome: null,
	categoryOfConcern: null,
	predecessor: false
};

/**
 * Checks a new register entry as typed into the form. Messages say what to do, in plain words.
 * `today` (yyyy-mm-dd) stops an inspection, or a concern, being dated in the future: a concern
 * counts from its date, so one mistyped years ahead would never count. Leadership changes (a new
 * headteacher who starts next term) and other entries may be dated up to a year ahead.
 */
/** Entries that may be dated ahead of today: a leadership change that is known before it starts, and anything else noted. */
const AHEAD_ALLOWED: readonly SoftIntelligenceType[] = ['new_head', 'interim_leadership', 'other'];
const aYearOn = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;

/** The first day of report-card inspections. */
export const REPORT_CARDS_FROM = '2025-11-10';
/** The first day graded inspections gave sub-judgements but no overall grade ("Not judged"). */
export const NOT_JUDGED_FROM = '2024-09-01';

export function validateEntry(raw: Record<string, string>, today: string): EntryValidation {
	const errors: EntryErrors = {};
	const type = raw.type as SoftIntelligenceType;
	if (!(SOFT_INTELLIGENCE_TYPES as readonly string[]).includes(type)) {
		return { ok: false, errors: { type: 'Choose what kind of entry this is' } };
	}
	const isOfsted = isOfstedType(type);
	const date = (raw.date ?? '').trim();
	if (date === '') errors.date = isOfsted ? 'Enter the date of the inspection' : 'Enter the date this started';
	else if (!isIsoDate(date)) errors.date = 'Enter a real date, for example 2025-03-14';
	else if (isOfsted && date > today) errors.date = 'The inspection date cannot be in the future';
	else if (!AHEAD_ALLOWED.includes(type) && date > today) errors.date = 'The date this started cannot be in the future. Record it once it has started';
	else if (date > aYearOn(today)) errors.date = 'Enter a date no more than a year from today';
	else if (date < '1990-01-01') errors.date = 'Enter a date after 1990';
	// Graded inspections under the 2019 framework ended when report cards began, on 10 November 2025.
	else if (type === 'ofsted_legacy' && date >= REPORT_CARDS_FROM)
		errors.date = 'Graded inspections under the old framework ended on 9 November 2025. For an inspection since then, record a report card';
	else if (type === 'ofsted_report_card' && date < REPORT_CARDS_FROM)
		errors.date = 'Report cards began on 10 November 2025. For an inspection before then, record a graded inspection under the old framework';

	const details = validateDetails(raw, !isOfsted, errors);
	const ofsted = isOfsted ? validateOfsted(type, raw, errors, errors.date ? null : date) : NOTHING;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { type, date, details, ...ofsted } };
}

/** A correction of an Ofsted entry's grades: everything but its kind and date (those identify the inspection). */
export function validateCorrection(
	type: OfstedType,
	date: string,
	raw: Record<string, string>
): { ok: true; value: OfstedInput & { details: string } } | { ok: false; errors: EntryErrors } {
	const errors: EntryErrors = {};
	const details = validateDetails(raw, false, errors);
	const ofsted = validateOfsted(type, raw, errors, date);
	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { ...ofsted, details } };
}

function validateDetails(raw: Record<string, string>, required: boolean, errors: EntryErrors): string {
	const details = (raw.details ?? '').trim();
	if (required && details === '') errors.details = 'Describe what is happening in a few words';
	else if (details.length > MAX_DETAILS) errors.details = `Details must be ${MAX_DETAILS} characters or fewer`;
	return details;
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T => (list as readonly string[]).includes(value ?? '');

/**
 * The fields of one kind of Ofsted outcome, with an error under each field name that is wrong.
 * `date` is the inspection's, when it is a real one: before September 2024 every graded inspection gave an overall grade.
 */
function validateOfsted(type: OfstedType, raw: Record<string, string>, errors: EntryErrors, date: string | null): OfstedInput {
	const out: OfstedInput = { ...NOTHING };
	if (type === 'ofsted_legacy') {
		const grade = raw.grade ?? '';
		if (oneOf(OFSTED_LEGACY_GRADES, grade)) out.grade = grade;
		else if (grade !== NOT_JUDGED) errors.grade = 'Choose the overall grade Ofsted gave, or Not judged';
		else if (date !== null && date < NOT_JUDGED_FROM)
			errors.grade = 'Graded inspections gave an overall grade until September 2024. Choose the overall grade Ofsted gave';
		out.judgements = {};
		for (const j of OEIF_JUDGEMENTS) {
			const value = (raw[j] ?? '').trim();
			if (/^[1-4]$/.test(value)) out.judgements[j] = Number(value) as OeifGradeNumber;
			else if (value !== '' || (grade === NOT_JUDGED && REQUIRED_JUDGEMENTS.includes(j))) {
				errors[j] = `Choose a grade from 1 to 4 for ${OEIF_JUDGEMENT_LABELS[j]}`;
			}
		}
		const safeguarding = raw.safeguardingEffective ?? '';
		if (safeguarding === 'yes' || safeguarding === 'no') out.safeguardingEffective = safeguarding === 'yes';
		else if (safeguarding !== '') errors.safeguardingEffective = 'Say whether Ofsted found safeguarding effective';
	}
	if (type === 'ofsted_report_card') {
		const areas: ReportCardArea[] = [];
		REPORT_CARD_AREAS.forEach((area, i) => {
			const g = (raw[areaField(i)] ?? '').trim();
			if (g === '') return;
			if (oneOf(REPORT_CARD_GRADES, g)) areas.push({ area, grade: g as ReportCardGrade });
			else errors[areaField(i)] = `Choose a grade for ${area.toLowerCase()}, or leave it as not graded`;
		});
		if (areas.length === 0 && !Object.keys(errors).some((k) => k.startsWith('area-'))) errors[areaField(0)] = 'Choose a grade for at least one area';
		out.areas = areas;
		if (raw.safeguarding === 'met') out.safeguardingMet = true;
		else if (raw.safeguarding === 'not_met') out.safeguardingMet = false;
		else errors.safeguarding = 'Say whether Ofsted found safeguarding met or not met';
	}
	if (type === 'ofsted_ungraded') {
		const outcome = (raw.outcome ?? '').replace(/\s+/g, ' ').trim();
		if (outcome === '') errors.outcome = 'Enter the outcome Ofsted gave, for example School remains Good';
		else if (outcome.length > MAX_OUTCOME) errors.outcome = `The outcome must be ${MAX_OUTCOME} characters or fewer`;
		out.outcome = outcome;
	}
	const category = raw.categoryOfConcern ?? '';
	if (oneOf(CATEGORIES_OF_CONCERN, category)) out.categoryOfConcern = category;
	else if (category !== '') errors.categoryOfConcern = 'Choose a category of concern from the list, or None';
	out.predecessor = raw.predecessor === 'yes';
	return out;
}

/** An Ofsted entry as the form's values, so "Correct" opens with what is recorded now. */
export function formValuesOf(e: OfstedInspectionEntry): Record<string, string> {
	const values: Record<string, string> = {
		details: e.details,
		categoryOfConcern: e.categoryOfConcern ?? '',
		predecessor: e.predecessor ? 'yes' : ''
	};
	if (e.type === 'ofsted_legacy') {
		values.grade = e.grade ?? NOT_JUDGED;
		for (const j of OEIF_JUDGEMENTS) values[j] = String(e.judgements?.[j] ?? '');
		values.safeguardingEffective = e.safeguardingEffective === true ? 'yes' : e.safeguardingEffective === false ? 'no' : '';
	} else if (e.type === 'ofsted_report_card') {
		for (const a of e.areas) {
			const i = REPORT_CARD_AREAS.findIndex((name) => areaKey(name) === areaKey(a.area));
			if (i >= 0) values[areaField(i)] = a.grade;
		}
		values.safeguarding = e.safeguardingMet ? 'met' : 'not_met';
	} else {
		values.outcome = e.outcome;
	}
	return values;
}

/** "Personal development and well-being" and "…wellbeing", "Early years (where applicable)" and "Early years" are one area. */
function areaKey(area: string): string {
	return area
		.toLowerCase()
		.replace(/\(where applicable\)/, '')
		.replace(/[^a-z0-9]/g, '');
}

/** The end date for "end this entry": blank means today. It cannot come before the entry began. */
export function validateEndDate(
	raw: string,
	startDate: string,
	today: string,
	type: SoftIntelligenceType | null = null
): { ok: true; value: string } | { ok: false; message: string } {
	const value = raw.trim() === '' ? today : raw.trim();
	if (!isIsoDate(value)) return { ok: false, message: 'Enter a real end date, for example 2025-07-18' };
	if (value < startDate) return { ok: false, message: `The end date cannot be before the entry began (${longDate(startDate)})` };
	// The school sees a request with an end date as closed, and may then ask again: it closes when it is closed.
	if (type === 'self_referral' && value > today) {
		return { ok: false, message: 'A request for support cannot be closed on a date still to come. Close it on the day it is dealt with' };
	}
	return { ok: true, value };
}
