// Writes a GIAS search export in the real format: Windows-1252, CRLF, every field quoted except
// the numeric ones, dates as dd-mm-yyyy, and the 2022 column set (with the Ofsted columns).
import { writeFileSync } from 'node:fs';
import { encodeCp1252 } from '../../src/lib/domain/import/cp1252';
import { GIAS_SEARCH_EXPORT_COLUMNS } from './gias-columns';

export interface GiasSchool {
	urn: number;
	laCode: string;
	laName: string;
	establishmentNumber: string;
	name: string;
	type: string;
	typeGroup: string;
	status: string;
	phase: string;
	ageLow: number | null;
	ageHigh: number | null;
	headTitle: string;
	headFirstName: string;
	headLastName: string;
	street: string;
	locality: string;
	town: string;
	postcode: string;
	easting: number | null;
	northing: number | null;
	/** GIAS "Trusts (name)": blank for a maintained school. */
	trust?: string | null;
	ofstedRating: string | null;
	/** ISO date. */
	ofstedDate: string | null;
}

/** GIAS leaves these unquoted. */
const NUMERIC = new Set(['URN', 'StatutoryLowAge', 'StatutoryHighAge', 'SchoolCapacity', 'UKPRN', 'Easting', 'Northing']);

const ddmmyyyy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '');

function cells(s: GiasSchool): Record<string, string | number | null> {
	return {
		URN: s.urn,
		'LA (code)': s.laCode,
		'LA (name)': s.laName,
		EstablishmentNumber: s.establishmentNumber,
		EstablishmentName: s.name,
		'TypeOfEstablishment (name)': s.type,
		'EstablishmentTypeGroup (name)': s.typeGroup,
		'EstablishmentStatus (name)': s.status,
		'ReasonEstablishmentOpened (name)': 'Not applicable',
		'ReasonEstablishmentClosed (name)': 'Not applicable',
		'PhaseOfEducation (name)': s.phase,
		StatutoryLowAge: s.ageLow,
		StatutoryHighAge: s.ageHigh,
		'Boarders (name)': 'No boarders',
		'Gender (name)': 'Mixed',
		OfstedLastInsp: ddmmyyyy(s.ofstedDate),
		Street: s.street,
		Locality: s.locality,
		Town: s.town,
		Postcode: s.postcode,
		'HeadTitle (name)': s.headTitle,
		HeadFirstName: s.headFirstName,
		HeadLastName: s.headLastName,
		HeadPreferredJobTitle: 'Headteacher',
		Easting: s.easting,
		Northing: s.northing,
		'Trusts (name)': s.trust ?? '',
		'OfstedRating (name)': s.ofstedRating ?? '',
		'Country (name)': 'United Kingdom'
	};
}

export function giasExportText(schools: readonly GiasSchool[]): string {
	const header = GIAS_SEARCH_EXPORT_COLUMNS.map((c) => `"${c}"`).join(',');
	const rows = schools.map((s) => {
		const values = cells(s);
		return GIAS_SEARCH_EXPORT_COLUMNS.map((c) => {
			const v = values[c];
			if (NUMERIC.has(c)) return v === null || v === undefined ? '' : String(v);
			return `"${String(v ?? '').replace(/"/g, '""')}"`;
		}).join(',');
	});
	return [header, ...rows].join('\r\n') + '\r\n';
}

export function writeGiasExport(path: string, schools: readonly GiasSchool[]): void {
	writeFileSync(path, encodeCp1252(giasExportText(schools)));
}
