import { academicYearLabel, parseAcademicYear } from '../ks2/types';

/** One reason to believe a file holds a given year. `year` is the summer of the tests. */
export interface YearEvidence {
	year: number;
	/** Why, in words that finish "the file is for 2018/19 because ...". */
	because: string;
}

/**
 * England's RWM expected % (state-funded) by year, from DfE's national statistics.
 * Used only as a last resort, when the national row matches exactly one year.
 */
export const ENGLAND_RWM_EXPECTED: Readonly<Record<number, number>> = {
	2016: 53,
	2017: 61,
	2018: 64,
	2019: 65,
	2022: 59,
	2023: 60,
	2024: 61,
	2025: 62
};

/**
 * Prior-year columns carry a two-digit suffix: PTRWM_EXP_18 in the 2018/19 file holds 2017/18.
 * A suffix only counts when the column without it exists too, so names such as TAB15 or
 * READPROG_3YR are not mistaken for years. The file's year is the year after the latest suffix.
 */
export function yearFromColumns(names: readonly string[]): YearEvidence | null {
	const upper = new Set(names.map((n) => n.toUpperCase()));
	let latest = -1;
	let example = '';
	for (const name of names) {
		const m = /^(.+)_(\d{2})$/.exec(name);
		if (!m || !upper.has(m[1].toUpperCase())) continue;
		const yy = Number(m[2]);
		if (yy > latest) {
			latest = yy;
			example = name;
		}
	}
	if (latest < 0) return null;
	const year = 2000 + latest + 1;
	return { year, because: `its column ${example} holds the previous year's (${academicYearLabel(year - 1)}) results` };
}

/** DfE names its downloads "2018-2019_850_ks2final.csv". */
export function yearFromFileName(fileName: string): YearEvidence | null {
	const m = /(?:^|[^\d])(\d{4}[-_/](?:\d{4}|\d{2}))(?!\d)/.exec(fileName);
	if (!m) return null;
	const year = parseAcademicYear(m[1].replace('_', '-'));
	return year === null ? null : { year, because: `its name says ${academicYearLabel(year)}` };
}

/** The England row's RWM expected %, matched against the published national figures. */
export function yearFromNationalRow(rwmExpected: number | null): YearEvidence | null {
	if (rwmExpected === null) return null;
	const years = Object.entries(ENGLAND_RWM_EXPECTED).filter(([, v]) => v === Math.round(rwmExpected));
	if (years.length !== 1) return null;
	const year = Number(years[0][0]);
	return { year, because: `its England row shows ${rwmExpected}% meeting the expected standard, as in ${academicYearLabel(year)}` };
}

export type YearDecision = { ok: true; year: number; warning: string | null } | { ok: false; problem: string };

/**
 * Settles the year from what the person said (`given`) and what the file says. The columns are
 * the strongest evidence, then the England row, then the file name. If the person and the file
 * disagree, that is an error: importing a year as another would corrupt every trend.
 */
export function settleYear(
	given: number | null,
	fromColumns: YearEvidence | null,
	fromNational: YearEvidence | null,
	fromName: YearEvidence | null
): YearDecision {
	const best = fromColumns ?? fromNational ?? fromName;
	if (given !== null) {
		if (best && best.year !== given) {
			return {
				ok: false,
				problem: `You said this file is for ${academicYearLabel(given)}, but it is for ${academicYearLabel(best.year)}: ${best.because}. Check the year and the file.`
			};
		}
		return { ok: true, year: given, warning: null };
	}
	if (!best) {
		return { ok: false, problem: 'The file does not say which academic year it is for. Give the year (for example 2018-19).' };
	}
	// A renamed file is worth a warning; the England row is only a fallback, so it never warns.
	const warning =
		fromName && fromName.year !== best.year ? `The file is for ${academicYearLabel(best.year)} (${best.because}), although ${fromName.because}.` : null;
	return { ok: true, year: best.year, warning };
}
