import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKERAGE_SETTINGS, match } from './match';
import { east, focus, fromEngine, plain, secure, secureMaths, securePlus } from './test-fixtures';
import type { BrokerageSchool } from './types';

const pairs = (p: ReturnType<typeof match>) => p.matches.map((m) => [m.supportedUrn, m.supportingUrn]);

describe('match', () => {
	it('says so when the supporter is Secure Plus with no strength of its own in the need, naming the need', () => {
		const oakfield = focus(1, { name: 'Oakfield', cohort: 47, disadvantagedPct: 28 });
		const supporter = securePlus(2, { ...east(6.2), signals: secure(2).signals, cohort: 52, disadvantagedPct: 31 });
		const [found] = match([oakfield, supporter]).matches;
		expect(found.metByStrength).toBe(false);
		expect(found.reasons).toBe(
			"Secure Plus school with no particular strength in reading progress; Oakfield's reading progress is well below average (-4); 6.2 km; similar size (52 and 47 pupils at KS2) and disadvantage (31% and 28%)"
		);
	});

	it('explains a match in words with its numbers', () => {
		const oakfield = focus(1, { name: 'Oakfield', cohort: 47, disadvantagedPct: 28 });
		const supporter = securePlus(2, { ...east(6.2), cohort: 52, disadvantagedPct: 31 });
		expect(oakfield.category).toBe('focus');
		expect(supporter.category).toBe('secure_plus');
		expect(match([oakfield, supporter])).toEqual({
			maxDistanceKm: 25,
			capacityPerSupporter: 2,
			matches: [
				{
					supportedUrn: 1,
					supportingUrn: 2,
					need: 'Maths progress',
					needKey: 'progress:maths',
					distanceKm: 6.2,
					metByStrength: true,
					reasons:
						"Maths progress well above average (+3.4) where Oakfield's is well below average (-4.1); 6.2 km; similar size (52 and 47 pupils at KS2) and disadvantage (31% and 28%)"
				}
			],
			unmatched: []
		});
	});

	it('assigns everyone together rather than first come first served', () => {
		// School 1 is nearest supporter 3, but only supporter 3 can reach school 2: 1 goes to 4 so both are supported.
		const schools = [focus(1), focus(2, east(30)), securePlus(3, east(15)), securePlus(4, east(-10))];
		const one = { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 1 };
		expect(pairs(match(schools, { settings: one }))).toEqual([
			[1, 4],
			[2, 3]
		]);
	});

	it('keeps each supporter to its capacity and says why the rest are left', () => {
		const result = match([focus(1), focus(2), focus(3), securePlus(9, east(1))]);
		expect(pairs(result)).toEqual([
			[1, 9],
			[2, 9]
		]);
		expect(result.unmatched).toEqual([{ urn: 3, reason: 'The one school within 25 km that could support it already supports as many schools as it can (2).' }]);
	});

	it('counts the partnerships proposed or under way against their supporters, and leaves their schools out', () => {
		// Schools 2 and 3 are already supported by 8, the nearest supporter; 9 is farther but has both its places.
		const schools = [focus(1, east(0.5)), focus(2, east(3)), focus(3, east(4)), securePlus(8), securePlus(9, east(6))];
		const open = { bySupporter: new Map([[8, 2]]), supported: new Set([2, 3]) };
		const result = match(schools, { open });
		expect(pairs(result)).toEqual([[1, 9]]);
		expect(result.unmatched).toEqual([]);
		// With every place taken, the school is left with why.
		const full = match(schools, {
			open: {
				bySupporter: new Map([
					[8, 2],
					[9, 2]
				]),
				supported: new Set([2, 3])
			}
		});
		expect(full.matches).toEqual([]);
		expect(full.unmatched).toEqual([
			{ urn: 1, reason: 'All 2 schools within 25 km that could support it already support as many schools as they can (2 each).' }
		]);
	});

	/** Each case: the supporters on offer (all 5 km away, or as placed), and who supports school 1. */
	const PREFERENCES: [string, BrokerageSchool[], number][] = [
		['a strength that meets the need before a Secure Plus school without one', [securePlus(2, { signals: secure(2).signals }), secureMaths(3)], 3],
		['Secure Plus before Secure when both have the strength', [secureMaths(2, east(2)), securePlus(3, east(20))], 3],
		['nearer when all else is equal', [securePlus(2, east(12)), securePlus(3, east(4))], 3],
		[
			'more alike when as near',
			[securePlus(2, { ...east(5), cohort: 90, disadvantagedPct: 5 }), securePlus(3, { ...east(5), cohort: 31, disadvantagedPct: 24 })],
			3
		],
		['the smaller URN when nothing else tells them apart', [securePlus(3, east(5)), securePlus(2, east(5))], 2]
	];
	it.each(PREFERENCES)('prefers %s', (_, supporters, expected) => {
		expect(match([focus(1), ...supporters]).matches.map((m) => m.supportingUrn)).toEqual([expected]);
	});

	it('never proposes a supporter with a concern, in the same trust, that declined, or in another LA', () => {
		const supporters = [
			securePlus(2, { concern: 'Open concerns: finance concern since 5 January 2026' }),
			securePlus(3, { trust: 'Oak Learning Trust' }),
			securePlus(4),
			securePlus(5, { laCode: '936' }),
			secure(6)
		];
		const result = match([focus(1, { trust: 'oak learning trust ' }), ...supporters], { declined: [{ supportingUrn: 4, supportedUrn: 1 }] });
		expect(result.matches).toEqual([]);
		expect(result.unmatched).toEqual([
			{
				urn: 1,
				reason:
					'None of the 4 schools within 25 km in the same LA that may support can support it: 1 has no strength that meets its needs (reading progress and maths progress), 1 has an open concern of its own, 1 is in the same trust and 1 declined this year.'
			}
		]);
	});

	it('lets a supporter from another LA help only when both LAs allow it', () => {
		const schools = [focus(1), securePlus(2, { laCode: '936' })];
		const open = { ...DEFAULT_BROKERAGE_SETTINGS, allowOtherLas: true };
		expect(pairs(match(schools, { settingsByLa: { '850': open } }))).toEqual([]);
		expect(pairs(match(schools, { settingsByLa: { '850': open, '936': open } }))).toEqual([[1, 2]]);
	});

	it('honours a supporter that declined to support anyone this year', () => {
		expect(pairs(match([focus(1), securePlus(2)], { declined: [{ supportingUrn: 2, supportedUrn: null }] }))).toEqual([]);
	});

	it('lists every school it cannot match, with why', () => {
		const result = match([
			focus(1),
			focus(2, { easting: null, northing: null }),
			fromEngine(3, plain(), [], { category: 'intensive' }),
			securePlus(4, east(40))
		]);
		expect(result.matches).toEqual([]);
		expect(result.unmatched).toEqual([
			{ urn: 1, reason: 'No Secure Plus or Secure school in the same LA is within 25 km.' },
			{ urn: 2, reason: 'The register has no easting and northing for this school, so no distance can be measured. Import a GIAS file with them.' },
			{
				urn: 3,
				reason:
					"Intensive support with no rule of the analysis behind it (an adviser set it), so there is no need to match a supporter's strengths to. Choose a supporter by hand."
			}
		]);
	});

	it('gives the same proposals whatever order the schools come in', () => {
		const schools = [focus(1), focus(2, east(3)), focus(5, east(8)), securePlus(3, east(4)), securePlus(4, east(6)), secureMaths(6, east(2))];
		const forward = match(schools);
		expect(match([...schools].reverse())).toEqual(forward);
		expect(forward.matches).toHaveLength(3);
	});

	it('uses a wider limit and a larger capacity from the settings', () => {
		const wide = { ...DEFAULT_BROKERAGE_SETTINGS, maxDistanceKm: 50, capacity: 3 };
		const result = match([focus(1), focus(2), focus(3), securePlus(9, east(40))], { settings: wide });
		expect(result).toMatchObject({ maxDistanceKm: 50, capacityPerSupporter: 3, unmatched: [] });
		expect(result.matches.map((m) => m.distanceKm)).toEqual([40, 40, 40]);
	});
});
