import { describe, expect, it } from 'vitest';
import { countsByCategory, isFiltered, moderationSearch, moderationView, parseModerationQuery, type ModerationRow, waitingSentence } from './moderation-view';

const row = (urn: number, o: Partial<ModerationRow> = {}): ModerationRow => ({
	urn,
	name: `School ${urn}`,
	linkAdviserId: 1,
	category: 'secure',
	status: 'proposed',
	lastYear: null,
	needsConfirmation: false,
	attention: [],
	...o
});

const rows: ModerationRow[] = [
	row(1, { name: 'Oak Primary', category: 'intensive', needsConfirmation: true, attention: ['Needs confirmation'] }),
	row(2, { name: 'Ash Infant', category: 'focus', lastYear: 'secure', attention: ['Changed'] }),
	row(3, { name: 'Elm Junior', linkAdviserId: 2 }),
	row(4, { name: 'Birch Primary', linkAdviserId: null, lastYear: 'secure' }),
	row(5, { name: 'Yew Primary', status: 'agreed', category: 'light_touch', lastYear: 'secure' })
];
const query = (search: string) => parseModerationQuery(new URLSearchParams(search));

describe('the desktop analysis lists, filtered', () => {
	it.each([
		['nothing: the first list', '', [1, 2], { first: 2, waiting: 2, agreed: 1 }],
		['the waiting list', 'list=waiting', [3, 4], { first: 2, waiting: 2, agreed: 1 }],
		['a name, any case', 'list=waiting&q=elm', [3], { first: 0, waiting: 1, agreed: 0 }],
		['a URN', 'q=2', [2], { first: 1, waiting: 0, agreed: 0 }],
		['a category', 'category=focus', [2], { first: 1, waiting: 0, agreed: 0 }],
		['needs confirmation', 'needs=confirmation', [1], { first: 1, waiting: 0, agreed: 0 }],
		['changed since last year', 'list=agreed&changed=yes', [5], { first: 1, waiting: 0, agreed: 1 }],
		['a link adviser', 'list=waiting&adviser=2', [3], { first: 0, waiting: 1, agreed: 0 }],
		['no link adviser', 'list=waiting&adviser=none', [4], { first: 0, waiting: 1, agreed: 0 }],
		['an unknown list or category is ignored', 'list=other&category=great', [1, 2], { first: 2, waiting: 2, agreed: 1 }]
	])('%s', (_, search, urns, counts) => {
		const view = moderationView(rows, query(search));
		expect(view.rows.map((r) => r.urn)).toEqual(urns);
		expect(view.counts).toEqual(counts);
	});

	it.each([
		[1, [1, 2], 1, 3, 1, 2],
		[2, [3, 4], 2, 3, 3, 4],
		[3, [5], 3, 3, 5, 5],
		[9, [5], 3, 3, 5, 5]
	])('page %i of five rows, two a page', (page, urns, shownPage, pages, from, to) => {
		const all = rows.map((r) => ({ ...r, status: 'proposed' as const, attention: ['x'] }));
		const view = moderationView(all, { ...query(''), page }, 2);
		expect(view.rows.map((r) => r.urn)).toEqual(urns);
		expect([view.page, view.pages, view.from, view.to]).toEqual([shownPage, pages, from, to]);
	});

	it('says an empty list has no rows, one page', () => {
		expect(moderationView([], query(''))).toEqual({ counts: { first: 0, waiting: 0, agreed: 0 }, rows: [], page: 1, pages: 1, from: 0, to: 0 });
	});
});

describe('the URL of a view', () => {
	it.each([
		['', '?year=2026', false],
		[
			'list=waiting&q=oak&category=focus&needs=confirmation&changed=yes&adviser=none&page=3',
			'?year=2026&list=waiting&q=oak&category=focus&needs=confirmation&changed=yes&adviser=none&page=3',
			true
		],
		['page=1&list=first', '?year=2026', false],
		['adviser=7', '?year=2026&adviser=7', true]
	])('%s', (search, url, filtered) => {
		expect(moderationSearch(2026, query(search))).toBe(url);
		expect(isFiltered(query(search))).toBe(filtered);
	});
});

describe('bulk agreement, counted by category', () => {
	it('lists most support first and leaves out empty categories', () => {
		expect(countsByCategory(rows)).toEqual([
			{ category: 'intensive', count: 1 },
			{ category: 'focus', count: 1 },
			{ category: 'light_touch', count: 1 },
			{ category: 'secure', count: 2 }
		]);
	});
});

describe('how many wait to be agreed', () => {
	it.each([
		[
			{ first: 44, waiting: 0, agreed: 3 },
			false,
			'44 categories are waiting to be agreed: 44 to look at first, with something to check, and 0 ready to agree.'
		],
		[{ first: 0, waiting: 1, agreed: 0 }, false, '1 category is waiting to be agreed: 0 to look at first, with something to check, and 1 ready to agree.'],
		[
			{ first: 2, waiting: 5, agreed: 9 },
			true,
			'7 categories are waiting to be agreed in this selection: 2 to look at first, with something to check, and 5 ready to agree.'
		],
		[{ first: 0, waiting: 0, agreed: 120 }, false, 'No category is waiting to be agreed.'],
		[{ first: 0, waiting: 0, agreed: 0 }, true, 'No category is waiting to be agreed in this selection.']
	])('%j, filtered %s: %s', (counts, filtered, sentence) => {
		expect(waitingSentence(counts, filtered)).toBe(sentence);
	});
});
