import { academicYearLabel, academicYearsLabel } from '../ks2/types';
import { CODE_MEANINGS } from './figures';
import { FORMAT_LABELS } from './header';
import { describeProblem, type ImportReport } from './report';
import { count } from '../format';

/** Suppressed values per column as one line each: "PTRWM_EXP: 3 SUPP, 1 LOWCOV". */
export function suppressedLines(report: ImportReport): string[] {
	return Object.entries(report.suppressed).map(
		([column, byCode]) =>
			`${column}: ${Object.entries(byCode)
				.map(([code, n]) => `${n} ${code || 'blank'}`)
				.join(', ')}`
	);
}

export function codeMeaning(code: string): string {
	return CODE_MEANINGS[code] ?? 'a code DfE has not used before';
}

/** What the file was, in a few words: "a KS2 performance table for 2018/19 (final)". */
export function describeFile(report: ImportReport): string {
	if (!report.format) return report.fileName;
	const years = (report.parts ?? []).map((p) => p.year).filter((y): y is number => y !== null);
	if (years.length > 1) return `${FORMAT_LABELS[report.format]} for ${academicYearsLabel(years)}`;
	const year = report.year ? ` for ${academicYearLabel(report.year)}` : '';
	const version = report.version ? ` (${report.version})` : '';
	return `${FORMAT_LABELS[report.format]}${year}${version}`;
}

/**
 * What each part (history row) of the import stored, one line each: "2023/24 (final), import 12:
 * 16,500 school results". Empty for a file of one part with no year (a GIAS file).
 */
export function partLines(report: ImportReport): string[] {
	const parts = report.parts ?? [];
	if (!parts.some((p) => p.year !== null)) return [];
	return parts.map((p) => {
		const stored = [
			[p.resultsStored, 'school result', 'school results'],
			[p.comparatorsStored, 'LA or England comparator', 'LA and England comparators'],
			[p.contextStored, 'row of cohort and context', 'rows of cohort and context']
		]
			.filter(([n]) => Number(n) > 0)
			.map(([n, one, many]) => `${count(Number(n))} ${n === 1 ? one : many}`);
		const year = p.year === null ? 'No year' : academicYearLabel(p.year);
		return `${year}${p.version ? ` (${p.version})` : ''}, import ${p.importId}: ${stored.join(', ') || 'nothing stored'}`;
	});
}

/** Formats whose "added" and "updated" schools are schools given a year's results, not register rows. */
const RESULT_FORMATS = new Set(['ks2', 'ees_school_performance']);

/**
 * What the import counted, as label and number, for the page and the CLI alike. Only counts above
 * zero are listed, after the rows read. For KS2 results the schools counted are schools given
 * results, which may also be schools the register does not hold.
 */
export function countLines(report: ImportReport): [label: string, count: number][] {
	const results = report.format !== null && RESULT_FORMATS.has(report.format);
	const lines: [string, number][] = [
		[results ? 'Schools with results for the year for the first time' : 'Schools added', report.schoolsAdded],
		[results ? 'Schools whose results for the year were replaced' : 'Schools updated', report.schoolsUpdated],
		['Schools unchanged', report.schoolsUnchanged],
		[results ? 'Schools not in the register (their results are kept)' : 'Schools not in the register', report.schoolsNotInRegister],
		['Rows outside the LA', report.rowsOutsideLa],
		['School results stored', report.resultsStored],
		['LA and England comparators stored', report.comparatorsStored],
		['Links stored', report.linksStored],
		['Cohort and context rows stored', report.contextStored ?? 0],
		['Ofsted inspections added to the register', report.inspectionsStored ?? 0]
	];
	return [['Rows read', report.rowsRead], ...lines.filter(([, n]) => n > 0)];
}

/**
 * Whether an import that went through kept no school's rows because every school in the file was
 * outside the LA the register keeps: it is not a success, and the page says why.
 */
export function keptNoSchool(report: ImportReport): boolean {
	const kept =
		report.schoolsAdded +
		report.schoolsUpdated +
		report.schoolsUnchanged +
		report.resultsStored +
		report.linksStored +
		(report.contextStored ?? 0) +
		(report.inspectionsStored ?? 0);
	return report.rowsOutsideLa > 0 && kept === 0;
}

/** The report as plain text, for the CLI. */
export function reportText(report: ImportReport): string {
	const lines = countLines(report).map(([label, n]) => `  ${label}: ${n}`);
	if (keptNoSchool(report)) lines.unshift(`  No school's rows were kept: all ${report.rowsOutsideLa} were for schools outside the LA the register keeps.`);
	const parts = partLines(report);
	if (parts.length) lines.push('  By year:', ...parts.map((l) => `    ${l}`));
	const suppressed = suppressedLines(report);
	if (suppressed.length) lines.push('  Values not available, by column:', ...suppressed.map((l) => `    ${l}`));
	if (report.warnings.length) lines.push('Warnings:', ...report.warnings.map((w) => `  - ${w}`));
	return lines.join('\n');
}

export function problemsText(report: ImportReport): string {
	const lines = report.problems.map((p) => `  - ${describeProblem(p)}`);
	if (report.moreProblems > 0) lines.push(`  ...and ${report.moreProblems} more.`);
	return lines.join('\n');
}
