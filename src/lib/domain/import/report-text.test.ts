import { describe, expect, it } from 'vitest';
import type { FileFormat } from './header';
import { emptyReport, type ImportReport } from './report';
import { countLines, keptNoSchool } from './report-text';

const report = (format: FileFormat, counts: Partial<ImportReport>): ImportReport => ({ ...emptyReport('file.csv'), format, ...counts });

describe('what an import counted', () => {
	it.each([
		[
			'KS2 results for schools the register does not hold yet: schools given results, not schools added to the register',
			report('ks2', { rowsRead: 331, schoolsAdded: 331, schoolsNotInRegister: 331, resultsStored: 331 }),
			[
				['Rows read', 331],
				['Schools with results for the year for the first time', 331],
				['Schools not in the register (their results are kept)', 331],
				['School results stored', 331]
			]
		],
		[
			'EES school performance replacing a year',
			report('ees_school_performance', { rowsRead: 40, schoolsUpdated: 2 }),
			[
				['Rows read', 40],
				['Schools whose results for the year were replaced', 2]
			]
		],
		[
			'a GIAS register',
			report('gias_register', { rowsRead: 3, schoolsAdded: 1, schoolsUpdated: 1, schoolsUnchanged: 1, rowsOutsideLa: 1 }),
			[
				['Rows read', 3],
				['Schools added', 1],
				['Schools updated', 1],
				['Schools unchanged', 1],
				['Rows outside the LA', 1]
			]
		],
		['nothing but rows read', report('ofsted_mi', { rowsRead: 0 }), [['Rows read', 0]]]
	])('%s', (_, r, lines) => {
		expect(countLines(r)).toEqual(lines);
	});
});

describe('an import that kept no school', () => {
	it.each([
		['every KS2 row outside the LA, England comparators stored', report('ks2', { rowsOutsideLa: 331, comparatorsStored: 2 }), true],
		['every register row outside the LA', report('gias_register', { rowsOutsideLa: 20 }), true],
		['some rows kept', report('ks2', { rowsOutsideLa: 300, resultsStored: 31 }), false],
		['register rows already up to date', report('gias_register', { rowsOutsideLa: 2, schoolsUnchanged: 5 }), false],
		['nothing left out (an LA performance file)', report('ees_la_performance', { comparatorsStored: 10 }), false]
	])('%s: %s', (_, r, kept) => {
		expect(keptNoSchool(r)).toBe(kept);
	});
});
