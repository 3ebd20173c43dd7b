import { describe, expect, it } from 'vitest';
import { adminSees, andList, inLas, laChoiceProblem, lasWords, parseLaList, registerLimit } from './las';
import type { Role } from './roles';

describe('LA words', () => {
	it.each([
		[[], ''],
		[['850'], '850'],
		[['850', '936'], '850 and 936'],
		[['850', '936', '937'], '850, 936 and 937']
	])('andList(%j) is "%s"', (items, words) => expect(andList(items)).toBe(words));

	it.each([
		[['850'], 'LA 850', 'LA 850, the LA the register is limited to'],
		[['850', '936'], 'LAs 850 and 936', 'LAs 850 and 936, the LAs the register is limited to']
	])('%j reads "%s"', (codes, words, limit) => {
		expect(lasWords(codes)).toBe(words);
		expect(registerLimit(codes)).toBe(limit);
	});

	it.each([
		[[], '850', true],
		[[], null, true],
		[['850'], '850', true],
		[['850'], '936', false],
		[['850'], null, false],
		[['850', '936'], '936', true]
	] as const)('inLas(%j, %s) is %s', (las, code, kept) => expect(inLas(las, code)).toBe(kept));

	it.each([
		['850', { ok: true, codes: ['850'] }],
		[' 936, 850;850  937 ', { ok: true, codes: ['850', '936', '937'] }],
		['', { ok: true, codes: [] }],
		['85', { ok: false, message: '“85” is not an LA code. Enter each LA code as three digits, for example 850' }],
		['850, Hampshire', { ok: false, message: '“Hampshire” is not an LA code. Enter each LA code as three digits, for example 850' }]
	])('parseLaList(%j)', (text, result) => expect(parseLaList(text)).toEqual(result));
});

describe('which LAs an admin may give a user', () => {
	const KNOWN = ['850', '936', '937'];
	type Case = [string, { role?: Role; chosen: string[]; giver?: string[]; before?: { role: Role; laCodes: string[] } }, string | null];
	const cases: Case[] = [
		['an admin of every LA gives any known LAs', { chosen: ['850', '936'] }, null],
		['an admin of every LA makes an every-LA user', { chosen: [] }, null],
		['a regional user may serve every LA', { role: 'regional', chosen: [] }, null],
		['not a code', { chosen: ['85'] }, 'las: “85” is not an LA code. Enter each LA code as three digits, for example 850'],
		['an LA the installation does not know', { chosen: ['850', '111'] }, 'las: LA 111 is not one of this installation’s LAs. Choose from 850, 936 and 937'],
		[
			'an admin of some LAs cannot make an every-LA user',
			{ chosen: [], giver: ['850'] },
			'las: Select at least one LA. You can give only the LAs you serve: 850'
		],
		['an admin of some LAs gives only theirs', { chosen: ['850', '936'], giver: ['850'] }, 'las: You can give only the LAs you serve: 850'],
		['an admin of some LAs gives theirs', { chosen: ['936'], giver: ['850', '936'] }, null],
		['headteachers have no LAs, so nothing is checked', { role: 'headteacher', chosen: [], giver: ['850'] }, null],
		[
			'an admin of some LAs cannot change an every-LA account',
			{ chosen: ['850'], giver: ['850'], before: { role: 'adviser', laCodes: [] } },
			'user: This account serves every LA, so only an admin who serves every LA can change it'
		],
		[
			'nor one that serves another LA too',
			{ chosen: ['850'], giver: ['850'], before: { role: 'adviser', laCodes: ['850', '936'] } },
			'user: This account serves LAs 850 and 936, so only an admin who serves all of them can change it'
		],
		['but can change one within theirs', { chosen: ['850'], giver: ['850'], before: { role: 'analyst', laCodes: ['850'] } }, null],
		[
			'and a headteacher (whose schools are checked instead)',
			{ role: 'adviser', chosen: ['850'], giver: ['850'], before: { role: 'headteacher', laCodes: [] } },
			null
		]
	];
	it.each(cases)('%s', (_, c, expected) => {
		const problem = laChoiceProblem({ role: c.role ?? 'adviser', chosen: c.chosen, known: KNOWN, giver: c.giver ?? [], before: c.before });
		expect(problem && `${problem.field}: ${problem.message}`).toBe(expected);
	});

	it('says how to make an LA known when none is', () => {
		expect(laChoiceProblem({ role: 'adviser', chosen: ['850'], known: [], giver: [] })?.message).toBe(
			'LA 850 is not one of this installation’s LAs. Import the GIAS register or set the LAs this installation serves first'
		);
	});
});

describe('the accounts an admin who serves some LAs is shown', () => {
	const ours = (urn: number) => urn === 100850;
	const staff = (laCodes: string[]) => ({ role: 'adviser' as const, laCodes, schoolUrns: [] });
	const head = (schoolUrns: number[]) => ({ role: 'headteacher' as const, laCodes: [], schoolUrns });
	it.each([
		['an admin of every LA: anyone', null, staff(['936']), true],
		['staff of one of their LAs', ['850'], staff(['850']), true],
		['staff of that LA and another', ['850'], staff(['850', '936']), true],
		['staff of every LA', ['850'], staff([]), true],
		['staff of another LA only', ['850'], staff(['936']), false],
		['a headteacher of one of their schools', ['850'], head([100850]), true],
		['a headteacher of another LA’s school', ['850'], head([100936]), false],
		['a headteacher of no school', ['850'], head([]), false]
	] as const)('%s', (_, las, user, shown) => expect(adminSees(las, user, ours)).toBe(shown));
});
