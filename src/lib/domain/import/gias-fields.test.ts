import { describe, expect, it } from 'vitest';
import { giasDate, giasInteger, giasText, headName, parseUrn } from './gias-fields';

describe('GIAS cells', () => {
	it('reads dd-mm-yyyy dates as ISO dates, blank as no date, and refuses impossible ones', () => {
		expect(giasDate('23-01-2019')).toEqual({ ok: true, iso: '2019-01-23' });
		expect(giasDate('1/9/2024')).toEqual({ ok: true, iso: '2024-09-01' });
		expect(giasDate('')).toEqual({ ok: true, iso: null });
		expect(giasDate('31-02-2019')).toEqual({ ok: false });
		expect(giasDate('2019-01-23')).toEqual({ ok: false });
	});

	it('reads URNs and whole numbers', () => {
		expect(parseUrn('115850')).toBe(115850);
		expect(parseUrn(' ')).toBeNull();
		expect(parseUrn('11585O')).toBeNull();
		expect(giasInteger('472080')).toEqual({ ok: true, value: 472080 });
		expect(giasInteger('')).toEqual({ ok: true, value: null });
		expect(giasInteger('4.5')).toEqual({ ok: false });
	});

	it('keeps text as written, blank as nothing; "Not applicable" is a special school\'s phase', () => {
		expect(giasText('Not applicable')).toBe('Not applicable');
		expect(giasText('  ')).toBeNull();
		expect(giasText(' Good ')).toBe('Good');
	});

	it("builds the head's name, leaving out job titles GIAS puts in the title column", () => {
		expect(headName('Mr', 'Richard', 'Mead')).toBe('Mr Richard Mead');
		expect(headName('Headteacher', 'Jo', 'Bloggs')).toBe('Jo Bloggs');
		expect(headName('', '', '')).toBeNull();
		expect(headName('Mrs', '', '')).toBeNull();
		expect(headName('Not applicable', 'Not applicable', 'Smith')).toBe('Smith');
	});
});
