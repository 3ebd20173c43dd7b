import { describe, expect, it } from 'vitest';
import { seesImport, servedLas, servesWholeImport, type Actor } from './access';

const everyLa: Actor = { id: 1, role: 'analyst' };
const noneListed: Actor = { id: 2, role: 'admin', laCodes: [] };
const surrey: Actor = { id: 3, role: 'analyst', laCodes: ['936'] };
const two: Actor = { id: 4, role: 'admin', laCodes: ['850', '936'] };

describe('the LAs someone’s lists take in', () => {
	it.each([
		[everyLa, null],
		[noneListed, null],
		[surrey, ['936']],
		[two, ['850', '936']]
	])('%o serves %o', (actor, las) => expect(servedLas(actor)).toEqual(las));
});

describe('imports, by the LAs whose data they hold', () => {
	// [who, the import's LAs, told of it, may roll it back]
	const cases: [string, Actor, string[] | null, boolean, boolean][] = [
		['every LA: an LA import', everyLa, ['850'], true, true],
		['every LA: a register import', everyLa, null, true, true],
		['936: an 850 import', surrey, ['850'], false, false],
		['936: a 936 import', surrey, ['936'], true, true],
		['936: an England file', surrey, ['850', '936', '938'], true, false],
		['936: the register (every LA)', surrey, null, true, false],
		['936: an import that stored no school’s rows', surrey, [], true, true],
		['850 and 936: an import of both', two, ['850', '936'], true, true],
		['850 and 936: an import of three', two, ['850', '936', '938'], true, false]
	];
	it.each(cases)('%s', (_, actor, las, sees, whole) => {
		expect(seesImport(actor, las)).toBe(sees);
		expect(servesWholeImport(actor, las)).toBe(whole);
	});
});
