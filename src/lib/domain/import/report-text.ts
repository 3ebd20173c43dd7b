import { academicYearLabel } from '../ks2/types';
import { CODE_MEANINGS } from './figures';
import { FORMAT_LABELS } from './header';
import { describeProblem, type ImportReport } from './report';

/** Suppressed values per column as one line each: "PTRWM_EXP: 3 SUPP, 1 LOWCOV". */
export function suppressedLines(report: ImportReport): string[] {
	return Object.entries(report.suppressed).map(
		([column, byCode]) => `${column}: ${Object.entries(byCode).map(([code, n]) => `${n} ${code || 'blank'}`).join(', ')}`
	);
}

export function codeMeaning(code: string): string {
	return CODE_MEANINGS[code] ?? 'a code DfE has not used before';
}

/** What the file was, in a few words: "a KS2 performance table for 2018/19 (final)". */
export function describeFile(report: ImportReport): string {
	if (!report.format) return report.fileName;
	const year = report.year ? ` for ${academicYearLabel(report.year)}` : '';
	const version = report.version ? ` (${report.version})` : '';
	return `${FORMAT_LABELS[report.format]}${year}${version}`;
}

/** The report as plain text, for the CLI. */
export function reportText(report: ImportReport): string {
	const lines: string[] = [];
	const count = (label: string, n: number) => n > 0 && lines.push(`  ${label}: ${n}`);
	lines.push(`  Rows read: ${report.rowsRead}`);
	count('Schools added', report.schoolsAdded);
	count('Schools updated', report.schoolsUpdated);
	count('Schools unchanged', report.schoolsUnchanged);
	count('Schools not in the register', report.schoolsNotInRegister);
	count('Rows outside the LA', report.rowsOutsideLa);
	count('School results stored', report.resultsStored);
	count('LA and England comparators stored', report.comparatorsStored);
	count('Links stored', report.linksStored);
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
