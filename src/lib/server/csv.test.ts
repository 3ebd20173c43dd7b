import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV for spreadsheets', () => {
	it.each([
		['=SUM(A1:A2)', "'=SUM(A1:A2)"],
		['+44 20', "'+44 20"],
		['-x', "'-x"],
		['@cmd', "'@cmd"],
		['\tTab', "'\tTab"],
		['\rReturn', '"\'\rReturn"'],
		['-3.5', '-3.5'],
		['+2', '+2'],
		['Plain, with a comma', '"Plain, with a comma"'],
		['Say "hello"', '"Say ""hello"""'],
		[-12, '-12'],
		[null, '']
	] as const)('writes %j as %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('ends every row with CRLF', () => {
		expect(
			toCsv(
				[
					['URN', 'School'],
					[100001, "St Mary's"]
				],
				{ byteOrderMark: false }
			)
		).toBe("URN,School\r\n100001,St Mary's\r\n");
	});

	it('starts with a byte order mark unless told not to, so Excel reads accented names', () => {
		const rows = [['School'], ['Ysgol Gymraeg Bro Morgannwg'], ['École Saint-Exupéry']];
		expect(toCsv(rows)).toBe('\uFEFFSchool\r\nYsgol Gymraeg Bro Morgannwg\r\nÉcole Saint-Exupéry\r\n');
		expect(toCsv(rows, { byteOrderMark: false })).toBe('School\r\nYsgol Gymraeg Bro Morgannwg\r\nÉcole Saint-Exupéry\r\n');
		expect(toCsv([])).toBe('\uFEFF');
	});

	it('quotes a cell with a line break, and writes empty cells for null and undefined', () => {
		expect(toCsv([['Line one\nline two', null, undefined, 0]], { byteOrderMark: false })).toBe('"Line one\nline two",,,0\r\n');
	});
});
