/** The small LA of the analysis tests, placed on the map for school-to-school support. */
import type { Db } from '../../src/lib/server/db';
import { runAnalysis } from '../../src/lib/server/analysis';
import { freshDb } from '../helpers/db';
import { smallLa, URNS } from './analysis-fixtures';

/**
 * The small LA placed on the map around Cedar (Secure Plus, well above England for three years):
 * Ashdown (Intensive) 2 km away, Elm (Focus) 5 km, Dale (Light touch) 8 km, Birchwood (Secure, with
 * no strength of its own) 3 km. Each needing school's need is RWM attainment.
 */
export async function placedLa(): Promise<{ db: Db; users: Awaited<ReturnType<typeof smallLa>> }> {
	const db = await freshDb();
	const users = await smallLa(db);
	const places: [number, number][] = [
		[URNS.securePlus, 0],
		[URNS.intensive, 2],
		[URNS.secure, 3],
		[URNS.focus, 5],
		[URNS.lightTouch, 8],
		[URNS.infant, 1]
	];
	for (const [urn, km] of places)
		await db
			.updateTable('schools')
			.set({ easting: 450000 + km * 1000, northing: 150000 })
			.where('urn', '=', urn)
			.execute();
	await runAnalysis(db, { year: 2019, userId: null, today: '2019-10-01' });
	return { db, users };
}
