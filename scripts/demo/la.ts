import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import { DEMO_LA, demoSchools } from './schools';

/**
 * Loads the demo LA's school register. Returns the demo schools' URNs in a stable order.
 * (Until the importer exists this writes the register rows directly.)
 */
export async function loadDemoLa(db: Db): Promise<number[]> {
	const schools = demoSchools();
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		for (const s of schools) {
			await trx
				.insertInto('schools')
				.values({
					urn: s.urn,
					la_code: DEMO_LA.code,
					la_name: DEMO_LA.name,
					establishment_number: s.establishmentNumber,
					name: s.name,
					type: s.type,
					phase: s.phase === 'special' ? 'Not applicable' : 'Primary',
					status: 'Open',
					age_low: s.ageLow,
					age_high: s.ageHigh,
					head_name: s.headName,
					street: s.street,
					locality: null,
					town: s.town,
					postcode: s.postcode,
					easting: s.easting,
					northing: s.northing,
					ofsted_rating: s.ofstedRating,
					ofsted_date: s.ofstedDate,
					link_adviser_id: null,
					created_at: now,
					updated_at: now
				})
				.execute();
		}
	});
	return schools.map((s) => s.urn);
}
