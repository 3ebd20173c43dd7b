import { describe, expect, it } from 'vitest';
import { proposals } from '../../src/lib/server/brokerage';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { URNS } from './analysis-fixtures';
import { placedLa } from './brokerage-fixtures';
import { addAward, BS } from './quality-mark-fixtures';

const pairs = (p: Awaited<ReturnType<typeof proposals>>) => p.matches.map((m) => [m.supportedUrn, m.supportingUrn, m.need, m.distanceKm]);

describe('brokerage proposals from the database', () => {
	it('matches the nearest needing schools to the Secure Plus school, up to its capacity, and says why the third is left', async () => {
		const { db } = await placedLa();
		const result = await proposals(db, { year: 2019, las: null, today: '2019-10-01' });
		expect(pairs(result)).toEqual([
			[URNS.intensive, URNS.securePlus, 'RWM expected', 2],
			[URNS.focus, URNS.securePlus, 'RWM expected', 5]
		]);
		expect(result.matches[0].reasons).toMatch(
			/^RWM expected 16 points above England \(81% in 2018\/19\) where Ashdown Primary School's is 22 points below England \(43% in 2018\/19\); 2 km/
		);
		expect(result.unmatched).toEqual([
			{ urn: URNS.lightTouch, reason: 'The one school within 25 km that could support it already supports as many schools as it can (2).' }
		]);
	});

	it('reads trusts and Quality Marks from the register: never within a trust, and a Basic Skills Quality Mark meets attainment', async () => {
		const { db } = await placedLa();
		await db.updateTable('schools').set({ trust_name: 'Elm Trust' }).where('urn', 'in', [URNS.focus, URNS.securePlus]).execute();
		await addAward(db, URNS.secure, BS, '2019-01-31', '2022-01-31');
		const result = await proposals(db, { year: 2019, las: null, today: '2019-10-01' });
		expect(pairs(result)).toEqual(
			[
				[URNS.intensive, URNS.securePlus, 'RWM expected', 2],
				[URNS.lightTouch, URNS.securePlus, 'RWM expected', 8],
				[URNS.focus, URNS.secure, 'RWM expected', 2]
			].sort((a, b) => (a[0] as number) - (b[0] as number))
		);
		expect(result.matches.find((m) => m.supportedUrn === URNS.focus)?.reasons).toMatch(
			/^Holds the Basic Skills Quality Mark \(current until 31 January 2022\) where Elm Primary School's RWM expected is /
		);
	});

	it('matches only the LAs asked for, and honours settings and declines given to it', async () => {
		const { db } = await placedLa();
		expect(await proposals(db, { year: 2019, las: ['936'], today: '2019-10-01' })).toEqual({
			maxDistanceKm: 25,
			capacityPerSupporter: 2,
			matches: [],
			unmatched: []
		});
		const three = { capacity: 3, maxDistanceKm: 6, supportingCategories: ['secure_plus'] as const, allowOtherLas: false };
		const result = await proposals(db, {
			year: 2019,
			las: ['999'],
			today: '2019-10-01',
			settings: { ...three, supportingCategories: [...three.supportingCategories] },
			declined: [{ supportingUrn: URNS.securePlus, supportedUrn: URNS.intensive }]
		});
		expect(pairs(result)).toEqual([[URNS.focus, URNS.securePlus, 'RWM expected', 5]]);
		expect(result.unmatched.map((u) => u.urn)).toEqual([URNS.intensive, URNS.lightTouch]);
		expect(result.unmatched[0].reason).toContain('1 declined this year');
		expect(result.unmatched[1].reason).toBe('No Secure Plus school in the same LA is within 6 km.');
	});
});

describe('npm run triage -- broker', () => {
	it('prints the proposals as JSON, CSV and a table, for an LA', async () => {
		const { db } = await placedLa();
		const path = databaseUrlOf(db);
		const json = triage(['broker', '--year', '2018-19', '--la', '999', '--format', 'json'], { databaseUrl: path });
		expect(json.stderr).toBe('');
		expect(json.status).toBe(0);
		const parsed = JSON.parse(json.stdout);
		expect(Object.keys(parsed)).toEqual(['maxDistanceKm', 'capacityPerSupporter', 'matches', 'unmatched']);
		expect(parsed).toMatchObject({ maxDistanceKm: 25, capacityPerSupporter: 2, unmatched: [{ urn: URNS.lightTouch, reason: expect.any(String) }] });
		expect(Object.keys(parsed.matches[0])).toEqual(['supportedUrn', 'supportingUrn', 'need', 'distanceKm', 'reasons']);
		expect(parsed.matches.map((m: { supportedUrn: number }) => m.supportedUrn)).toEqual([URNS.intensive, URNS.focus]);

		const csv = triage(['broker', '--format', 'csv'], { databaseUrl: path });
		expect(csv.status).toBe(0);
		const lines = csv.stdout.trimEnd().split('\r\n');
		expect(lines[0]).toBe('Supported URN,Supporting URN,Need,Distance (km),Reasons');
		expect(lines[1]).toMatch(new RegExp(`^${URNS.intensive},${URNS.securePlus},RWM expected,2,RWM expected 16 points above England`));
		expect(lines[3]).toMatch(new RegExp(`^${URNS.lightTouch},,,,The one school within 25 km`));

		const text = triage(['broker'], { databaseUrl: path });
		expect(text.status).toBe(0);
		expect(text.stdout).toMatch(/^Supported URN {2}Supporting URN {2}Need {10}Distance \(km\) {2}Reasons\n/);
		expect(text.stdout).toContain('2 schools matched, 1 without a supporter (2018/19; at most 2 each, within 25 km).');
	});

	it('refuses bad input in plain words', async () => {
		const { db } = await placedLa();
		const databaseUrl = databaseUrlOf(db);
		const cases: [string[], string][] = [
			[['broker', '--format', 'xlsx'], '--format must be csv or json, not "xlsx"'],
			[['broker', '--year', 'last'], '--year must be an academic year like 2018-19, not "last"'],
			[['broker', '--la', '85'], '--la must be an LA code of three digits, such as 850, not "85"'],
			[['broker', '--year', '2020-21'], 'No school has a category for 2020/21. Run the analysis for that year first.'],
			[['broker', 'everything'], 'broker takes no file or other words: "everything"']
		];
		for (const [args, message] of cases) {
			const out = triage(args, { databaseUrl });
			expect(out.status, args.join(' ')).toBe(1);
			expect(out.stdout).toBe('');
			expect(out.stderr).toContain(message);
		}
		const empty = triage(['broker'], { databaseUrl: databaseUrlOf(await freshDb()) });
		expect(empty.status).toBe(1);
		expect(empty.stderr.trim()).toBe('No school has a category yet, so there is nothing to match. Run the analysis first (npm run triage -- categorise).');
	});
});
