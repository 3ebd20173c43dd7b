import { describe, expect, it } from 'vitest';
import { columnIndex, detectFormat, missingColumns, readHeader, type Header } from './header';

function header(names: string[]): Header {
	const r = readHeader(names);
	if (!r.ok) throw new Error(r.problem);
	return r.header;
}

describe('CSV headers', () => {
	it('strips a byte-order mark from the first name', () => {
		expect(columnIndex(header(['\uFEFFRECTYPE', 'URN']), 'RECTYPE')).toBe(0);
	});

	it('matches names without regard to case: TNotFSM6CLA1A in one year is TNOTFSM6CLA1A in another', () => {
		const h2019 = header(['RECTYPE', 'TNotFSM6CLA1A']);
		const h2024 = header(['RECTYPE', 'TNOTFSM6CLA1A']);
		expect(columnIndex(h2019, 'TNOTFSM6CLA1A')).toBe(1);
		expect(columnIndex(h2024, 'TNotFSM6CLA1A')).toBe(1);
		expect(columnIndex(h2024, 'PTRWM_EXP')).toBe(-1);
	});

	it('refuses a header with the same column twice, whatever the case', () => {
		const r = readHeader(['URN', 'PTRWM_EXP', 'ptrwm_exp']);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problem).toContain('appears twice (columns 2 and 3)');
	});

	it('lists the required columns that are missing', () => {
		expect(missingColumns(header(['RECTYPE', 'URN']), ['RECTYPE', 'LEA', 'URN', 'TELIG'])).toEqual(['LEA', 'TELIG']);
	});

	it('tells KS2, GIAS establishment and GIAS links files apart, and knows nothing else', () => {
		expect(detectFormat(header(['RECTYPE', 'LEA', 'URN', 'TELIG', 'PTRWM_EXP']))).toBe('ks2');
		expect(detectFormat(header(['URN', 'LA (code)', 'EstablishmentName']))).toBe('gias_register');
		expect(detectFormat(header(['URN', 'LinkURN', 'LinkName', 'LinkType', 'LinkEstablishedDate']))).toBe('gias_links');
		expect(detectFormat(header(['Name', 'Email']))).toBeNull();
	});

	it('tells the EES data sets apart, even with a column they need missing', () => {
		const place = ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name'];
		const measures = ['breakdown', 'subject', 'expected_standard_pupil_percent'];
		expect(detectFormat(header([...place, 'version', 'school_urn', 'school_laestab', 'school_name', ...measures]))).toBe('ees_school_performance');
		expect(detectFormat(header([...place, 'old_la_code', 'la_name', 'version', 'establishment_type_group', ...measures]))).toBe('ees_la_performance');
		expect(detectFormat(header([...place, 'rectype', 'school_urn', 'school_laestab', 'school_name', 'totpups', 'telig']))).toBe('ees_school_information');
		// The LA information data set has a rectype column, like ks2final, and must not be taken for one.
		expect(detectFormat(header([...place, 'rectype', 'new_la_code', 'old_la_code', 'la_name', 'totpups', 'telig']))).toBe('ees_la_information');
		expect(detectFormat(header(['time_identifier', 'geographic_level', 'version', 'school_urn', ...measures]))).toBe('ees_school_performance');
		expect(detectFormat(header(['time_period', 'geographic_level', 'version', 'school_laestab', ...measures]))).toBe('ees_school_performance');
		expect(detectFormat(header([...place, 'something_else']))).toBeNull();
	});
});
