import { describe, expect, it } from 'vitest';
import { settleYear, yearFromColumns, yearFromFileName, yearFromNationalRow } from './ks2-year';

describe('the academic year of a KS2 file', () => {
	it('reads prior-year suffixes: PTRWM_EXP_18 in the 2018/19 file holds 2017/18, so the file is 2019', () => {
		const e = yearFromColumns(['RECTYPE', 'PTRWM_EXP', 'PTRWM_EXP_18', 'PTRWM_EXP_17', 'TELIG', 'TELIG_18']);
		expect(e?.year).toBe(2019);
		expect(e?.because).toContain('PTRWM_EXP_18');
	});

	it('ignores a two-digit ending whose base column does not exist, and the _3YR columns', () => {
		expect(yearFromColumns(['RECTYPE', 'TAB_15', 'PTRWM_EXP_3YR', 'PTRWM_EXP'])).toBeNull();
	});

	it('reads DfE file names', () => {
		expect(yearFromFileName('2018-2019_850_ks2final.csv')?.year).toBe(2019);
		expect(yearFromFileName('2023-2024_england_ks2final_excerpt.csv')?.year).toBe(2024);
		expect(yearFromFileName('ks2 results.csv')).toBeNull();
	});

	it('uses the England row only when its figure matches one year alone', () => {
		expect(yearFromNationalRow(53)?.year).toBe(2016);
		expect(yearFromNationalRow(61)).toBeNull(); // 2016/17 and 2023/24 both had 61%
		expect(yearFromNationalRow(null)).toBeNull();
	});

	it('is an error when the year given and the file disagree', () => {
		const fromColumns = yearFromColumns(['PTRWM_EXP', 'PTRWM_EXP_18']);
		const d = settleYear(2020, fromColumns, null, null);
		expect(d.ok).toBe(false);
		if (!d.ok) expect(d.problem).toMatch(/You said this file is for 2019\/20, but it is for 2018\/19/);
		expect(settleYear(2019, fromColumns, null, null)).toEqual({ ok: true, year: 2019, warning: null });
	});

	it('needs the year from somewhere', () => {
		expect(settleYear(null, null, null, null).ok).toBe(false);
		expect(settleYear(2017, null, null, null)).toEqual({ ok: true, year: 2017, warning: null });
	});

	it('warns when a file was renamed to another year, and trusts its columns', () => {
		const d = settleYear(null, yearFromColumns(['PTRWM_EXP', 'PTRWM_EXP_18']), null, yearFromFileName('2016-2017_ks2final.csv'));
		expect(d).toMatchObject({ ok: true, year: 2019 });
		if (d.ok) expect(d.warning).toContain('its name says 2016/17');
	});
});
