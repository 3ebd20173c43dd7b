import { toCsv } from '../csv';
import { CATEGORY_LABELS } from '../../domain/analysis/categories';
import { STATUS_LABELS } from '../../domain/analysis/intervention';
import { academicYearLabel } from '../../domain/ks2/types';
import { FLAG_LABELS, FLAGS } from './params';
import type { SchoolListRow } from './query';

const STATUS_WORDS = { proposed: 'Proposed', changed: 'Changed by an adviser', agreed: 'Agreed' } as const;

/** The filtered school list as CSV, one row per school, written by the one CSV writer (../csv). */
export function schoolListCsv(rows: readonly SchoolListRow[], year: number | null): string {
	const header = [
		'URN',
		'School',
		'Local authority',
		'Phase',
		'Town',
		'Link adviser',
		year === null ? 'Category' : `Category (${academicYearLabel(year)} results)`,
		'Category status',
		'DfE intervention status',
		...FLAGS.map((f) => FLAG_LABELS[f]),
		'Quality Marks held'
	];
	const body = rows.map((r) => [
		r.urn,
		r.name,
		r.laName,
		r.phase,
		r.town,
		r.linkAdviser,
		r.category ? CATEGORY_LABELS[r.category] : 'Not analysed',
		r.categoryStatus ? STATUS_WORDS[r.categoryStatus] : '',
		r.intervention ? STATUS_LABELS[r.intervention] : 'None',
		...FLAGS.map((f) => (r.flags.includes(f) ? 'Yes' : 'No')),
		r.qualityMarks.join('; ')
	]);
	return toCsv([header, ...body]);
}
