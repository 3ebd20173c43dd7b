import { describe, expect, it } from 'vitest';
import type { FileFormat } from './header';
import { formatsSharingData, importReplaces, importsOverlap, laterVersion, type ImportScope } from './overlap';

const imp = (format: FileFormat, year: number | null = 2024, laCodes: string[] | null = ['850']): ImportScope => ({ format, year, laCodes });

describe('which imports overlap, so the later must be rolled back first', () => {
	it.each([
		['ks2final then EES school performance, same year and LA', imp('ks2'), imp('ees_school_performance'), true, true],
		['EES school performance then ks2final, same year and LA', imp('ees_school_performance'), imp('ks2'), true, true],
		['ks2final then EES school performance for every LA', imp('ks2'), imp('ees_school_performance', 2024, null), true, true],
		// The register keeps LA 850 only, and a file of another LA's schools stored none of them.
		['ks2final then a ks2final file that stored no school', imp('ks2'), imp('ks2', 2024, []), true, false],
		['EES school performance then one that stored no school', imp('ees_school_performance'), imp('ees_school_performance', 2024, []), false, false],
		['ks2final then EES school performance, another LA', imp('ks2'), imp('ees_school_performance', 2024, ['936']), false, false],
		['ks2final then EES school performance, another year', imp('ks2'), imp('ees_school_performance', 2025), false, false],
		['ks2final then EES LA performance (the comparators), same year', imp('ks2'), imp('ees_la_performance', 2024, ['201']), true, false],
		['EES LA performance then ks2final, same year', imp('ees_la_performance', 2024, ['201']), imp('ks2', 2024, ['936']), true, true],
		['two ks2final files for other LAs: both bring England', imp('ks2'), imp('ks2', 2024, ['936']), true, false],
		['school information then school performance', imp('ees_school_information'), imp('ees_school_performance'), false, false],
		['two school information files, same year and LA', imp('ees_school_information'), imp('ees_school_information'), true, true],
		['two LA information files, same year', imp('ees_la_information'), imp('ees_la_information', 2024, ['201']), true, true],
		['ks2final then a GIAS register', imp('ks2'), imp('gias_register', null, null), false, false],
		['two GIAS registers', imp('gias_register', null, null), imp('gias_register', null, null), true, false]
	])('%s: overlap %s, replaces %s', (_, earlier, later, overlap, replaces) => {
		expect(importsOverlap(earlier, later)).toBe(overlap);
		expect(importReplaces(earlier, later)).toBe(replaces);
	});
});

describe('versions', () => {
	it('compares a new file with every format that writes the same data', () => {
		expect(formatsSharingData('ks2').sort()).toEqual(['ees_la_performance', 'ees_school_performance', 'ks2']);
		expect(formatsSharingData('ees_school_performance').sort()).toEqual(['ees_school_performance', 'ks2']);
		expect(formatsSharingData('ees_school_information')).toEqual(['ees_school_information']);
	});

	it.each([
		['final live, provisional comes', 'ks2', 'final', 'ks2', 'provisional', ['850'], ['850'], true],
		['final live, revised comes', 'ks2', 'final', 'ks2', 'revised', ['850'], ['850'], true],
		['provisional live, final comes', 'ks2', 'provisional', 'ks2', 'final', ['850'], ['850'], false],
		['final live, final comes', 'ks2', 'final', 'ks2', 'final', ['850'], ['850'], false],
		// Every ks2final file brings England's figures for its year, whichever LA it is for.
		['final ks2final live for another LA, provisional ks2final comes', 'ks2', 'final', 'ks2', 'provisional', ['936'], ['850'], true],
		[
			'final ks2final live for another LA, provisional EES school results come',
			'ks2',
			'final',
			'ees_school_performance',
			'provisional',
			['936'],
			['850'],
			false
		],
		[
			'final EES school results live for another LA, provisional ks2final comes',
			'ees_school_performance',
			'final',
			'ks2',
			'provisional',
			['936'],
			['850'],
			false
		],
		['final EES LA figures live, provisional ks2final comes', 'ees_la_performance', 'final', 'ks2', 'provisional', ['201'], ['850'], true],
		['final live for every LA', 'ks2', 'final', 'ks2', 'provisional', null, ['850'], true],
		['a file for every LA', 'ks2', 'final', 'ks2', 'provisional', ['936'], null, true],
		['an EES school file that stored no school', 'ees_school_performance', 'final', 'ees_school_performance', 'provisional', ['850'], [], false]
	] as const)('%s: refused %s', (_, liveFormat, live, comingFormat, coming, liveLas, comingLas, refused) => {
		const found = laterVersion([{ format: liveFormat, year: 2024, version: live, laCodes: liveLas }], coming, {
			format: comingFormat,
			year: 2024,
			laCodes: comingLas
		});
		expect(found !== null).toBe(refused);
	});

	it('an older version in another year is never refused', () => {
		expect(
			laterVersion([{ format: 'ks2', year: 2024, version: 'final', laCodes: ['850'] }], 'provisional', { format: 'ks2', year: 2025, laCodes: ['850'] })
		).toBeNull();
	});
});
