import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKERAGE_SETTINGS, match } from './match';
import { rankSupporters } from './rank';
import { east, focus, fromEngine, plain, secure, secureMaths, securePlus } from './test-fixtures';
import type { BrokerageSchool } from './types';

const urns = (schools: BrokerageSchool[], options = {}) => rankSupporters(schools, 1, options).supporters.map((s) => s.urn);

describe('rankSupporters', () => {
	/** Each case: the supporters on offer to school 1 (Focus, maths progress), and the order they are ranked in. */
	const ORDERS: [string, BrokerageSchool[], number[]][] = [
		['a strength that meets the need before a Secure Plus school without one', [securePlus(2, { signals: secure(2).signals }), secureMaths(3)], [3, 2]],
		['Secure Plus before Secure when both have the strength', [secureMaths(2, east(2)), securePlus(3, east(20))], [3, 2]],
		['nearer when all else is equal', [securePlus(2, east(12)), securePlus(3, east(4)), securePlus(4, east(8))], [3, 4, 2]],
		[
			'more alike when as near',
			[securePlus(2, { ...east(5), cohort: 90, disadvantagedPct: 5 }), securePlus(3, { ...east(5), cohort: 31, disadvantagedPct: 24 })],
			[3, 2]
		],
		['the smaller URN when nothing else tells them apart', [securePlus(3, east(5)), securePlus(2, east(5))], [2, 3]],
		['none beyond the distance limit', [securePlus(2, east(26)), securePlus(3, east(24))], [3]],
		['none with no strength for a need, unless Secure Plus', [secure(2), securePlus(3, { signals: secure(3).signals })], [3]]
	];
	it.each(ORDERS)('ranks %s', (_, supporters, expected) => {
		expect(urns([focus(1), ...supporters])).toEqual(expected);
	});

	it('gives each supporter its reasons, distance and rank in the words a proposal uses', () => {
		const oakfield = focus(1, { name: 'Oakfield', cohort: 47, disadvantagedPct: 28 });
		const supporter = securePlus(2, { ...east(6.24), cohort: 52, disadvantagedPct: 31 });
		expect(rankSupporters([oakfield, supporter], 1)).toEqual({
			urn: 1,
			none: null,
			supporters: [
				{
					rank: 1,
					urn: 2,
					name: 'Strong 2',
					laCode: '850',
					category: 'secure_plus',
					need: 'Maths progress',
					needKey: 'progress:maths',
					metByStrength: true,
					distanceKm: 6.2,
					reasons:
						"Maths progress well above average (+3.4) where Oakfield's is well below average (-4.1); 6.2 km; similar size (52 and 47 pupils at KS2) and disadvantage (31% and 28%)",
					proposedFor: 0,
					capacity: 2
				}
			]
		});
	});

	it('ranks first the supporter match proposes when every supporter is free', () => {
		const schools = [focus(1), securePlus(2, east(9)), secureMaths(3, east(1)), securePlus(4, { ...east(9), cohort: 31 }), secure(5, east(2))];
		expect(rankSupporters(schools, 1).supporters[0].urn).toBe(match(schools).matches[0].supportingUrn);
	});

	it('counts the other schools each supporter is already proposed to, and still lists one that is full', () => {
		// Supporter 2 is nearest all three, but 5 and 6 are nearer still to it: match gives it them, and 1 to supporter 3.
		const schools = [focus(1), focus(5, east(2)), focus(6, east(4)), securePlus(2, east(3)), securePlus(3, east(-20))];
		expect(match(schools).matches.find((m) => m.supportedUrn === 1)?.supportingUrn).toBe(3);
		const ranked = rankSupporters(schools, 1).supporters;
		expect(ranked.map((s) => [s.urn, s.proposedFor, s.capacity])).toEqual([
			[2, 2, 2],
			[3, 0, 2]
		]);
		// Pairs the caller already holds (agreed partnerships, say) count instead of match's own proposals.
		const held = [
			{ supportingUrn: 3, supportedUrn: 5 },
			{ supportingUrn: 2, supportedUrn: 1 }
		];
		expect(rankSupporters(schools, 1, { proposed: held }).supporters.map((s) => [s.urn, s.proposedFor])).toEqual([
			[2, 0],
			[3, 1]
		]);
	});

	it('leaves out a supporter with a concern, in the same trust, that declined, or in an LA that does not allow it', () => {
		const supporters = [
			securePlus(2, { concern: 'Open concerns: finance concern since 5 January 2026' }),
			securePlus(3, { trust: 'Oak Learning Trust' }),
			securePlus(4),
			securePlus(5, { laCode: '936' }),
			securePlus(7, { laCode: '936' }),
			securePlus(8)
		];
		const schools = [focus(1, { trust: 'oak learning trust' }), ...supporters];
		const declined = [
			{ supportingUrn: 4, supportedUrn: 1 },
			{ supportingUrn: 7, supportedUrn: null }
		];
		expect(urns(schools, { declined })).toEqual([8]);
		const open = { ...DEFAULT_BROKERAGE_SETTINGS, allowOtherLas: true };
		expect(urns(schools, { declined, settingsByLa: { '850': open, '936': open } })).toEqual([5, 8]);
	});

	it('uses each LA’s own settings: its distance limit and the categories it lets support', () => {
		const schools = [focus(1), securePlus(2, east(30)), secureMaths(3, east(2))];
		expect(urns(schools)).toEqual([3]);
		const wide = { ...DEFAULT_BROKERAGE_SETTINGS, maxDistanceKm: 40, supportingCategories: ['secure_plus' as const] };
		expect(urns(schools, { settingsByLa: { '850': wide } })).toEqual([2]);
		expect(rankSupporters(schools, 1, { settings: { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 5 } }).supporters[0].capacity).toBe(5);
	});

	/** Each case: the school asked about, and why no supporter is listed. */
	const NONE: [string, BrokerageSchool[], number, string][] = [
		['no supporter within reach', [focus(1), securePlus(2, east(40))], 1, 'No Secure Plus or Secure school in the same LA is within 25 km.'],
		[
			'every supporter within reach barred',
			[focus(1), secure(2)],
			1,
			'None of the 1 school within 25 km in the same LA that may support can support it: 1 has no strength that meets its needs (reading progress and maths progress).'
		],
		[
			'no place on the map',
			[focus(1, { easting: null, northing: null }), securePlus(2)],
			1,
			'The register has no easting and northing for this school, so no distance can be measured. Import a GIAS file with them.'
		],
		['a school that needs no support', [focus(1), securePlus(2)], 2, 'This school is not in a category that needs support.'],
		['a school with no category that year', [securePlus(2)], 1, 'This school has no category for the year, so there is nothing to match.'],
		[
			'a category with no rule behind it',
			[fromEngine(1, plain(), [], { category: 'intensive' }), securePlus(2)],
			1,
			"Intensive support with no rule of the analysis behind it (an adviser set it), so there is no need to match a supporter's strengths to. Choose a supporter by hand."
		]
	];
	it.each(NONE)('says why none is listed: %s', (_, schools, urn, why) => {
		expect(rankSupporters(schools, urn)).toEqual({ urn, supporters: [], none: why });
	});
});
