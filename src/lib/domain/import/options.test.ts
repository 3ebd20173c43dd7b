import { describe, expect, it } from 'vitest';
import { parseImportOptions } from './options';
import { versionFromFileName, versionRank } from './version';

describe('import options', () => {
	it('leaves blank choices to the file', () => {
		expect(parseImportOptions({ kind: '', year: '', version: 'auto' })).toEqual({ ok: true, value: { kind: null, year: null, version: null } });
	});

	it('reads a year and a version', () => {
		expect(parseImportOptions({ kind: 'ks2', year: '2018-19', version: 'revised' })).toEqual({
			ok: true,
			value: { kind: 'ks2', year: 2019, version: 'revised' }
		});
	});

	it('explains each bad choice', () => {
		const r = parseImportOptions({ kind: 'xls', year: '2018-20', version: 'latest' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['kind', 'version', 'year']);
	});

	it('reads the version from DfE file names and orders versions', () => {
		expect(versionFromFileName('2018-2019_850_ks2final.csv')).toBe('final');
		expect(versionFromFileName('2024-2025_england_ks2provisional.csv')).toBe('provisional');
		expect(versionFromFileName('results.csv')).toBeNull();
		expect(versionRank('provisional')).toBeLessThan(versionRank('revised'));
		expect(versionRank('revised')).toBeLessThan(versionRank('final'));
	});
});
