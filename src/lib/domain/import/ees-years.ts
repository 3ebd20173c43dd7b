import { academicYearLabel, academicYearsLabel } from '../ks2/types';
import { columnIndex, type Header } from './header';
import { parseEesVersion, parseTimePeriod } from './ees-values';
import { addProblem, type ImportReport } from './report';
import { versionFromFileName, type Ks2Version } from './version';

/** What every EES handler keeps per year of its file: each year is imported (and rolled back) on its own. */
export interface EesYear {
	year: number;
	/** Settled by `finish`: the file's `version` column, else what the person said, the file name or final. */
	version: Ks2Version;
	/** The LAs the year's rows cover, for the history and for replacing earlier files. */
	laCodes: Set<string>;
}

interface Seen {
	/** The `version` cell of the year's first row, exactly as written, and what it means. */
	text: string;
	version: Ks2Version | null;
	row: number;
	/** Set once a second version has been reported, so the problem is listed once per year. */
	mixed: boolean;
}

export interface EesYearsOptions {
	header: Header;
	report: ImportReport;
	fileName: string;
	/** Given by the person importing; null to read from the file. */
	year: number | null;
	version: Ks2Version | null;
}

/**
 * Sorts an EES file's rows into years by `time_period`, and checks that each year comes in one
 * version. Rows of one year usually follow each other, so the last year's text is compared first.
 */
export class EesYears<P extends EesYear> {
	private readonly timePeriod: number;
	private readonly versionAt: number;
	private readonly parts = new Map<number, P>();
	private readonly seen = new Map<P, Seen>();
	private lastText: string | null = null;
	private last: P | null = null;

	constructor(
		private readonly o: EesYearsOptions,
		private readonly make: (year: number) => P
	) {
		this.timePeriod = columnIndex(o.header, 'time_period');
		this.versionAt = columnIndex(o.header, 'version');
	}

	/** The year a row belongs to, or null when its time_period or version is wrong (the problem is in the report). */
	of(cells: readonly string[], rowNumber: number): P | null {
		const text = cells[this.timePeriod];
		let part = text === this.lastText ? this.last : null;
		if (part === null) {
			const year = parseTimePeriod(text);
			if (year === null) {
				addProblem(this.o.report, {
					row: rowNumber,
					column: this.o.header.names[this.timePeriod],
					message: `"${(text ?? '').trim()}" is not an academic year as EES writes it: six digits, such as 202425 for 2024/25.`
				});
				return null;
			}
			part = this.parts.get(year) ?? null;
			if (part === null) this.parts.set(year, (part = this.make(year)));
			this.lastText = text;
			this.last = part;
		}
		return this.versionAt < 0 || this.sameVersion(part, cells[this.versionAt] ?? '', rowNumber) ? part : null;
	}

	private sameVersion(part: P, text: string, rowNumber: number): boolean {
		const seen = this.seen.get(part);
		if (seen !== undefined && seen.text === text) return seen.version !== null;
		const version = parseEesVersion(text);
		const column = this.o.header.names[this.versionAt];
		if (version === null) {
			addProblem(this.o.report, { row: rowNumber, column, message: `"${text.trim()}" is not a version: it should be Provisional, Revised or Final.` });
			return false;
		}
		if (seen === undefined) {
			this.seen.set(part, { text, version, row: rowNumber, mixed: false });
			return true;
		}
		if (seen.version === version) return true;
		if (!seen.mixed) {
			seen.mixed = true;
			addProblem(this.o.report, {
				row: rowNumber,
				column,
				message: `${academicYearLabel(part.year)} has ${seen.version} results (from row ${seen.row}) and ${version} results here. A file can hold only one version of each year: import each version as its own file.`
			});
		}
		return false;
	}

	/** Every year read so far, oldest first: the order their history rows are written in. */
	years(): P[] {
		return [...this.parts.values()].sort((a, b) => a.year - b.year);
	}

	/**
	 * Settles each year's version and checks the year the person gave, once every row is read.
	 * Puts the year and version in the report when the file has just one of each.
	 */
	finish(): void {
		const { report, fileName } = this.o;
		const years = this.years();
		const fromName = versionFromFileName(fileName);
		let guessed = false;
		for (const part of years) {
			const inFile = this.seen.get(part)?.version ?? null;
			if (inFile !== null && this.o.version !== null && inFile !== this.o.version) {
				addProblem(report, {
					row: null,
					column: 'version',
					message: `You said these are ${this.o.version} results, but the file says ${inFile} for ${academicYearLabel(part.year)}. Check the version and the file.`
				});
			}
			part.version = inFile ?? this.o.version ?? fromName ?? 'final';
			guessed ||= inFile === null && this.o.version === null && fromName === null;
		}
		if (guessed)
			report.warnings.push(
				'The file has no version column, and its name does not say whether these are provisional, revised or final results, so they were recorded as final.'
			);
		const given = this.o.year;
		if (given !== null && years.some((p) => p.year !== given)) {
			const held = academicYearsLabel(years.map((p) => p.year));
			addProblem(report, {
				row: null,
				column: 'time_period',
				message: `You said this file is for ${academicYearLabel(given)}, but it holds ${held}. Leave the year blank to import every year in the file.`
			});
		}
		report.year = years.length === 1 ? years[0].year : null;
		const versions = new Set(years.map((p) => p.version));
		report.version = versions.size === 1 ? years[0].version : null;
	}

	/** One history row per year. */
	history(): { year: number; version: Ks2Version; laCodes: string | null }[] {
		return this.years().map((p) => ({ year: p.year, version: p.version, laCodes: [...p.laCodes].sort().join(',') }));
	}
}
