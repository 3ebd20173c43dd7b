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
			toCsv([
				['URN', 'School'],
				[100001, "St Mary's"]
			])
		).toBe("URN,School\r\n100001,St Mary's\r\n");
	});
});
