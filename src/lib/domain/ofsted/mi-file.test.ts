import { describe, expect, it } from 'vitest';
import { inspectionKey, laCodeOf, MI_COLUMNS, miFillsIn, miLayoutProblem, miSourceLabel, parseMiDate, parseMiUrn, readMiRow, type MiField } from './mi-file';

/** A row from cells named by MI column; every other column is NULL, as Ofsted writes it. */
const row = (cells: Partial<Record<string, string>>) =>
	readMiRow((field: MiField) => {
		const name = MI_COLUMNS[field];
		return name in cells ? cells[name] : 'NULL';
	});

describe('parseMiDate', () => {
	it.each([
		['30/04/2026', '2026-04-30'],
		['1/9/2024', '2024-09-01'],
		[' 10/11/2025 ', '2025-11-10'],
		['10/11/2025 00:00', '2025-11-10'],
		['2025-11-10', '2025-11-10']
	])('%j → %s', (cell, iso) => {
		expect(parseMiDate(cell)).toEqual({ ok: true, value: iso });
	});

	it.each(['', 'NULL', 'Not applicable', undefined])('%j is no date', (cell) => {
		expect(parseMiDate(cell)).toEqual({ ok: true, value: null });
	});

	it.each(['31/02/2026', '2026/04/30', '30 April 2026', '13/13/2025', 'soon'])('%j is refused in plain words', (cell) => {
		expect(parseMiDate(cell)).toEqual({ ok: false, message: `“${cell}” is not a date in the form dd/mm/yyyy` });
	});
});

describe('parseMiUrn and laCodeOf', () => {
	it('reads a URN and the LA code from LAESTAB', () => {
		expect(parseMiUrn(' 100001 ')).toEqual({ ok: true, value: 100001 });
		expect(parseMiUrn('')).toEqual({ ok: false, message: 'the row has no URN' });
		expect(parseMiUrn('10000A')).toEqual({ ok: false, message: '“10000A” is not a URN (a whole number of up to 7 digits)' });
		expect([laCodeOf('8502001'), laCodeOf('850/2001'), laCodeOf('NULL'), laCodeOf(undefined)]).toEqual(['850', '850', null, null]);
	});
});

describe('miSourceLabel', () => {
	it.each([
		['Management information - state-funded schools - latest inspections as at 30 April 2026.csv', 'Ofsted MI as at 30 April 2026'],
		['Management_information_-_state-funded_schools_-_latest_inspections_as_at_31_Jan_2026.csv', 'Ofsted MI as at 31 January 2026'],
		['latest inspections as at 30 Sept 2025.csv', 'Ofsted MI as at 30 September 2025'],
		['latest_inspections_as_at_30-04-2026.csv', 'Ofsted MI as at 30 April 2026'],
		['mi as at 2026-03-31.csv', 'Ofsted MI as at 31 March 2026']
	])('%s → %s', (name, label) => {
		expect(miSourceLabel(name)).toBe(label);
	});

	it('names the file when its name has no date', () => {
		expect(miSourceLabel('ofsted.csv')).toBe('Ofsted MI file ofsted.csv');
		expect(miSourceLabel('inspections as at 31 Feb 2026.csv')).toBe('Ofsted MI file inspections as at 31 Feb 2026.csv');
	});
});

