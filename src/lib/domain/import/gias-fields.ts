/**
 * The GIAS columns the register keeps. The search export and the full edubasealldata download
 * name them the same way; the full download adds "(code)" twins, which are ignored.
 */
export const GIAS_COLUMNS = {
	urn: 'URN',
	laCode: 'LA (code)',
	laName: 'LA (name)',
	establishmentNumber: 'EstablishmentNumber',
	name: 'EstablishmentName',
	type: 'TypeOfEstablishment (name)',
	phase: 'PhaseOfEducation (name)',
	status: 'EstablishmentStatus (name)',
	ageLow: 'StatutoryLowAge',
	ageHigh: 'StatutoryHighAge',
	headTitle: 'HeadTitle (name)',
	headFirstName: 'HeadFirstName',
	headLastName: 'HeadLastName',
	street: 'Street',
	locality: 'Locality',
	town: 'Town',
	postcode: 'Postcode',
	easting: 'Easting',
	northing: 'Northing',
	/** The academy trust, if any; blank for a maintained school. */
	trust: 'Trusts (name)',
	/** Dropped by DfE from files downloaded on or after 22 April 2025. */
	ofstedRating: 'OfstedRating (name)',
	ofstedDate: 'OfstedLastInsp'
} as const;

export type GiasField = keyof typeof GIAS_COLUMNS;

export const GIAS_REQUIRED_COLUMNS = [GIAS_COLUMNS.urn, GIAS_COLUMNS.name, GIAS_COLUMNS.laCode] as const;

export const LINKS_COLUMNS = { urn: 'URN', linkUrn: 'LinkURN', linkName: 'LinkName', linkType: 'LinkType', date: 'LinkEstablishedDate' } as const;
export const LINKS_REQUIRED_COLUMNS = [LINKS_COLUMNS.urn, LINKS_COLUMNS.linkUrn, LINKS_COLUMNS.linkType] as const;

/** A URN is a positive whole number of up to 7 digits. */
export function parseUrn(raw: string | undefined): number | null {
	const t = (raw ?? '').trim();
	return /^\d{1,7}$/.test(t) && Number(t) > 0 ? Number(t) : null;
}

export type DateResult = { ok: true; iso: string | null } | { ok: false };

/** GIAS writes dates as dd-mm-yyyy (sometimes dd/mm/yyyy). Blank is no date. */
export function giasDate(raw: string | undefined): DateResult {
	const t = (raw ?? '').trim();
	if (t === '') return { ok: true, iso: null };
	const m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(t);
	if (!m) return { ok: false };
	const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false };
	return { ok: true, iso: date.toISOString().slice(0, 10) };
}

export type IntResult = { ok: true; value: number | null } | { ok: false };

/** A whole number, or blank. */
export function giasInteger(raw: string | undefined): IntResult {
	const t = (raw ?? '').trim();
	if (t === '') return { ok: true, value: null };
	return /^-?\d+$/.test(t) ? { ok: true, value: Number(t) } : { ok: false };
}

/** A text cell as GIAS wrote it, or null when blank. ("Not applicable" is kept: it is a special school's phase.) */
export function giasText(raw: string | undefined): string | null {
	const t = (raw ?? '').trim();
	return t === '' ? null : t;
}

/** Placeholder values GIAS uses in the head's name columns. */
const NO_NAME = new Set(['', 'not applicable', 'not recorded', 'none', 'null']);
const namePart = (raw: string | undefined) => {
	const t = (raw ?? '').trim();
	return NO_NAME.has(t.toLowerCase()) ? null : t;
};

/** "Mrs Jane Smith"; titles such as "Headteacher" or "Not applicable" are not part of a name. */
export function headName(title: string | undefined, first: string | undefined, last: string | undefined): string | null {
	const t = namePart(title);
	const honorific = t && /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|rev|revd|father|sister|lady|lord)\.?$/i.test(t) ? t : null;
	const parts = [honorific, namePart(first), namePart(last)].filter((p): p is string => p !== null);
	return parts.length > (honorific ? 1 : 0) ? parts.join(' ') : null;
}
