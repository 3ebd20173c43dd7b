import { describe, expect, it } from 'vitest';
import { readHeader, type Header } from './header';
import { Ks2RowReader } from './ks2-rows';
import { KS2_FIELD_SPECS } from './ks2-fields';
import { emptyReport } from './report';

const HEADER = [
	'RECTYPE',
	'LEA',
	'URN',
	'SCHNAME',
	'TOTPUPS',
	'TPUPYEAR',
	'TELIG',
	'PTRWM_EXP',
	'PTRWM_HIGH',
	'READPROG',
	'READPROG_LOWER',
	'READPROG_UPPER',
	'READCOV',
	'TNOTFSM6CLA1A',
	'PTRWM_EXP_NotFSM6CLA1A'
];
const slot = (field: string) => KS2_FIELD_SPECS.findIndex((s) => s.field === field);

function setup() {
	const r = readHeader(HEADER);
	if (!r.ok) throw new Error();
	const report = emptyReport('test.csv');
	return { reader: new Ks2RowReader(r.header as Header), report };
}

describe('reading KS2 rows', () => {
	it('reads a school row: % stripped, decimals and negative progress kept', () => {
		const { reader, report } = setup();
		const row = reader.read(
			['1', '850', '115851', 'Anstey Junior School', '240', '60', '60', '63%', '0%', '-1.9', '-3.4', '-0.3', '100%', '40', '61%'],
			2,
			report
		);
		expect(row).toMatchObject({ recordType: 1, urn: 115851, laCode: '850' });
		expect(row!.values[slot('rwmExpected')]).toBe(63);
		expect(row!.values[slot('rwmHigh')]).toBe(0);
		expect(row!.values[slot('readProgress')]).toBe(-1.9);
		expect(row!.values[slot('rwmExpectedNotDisadvantaged')]).toBe(61);
		expect(row!.codes[slot('rwmExpected')]).toBeNull();
		expect(report.problems).toEqual([]);
	});

	it('stores codes as not available with the code kept, and counts them per column', () => {
		const { reader, report } = setup();
		const row = reader.read(['1', '850', '116633', 'X', '90', '15', '15', 'SUPP', 'SUPP', 'LOWCOV', 'LOWCOV', 'LOWCOV', 'LOWCOV', 'NA', 'SUPP'], 3, report);
		expect(row!.values[slot('rwmExpected')]).toBeNull();
		expect(row!.codes[slot('rwmExpected')]).toBe('SUPP');
		expect(row!.codes[slot('readProgress')]).toBe('LOWCOV');
		expect(report.suppressed.PTRWM_EXP).toEqual({ SUPP: 1 });
		expect(report.suppressed.READPROG).toEqual({ LOWCOV: 1 });
	});

	it("reads a short row as blank trailing fields, and a NEW school's row (which stops at TOTPUPS) as NEW", () => {
		const { reader, report } = setup();
		const short = reader.read(['1', '850', '116407', 'Westgate', '1498', '0'], 4, report);
		expect(short!.values[slot('cohort')]).toBeNull();
		expect(short!.codes[slot('cohort')]).toBe('');
		const fresh = reader.read(['1', '850', '147021', 'Oakfield', 'NEW'], 5, report);
		expect(fresh!.codes.filter((c) => c !== null).every((c) => c === 'NEW')).toBe(true);
		expect(fresh!.values.every((v) => v === null)).toBe(true);
		expect(report.problems).toEqual([]);
	});

	it('reads LA and England rows, where 2016-2019 files put a single space in empty cells', () => {
		const { reader, report } = setup();
		const la = reader.read(['3', '850', ' ', 'Hampshire', '100000', '14855', '14855', '68%', '13%', '-0.4', '-0.5', '-0.3', '96%', '11000', '73%'], 6, report);
		expect(la).toMatchObject({ recordType: 3, urn: null, laCode: '850' });
		const england = reader.read(['4', ' ', ' ', ' ', '4500000', '649249', '649249', '65%', '11%', ' ', ' ', ' ', ' ', '450000', '71%'], 7, report);
		expect(england).toMatchObject({ recordType: 4, laCode: null });
		expect(england!.values[slot('rwmExpected')]).toBe(65);
		expect(england!.codes[slot('readProgress')]).toBe('');
	});

	it('names the row, the column and the problem for a bad value, and keeps going', () => {
		const { reader, report } = setup();
		expect(reader.read(['1', '850', '115851', 'A', '240', '60', '60', '163%', '0%', '', '', '', '', '', ''], 8, report)).toBeNull();
		expect(reader.read(['1', '850', 'ABC', 'B'], 9, report)).toBeNull();
		expect(reader.read(['9', '850', '115852', 'C'], 10, report)).toBeNull();
		expect(reader.read(['1', '85', '115853', 'D'], 11, report)).toBeNull();
		expect(reader.read(['1', '850', '115854', 'E', '240', '60', '6O%'], 12, report)).toBeNull();
		expect(report.problems.map((p) => [p.row, p.column])).toEqual([
			[8, 'PTRWM_EXP'],
			[9, 'URN'],
			[10, 'RECTYPE'],
			[11, 'LEA'],
			[12, 'TELIG']
		]);
		expect(report.problems[0].message).toContain('between 0 and 100');
	});

	it('refuses a row with more values than columns, unless the extras are empty', () => {
		const { reader, report } = setup();
		const width = HEADER.length;
		expect(
			reader.read(
				[
					...Array(width)
						.fill('1')
						.map((v, i) => (i === 1 ? '850' : i === 2 ? '100001' : v)),
					'',
					''
				],
				13,
				report
			)
		).not.toBeNull();
		expect(reader.read([...Array(width).fill('1'), 'extra'], 14, report)).toBeNull();
		expect(report.problems[0].message).toContain('unquoted comma');
	});

	// This was a warning, and the cell was stored as not available; now the row (and so the file) is refused.
	it('refuses a code DfE has not used, naming the row and the column, and stores nothing for the row', () => {
		const { reader, report } = setup();
		expect(reader.read(['1', '850', '100001', 'A', '240', '60', '60', 'abc%', '1%'], 2, report)).toBeNull();
		expect(reader.read(['1', '850', '100002', 'B', '240', '60', '60', 'ABC', '1%'], 3, report)).toBeNull();
		expect(reader.read(['1', '850', '100003', 'C', '240', '60', 'x', '61%', '1%'], 4, report)).toBeNull();
		expect(report.problems).toEqual([
			{ row: 2, column: 'PTRWM_EXP', message: '"abc%" is neither a number nor a DfE code such as SUPP or NA.' },
			{ row: 3, column: 'PTRWM_EXP', message: '"ABC" is neither a number nor a DfE code such as SUPP or NA.' },
			{ row: 4, column: 'TELIG', message: '"x" is neither a number nor a DfE code such as SUPP or NA.' }
		]);
		expect(report.suppressed).toEqual({});
	});
});