describe('readMiRow', () => {
	it('reads the three kinds of inspection side by side, with categories of concern and predecessors', () => {
		const read = row({
			URN: '100001',
			LAESTAB: '8502001',
			'Inspection start date': '03/02/2026',
			'Publication date': '02/03/2026',
			Inclusion: 'Expected standard',
			'Curriculum and teaching': 'needs attention',
			'Leadership and governance': 'Urgent improvement',
			'Early years (where applicable)': 'Not applicable',
			'Post-16 provision (where applicable)': 'Strong standard',
			'Safeguarding standards': 'Met',
			'Category of concern': 'SM',
			'Does the latest full inspection relate to the URN of the current school?': 'Yes',
			'Inspection start date of latest OEIF graded inspection': '14/10/2024',
			'Latest OEIF overall effectiveness': 'Not judged',
			'Latest OEIF quality of education': '3',
			'Latest OEIF behaviour and attitudes': '2',
			'Latest OEIF effectiveness of leadership and management': '2',
			'Latest OEIF  safeguarding is effective?': 'Yes',
			'Does the latest OEIF graded inspection relate to the URN of the current school?': 'No',
			'Date of latest ungraded inspection': '05/06/2022',
			'Ungraded inspection overall outcome': ' School  remains Good ',
			'Does the ungraded inspection relate to the URN of the current school?': 'NULL'
		});
		expect(read).toEqual({
			ok: true,
			row: {
				urn: 100001,
				laCode: '850',
				inspections: [
					{
						type: 'ofsted_report_card',
						date: '2026-02-03',
						publishedDate: '2026-03-02',
						areas: [
							{ area: 'Inclusion', grade: 'expected_standard' },
							{ area: 'Curriculum and teaching', grade: 'needs_attention' },
							{ area: 'Leadership and governance', grade: 'urgent_improvement' },
							{ area: 'Post-16 provision', grade: 'strong_standard' }
						],
						safeguardingMet: true,
						categoryOfConcern: 'special_measures',
						predecessor: false
					},
					{
						type: 'ofsted_legacy',
						date: '2024-10-14',
						publishedDate: null,
						grade: null,
						judgements: { qualityOfEducation: 3, behaviourAndAttitudes: 2, leadershipAndManagement: 2 },
						safeguardingEffective: true,
						categoryOfConcern: null,
						predecessor: true
					},
					{ type: 'ofsted_ungraded', date: '2022-06-05', publishedDate: null, outcome: 'School remains Good', categoryOfConcern: null, predecessor: false }
				]
			}
		});
	});

	it('a school with nothing but NULLs has no inspections', () => {
		expect(row({ URN: '100002', LAESTAB: 'NULL' })).toEqual({ ok: true, row: { urn: 100002, laCode: null, inspections: [] } });
	});

	it('an OEIF overall grade of 1 to 4 is the grade', () => {
		const read = row({
			URN: '100003',
			'Inspection start date of latest OEIF graded inspection': '01/02/2023',
			'Latest OEIF overall effectiveness': '4',
			'Latest OEIF category of concern': 'Serious weaknesses'
		});
		expect(read.ok && read.row.inspections[0]).toMatchObject({
			type: 'ofsted_legacy',
			grade: 'inadequate',
			categoryOfConcern: 'serious_weaknesses',
			safeguardingEffective: null
		});
	});

	it('says what is wrong with each cell, by column', () => {
		expect(
			row({
				URN: '100004',
				'Inspection start date': '31/02/2026',
				Achievement: 'Good',
				'Category of concern': 'Bad',
				'Inspection start date of latest OEIF graded inspection': '01/02/2023',
				'Latest OEIF overall effectiveness': '5',
				'Latest OEIF quality of education': '0'
			})
		).toEqual({
			ok: false,
			problems: [
				{ field: 'cardDate', message: '“31/02/2026” is not a date in the form dd/mm/yyyy' },
				{ field: 'oeifOverall', message: '“5” is not an OEIF grade (1 to 4, or Not judged)' },
				{ field: 'qualityOfEducation', message: '“0” is not an OEIF grade (1 to 4, or Not judged)' }
			]
		});
		expect(
			row({ URN: '100005', 'Inspection start date': '03/02/2026', Achievement: 'Good', 'Safeguarding standards': 'Met', 'Category of concern': 'Bad' })
		).toEqual({
			ok: false,
			problems: [
				{ field: 'achievement', message: '“Good” is not a report-card grade' },
				{ field: 'cardCategory', message: '“Bad” is not a category of concern (SM, SWK or RSI)' }
			]
		});
	});

	it('refuses grades with no inspection date, and a report card with no safeguarding standards', () => {
		expect(
			row({
				URN: '100006',
				Achievement: 'Expected standard',
				'Latest OEIF overall effectiveness': '2',
				'Ungraded inspection overall outcome': 'Standards maintained'
			})
		).toEqual({
			ok: false,
			problems: [
				{ field: 'cardDate', message: 'there is a report card but no date for it' },
				{ field: 'oeifDate', message: 'there is an OEIF graded inspection but no date for it' },
				{ field: 'ungradedDate', message: 'there is an ungraded inspection outcome but no date for it' }
			]
		});
		expect(row({ URN: '100007', 'Inspection start date': '03/02/2026', Achievement: 'Expected standard' })).toEqual({
			ok: false,
			problems: [{ field: 'cardSafeguarding', message: 'the report card has no safeguarding standards: it should say Met or Not met' }]
		});
	});

	it('keys an inspection by school, kind and start date', () => {
		expect(inspectionKey(100001, 'ofsted_report_card', '2026-02-03')).toBe('100001 ofsted_report_card 2026-02-03');
	});
});

describe('miLayoutProblem', () => {
	const layoutOf = (columns: string[]) => miLayoutProblem((column) => columns.includes(column));
	const OLDER = [
		'URN',
		'LAESTAB',
		'Inspection start date',
		'Publication date',
		'Overall effectiveness',
		'Safeguarding is effective?',
		'Category of concern',
		'Date of latest ungraded inspection',
		'Ungraded inspection overall outcome'
	];

	it.each([
		['the 2026 layout', Object.values(MI_COLUMNS)],
		['a file with no report card date', ['URN', 'Ungraded inspection overall outcome', 'Latest OEIF overall effectiveness']],
		['report cards with only safeguarding standards', ['URN', 'Inspection start date', 'Safeguarding standards']],
		['report cards with only some areas', ['URN', 'Inspection start date', 'Inclusion', 'Achievement']]
	])('%s is read', (_what, columns) => {
		expect(layoutOf(columns)).toBeNull();
	});

	it('an older layout, with an inspection start date but no report card columns, is refused in one plain message saying what to download', () => {
		expect(layoutOf(OLDER)).toBe(
			'This is Ofsted\'s management information in an older layout, from before report cards began in November 2025: it has an Inspection start date column but none of the report card columns (Inclusion, Achievement, Safeguarding standards and the others), so its inspections cannot be read. Download the latest month\'s "Management information - state-funded schools - latest inspections as at <date>" from GOV.UK and import that instead.'
		);
	});
});

describe('miFillsIn', () => {
	it.each([
		['a GIAS rating’s record', { source: 'gias_import', corrected: false, withdrawn: false }, true],
		['a GIAS rating’s record an adviser corrected', { source: 'gias_import', corrected: true, withdrawn: false }, false],
		['a GIAS rating’s record an adviser withdrew', { source: 'gias_import', corrected: false, withdrawn: true }, false],
		['an adviser’s own record', { source: 'adviser', corrected: false, withdrawn: false }, false],
		['a headteacher’s record', { source: 'headteacher', corrected: false, withdrawn: false }, false],
		['an earlier MI file’s record', { source: 'ofsted_mi', corrected: false, withdrawn: false }, false]
	] as const)('%s: %s', (_what, entry, fills) => {
		expect(miFillsIn(entry)).toBe(fills);
	});
});
