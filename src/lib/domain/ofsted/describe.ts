/**
 * An Ofsted outcome in words, for the school's register: each grade as a row of a summary list.
 * Pure, so the page and the importer's messages say the same thing.
 */
import { longDate } from '../format';
import {
	CATEGORY_OF_CONCERN_LABELS,
	OEIF_JUDGEMENT_LABELS,
	OEIF_JUDGEMENTS,
	OFSTED_GRADE_LABELS,
	oeifGradeOf,
	ofstedFields,
	SOFT_INTELLIGENCE_LABELS,
	type OeifGradeNumber,
	type OeifJudgement,
	type OfstedInspectionEntry,
	type OfstedType
} from '../analysis/soft-intelligence';

export interface SummaryRow {
	key: string;
	value: string;
}

const KIND_WORDS: Record<OfstedType, string> = {
	ofsted_legacy: 'graded inspection',
	ofsted_report_card: 'report card',
	ofsted_ungraded: 'ungraded inspection'
};

/** "report card of 3 February 2026", "graded inspection on 12 March 2024". */
export function inspectionLabel(type: OfstedType, date: string): string {
	return `${KIND_WORDS[type]} ${type === 'ofsted_report_card' ? 'of' : 'on'} ${longDate(date)}`;
}

/** "Ofsted graded inspection", "Ofsted graded inspection with no overall grade", "Ofsted report card". */
export function inspectionKind(e: OfstedInspectionEntry): string {
	const label = SOFT_INTELLIGENCE_LABELS[e.type];
	return e.type === 'ofsted_legacy' && e.grade === null ? `${label} with no overall grade` : label;
}

/** "3 (Requires improvement)". */
export function oeifGradeWords(n: OeifGradeNumber): string {
	return `${n} (${OFSTED_GRADE_LABELS[oeifGradeOf(n)]})`;
}

/** "Quality of education": a sub-judgement's name as a label or a summary-list key. */
export function judgementLabel(j: OeifJudgement): string {
	const words = OEIF_JUDGEMENT_LABELS[j];
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Every grade the entry records, in Ofsted's order, then safeguarding and the category of concern.
 * A graded outcome always shows its category of concern ("None" when there is none).
 */
export function inspectionRows(e: OfstedInspectionEntry): SummaryRow[] {
	const rows: SummaryRow[] = [];
	if (e.type === 'ofsted_legacy') {
		rows.push({ key: 'Overall effectiveness', value: e.grade === null ? 'Not judged (no overall grade)' : OFSTED_GRADE_LABELS[e.grade] });
		for (const j of OEIF_JUDGEMENTS) {
			const n = e.judgements?.[j] ?? null;
			if (n !== null) rows.push({ key: judgementLabel(j), value: oeifGradeWords(n) });
		}
		if (e.safeguardingEffective !== undefined && e.safeguardingEffective !== null) {
			rows.push({ key: 'Safeguarding is effective', value: e.safeguardingEffective ? 'Yes' : 'No' });
		}
	} else if (e.type === 'ofsted_report_card') {
		for (const a of e.areas) rows.push({ key: a.area, value: OFSTED_GRADE_LABELS[a.grade] });
		rows.push({ key: 'Safeguarding standards', value: e.safeguardingMet ? 'Met' : 'Not met' });
	} else {
		rows.push({ key: 'Outcome', value: e.outcome.trim() === '' ? 'Not given' : e.outcome.trim() });
	}
	const category = ofstedFields(e).categoryOfConcern;
	if (category !== null || e.type !== 'ofsted_ungraded') {
		rows.push({ key: 'Category of concern', value: category === null ? 'None' : CATEGORY_OF_CONCERN_LABELS[category] });
	}
	return rows;
}
