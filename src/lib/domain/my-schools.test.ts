import { describe, expect, it } from 'vitest';
import { isMine, narrowToMine, schoolsFilterFrom, showingCount, type AboutSchool } from './my-schools';

const ME = 4;
const OTHER = 5;

describe('schoolsFilterFrom', () => {
	it.each([
		['mine', true, 'mine'],
		['mine', false, 'all'],
		['all', true, 'all'],
		[null, true, 'all'],
		['', true, 'all'],
		['MINE', true, 'all'],
		['4', true, 'all']
	] as const)('%j, offered %s: %s', (param, offered, filter) => {
		expect(schoolsFilterFrom(param, offered)).toBe(filter);
	});
});

describe('isMine', () => {
	it.each<[string, AboutSchool, boolean]>([
		['my link school', { linkAdviserId: ME }, true],
		['another adviser’s link school', { linkAdviserId: OTHER }, false],
		['a school with no link adviser', { linkAdviserId: null }, false],
		['my engagement at my link school', { linkAdviserId: ME, adviserId: ME }, true],
		['another adviser’s engagement at my link school', { linkAdviserId: ME, adviserId: OTHER }, true],
		['my engagement at another adviser’s link school', { linkAdviserId: OTHER, adviserId: ME }, true],
		['my engagement at a school with no link adviser', { linkAdviserId: null, adviserId: ME }, true],
		['another adviser’s engagement at their link school', { linkAdviserId: OTHER, adviserId: OTHER }, false],
		['another adviser’s engagement at a school with no link adviser', { linkAdviserId: null, adviserId: OTHER }, false],
		['a row with no adviser at all', { linkAdviserId: null, adviserId: null }, false]
	])('%s: %s', (_, row, mine) => {
		expect(isMine(row, ME)).toBe(mine);
	});
});

describe('narrowToMine', () => {
	const rows = [
		{ name: 'Ash', linkAdviserId: ME, adviserId: OTHER },
		{ name: 'Birch', linkAdviserId: OTHER, adviserId: OTHER },
		{ name: 'Cedar', linkAdviserId: null, adviserId: ME },
		{ name: 'Damson', linkAdviserId: null, adviserId: OTHER },
		{ name: 'Elm', linkAdviserId: ME, adviserId: ME }
	];

	it.each([
		['all', ME, ['Ash', 'Birch', 'Cedar', 'Damson', 'Elm']],
		['mine', ME, ['Ash', 'Cedar', 'Elm']],
		['mine', OTHER, ['Ash', 'Birch', 'Damson']],
		['mine', 99, []]
	] as const)('%s for adviser %i keeps %j, of 5', (filter, me, names) => {
		const { shown, total } = narrowToMine(rows, filter, me);
		expect(shown.map((r) => r.name)).toEqual(names);
		expect(total).toBe(5);
	});

	it('never changes the list it is given', () => {
		const before = rows.map((r) => r.name);
		const { shown } = narrowToMine(rows, 'all', ME);
		shown.pop();
		expect(rows.map((r) => r.name)).toEqual(before);
	});

	it('counts an empty list', () => {
		expect(narrowToMine([], 'mine', ME)).toEqual({ shown: [], total: 0 });
	});
});

describe('showingCount', () => {
	const ENGAGEMENTS = { one: 'engagement', many: 'engagements' };
	it.each([
		[12, 140, 'Showing 12 of 140 engagements'],
		[0, 140, 'Showing 0 of 140 engagements'],
		[1, 1, 'Showing 1 of 1 engagement'],
		[0, 0, 'Showing 0 of 0 engagements']
	])('%i of %i: %s', (shown, total, text) => {
		expect(showingCount(shown, total, ENGAGEMENTS)).toBe(text);
	});
});
